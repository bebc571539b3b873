/**
 * A separate process that syncs one connection, for kill tests of real connectors:
 *   node --import tsx tests/helpers/connection-sync-child.ts <DATABASE_URL> <connectionId>
 * Prints "committed <stream> <page>" after each committed page, then "done <status>".
 */
import { openDatabase } from "@/db/client";
import { runSync } from "@/lib/sync/run-sync";

const [url, id] = process.argv.slice(2);
if (!url || !id) throw new Error("usage: connection-sync-child.ts <DATABASE_URL> <connectionId>");
const handle = await openDatabase({ kind: "postgres", url, max: 3 });
const run = await runSync(handle, Number(id), { trigger: "backfill", maxPages: 100_000, onPage: (p) => console.log(`committed ${p.stream} ${p.page}`) });
console.log(`done ${run.status} ${run.error ?? ""}`);
await handle.close();
