import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { migrateDatabase, openDatabase, type DbHandle } from "@/db/client";
import { SIZES, defaultAnchor } from "../gen/model";
import { BENCH_CONNECTION_NAME, generateWorkload, type GenMeta } from "../gen/write";
import type { BenchTarget } from "./target";

/** Opens the benchmark database, generating the workload first when it is missing or empty. */

async function postgresHasWorkload(url: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const a = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await a`select 1 as ok from pg_database where datname = ${name}`;
    if (!row) return false;
  } finally {
    await a.end();
  }
  const c = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await c`select exists (select 1 from connections where name = ${BENCH_CONNECTION_NAME}) and exists (select 1 from tickets) as ok`;
    return Boolean(row?.ok);
  } catch {
    return false; // not migrated, or another schema
  } finally {
    await c.end();
  }
}

export async function openWorkload(
  target: BenchTarget,
  opts: { size?: "S" | "M"; seed?: number; log?: (m: string) => void; max?: number } = {},
): Promise<{ handle: DbHandle; meta: GenMeta; generated: boolean }> {
  const log = opts.log ?? console.log;
  const has =
    target.kind === "postgres" ? await postgresHasWorkload(target.url) : fs.existsSync(path.join(target.dataDir, "pglite", "PG_VERSION"));
  let generated = false;
  if (!has) {
    const size = opts.size ?? "M";
    log(`no workload found: generating ${size} first`);
    await generateWorkload({ target, size: SIZES[size], seed: opts.seed ?? 1, anchor: defaultAnchor(), log });
    generated = true;
  }
  const handle =
    target.kind === "postgres"
      ? await openDatabase({ kind: "postgres", url: target.url, max: opts.max ?? 10 })
      : await openDatabase({ kind: "pglite", dataDir: target.dataDir });
  await migrateDatabase(handle); // other engineers' new migrations apply here; a no-op otherwise
  const [row] = await handle.query<{ settings: { workload?: GenMeta } }>(`select settings from connections where name = $1`, [BENCH_CONNECTION_NAME]);
  const meta = row?.settings?.workload;
  if (!meta) {
    await handle.close();
    throw new Error("The benchmark database has no `bench` connection with workload metadata; run `npm run gen` again.");
  }
  return { handle, meta, generated };
}
