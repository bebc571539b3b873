import type { Writable } from "node:stream";
import type { Db } from "@/db/client";

/**
 * Plain SQL returning rows as arrays, on the driver's own client. The whole-ledger paths (rebuild,
 * what-if) read millions of rows: arrays skip drizzle's per-row objects and key mapping, which
 * cost more than the query itself. Both drivers parse int4, float8 and bool to JS values.
 */

type PgClient = { unsafe: (q: string, p?: unknown[]) => { values: () => Promise<unknown[][]> } };
type PgliteClient = { query: (q: string, p?: unknown[], o?: { rowMode: "array" }) => Promise<{ rows: unknown[][] }> };

export function clientOf(db: Db): PgClient | PgliteClient {
  const c = (db as unknown as { $client?: unknown; session?: { client?: unknown } }).session?.client ?? (db as unknown as { $client: unknown }).$client;
  return c as PgClient | PgliteClient;
}

export async function rawRows(db: Db, text: string, params: unknown[] = []): Promise<unknown[][]> {
  const c = clientOf(db);
  if ("unsafe" in c) return c.unsafe(text, params).values();
  return (await c.query(text, params, { rowMode: "array" })).rows;
}

/** A COPY … FROM STDIN on the transaction's connection, written chunk by chunk with back-pressure. */
export async function openCopy(tx: Db, table: string, cols: string, freeze = false) {
  const client = clientOf(tx) as unknown as { unsafe: (q: string) => { writable: () => Promise<Writable> } };
  const stream = await client.unsafe(`copy ${table} (${cols}) from stdin${freeze ? " (freeze)" : ""}`).writable();
  let failed: Error | null = null;
  stream.on("error", (e) => (failed = e));
  return {
    write: (text: string) =>
      new Promise<void>((resolve, reject) => {
        if (failed) return reject(failed);
        if (stream.write(text)) resolve();
        else stream.once("drain", () => (failed ? reject(failed) : resolve()));
      }),
    end: () =>
      new Promise<void>((resolve, reject) => {
        if (failed) return reject(failed);
        stream.once("error", reject);
        stream.end(() => resolve());
      }),
  };
}
