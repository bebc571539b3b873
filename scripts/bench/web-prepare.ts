import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { rebuildRollups } from "@/lib/rollups";
import { rescoreAll } from "@/lib/sync/rescore";
import { rowsOf } from "@/lib/sync/bulk";
import { timed } from "./stats";

/** The generated workload has tickets only: score them once (which builds the rollups), or build missing rollups. */
export async function ensureLedgerAndRollups(handle: DbHandle, now: Date, log: (m: string) => void) {
  const count = async (table: string) =>
    Number(rowsOf(await handle.db.execute(sql.raw(`select count(*)::int as n from (select 1 from ${table} limit 1) x`)))[0]!.n);
  if ((await count("points_ledger")) === 0) {
    log("scoring the workload (rescoreAll, then rollups rebuilt)…");
    const { ms, result } = await timed(() => rescoreAll(handle.db, now));
    log(`ledger: ${result.written} rows in ${(ms / 1000).toFixed(1)} s`);
  } else if ((await count("engineer_day_stats")) === 0) {
    const { ms } = await timed(() => handle.db.transaction((tx) => rebuildRollups(tx)));
    log(`rollups rebuilt in ${(ms / 1000).toFixed(1)} s`);
  }
  await handle.db.execute(sql`analyze engineer_day_stats`);
}
