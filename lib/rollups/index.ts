import { Param, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/lib/sync/bulk";
import { aggregateSql, STAT_COLUMNS } from "./aggregate";
import { announceRollupWrite } from "@/lib/runtime/shared-read";

/**
 * Keeping `engineer_day_stats` equal to `aggregateSql({ kind: "all" })` at all times:
 *  - `rollupKeysOfTickets` before and `refreshRollups` after a ledger write recompute exactly the
 *    (engineer, day) pairs the write touched (old and new days, old and new engineers);
 *  - `rebuildRollups` recomputes everything (or everything from a day on) after bulk rescoring.
 * Call them inside the writer's transaction so readers never see a half-refreshed board.
 */

export type RollupKey = { engineerId: number; day: string };

const COLS = sql.raw(["engineer_id", "day", ...STAT_COLUMNS].join(", "));

function keysFrom(result: unknown): RollupKey[] {
  return rowsOf(result).map((r) => ({ engineerId: Number(r.engineer_id), day: String(r.day).slice(0, 10) }));
}

/** The (engineer, day) pairs that the ledger rows and ratings of these tickets count in now. */
export async function rollupKeysOfTickets(db: Db, ticketIds: readonly number[]): Promise<RollupKey[]> {
  if (ticketIds.length === 0) return [];
  // `= any(array)`, not `in (select … from jsonb_array_elements)`: the planner took the set-
  // returning function for 100 ids and hash-joined the whole ledger and all ratings on every page.
  const ids = new Param([...ticketIds]);
  const res = await db.execute(sql`
    select distinct engineer_id, to_char((earned_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day
      from points_ledger where ticket_id = any(${ids}::bigint[])
    union
    select distinct i.engineer_id, to_char((r.rated_at at time zone 'UTC')::date, 'YYYY-MM-DD')
      from ratings r join engineer_identities i on i.id = r.rated_identity_id
      where r.ticket_id = any(${ids}::bigint[]) and i.engineer_id is not null`);
  return keysFrom(res);
}

/** The pair a ledger row counts in (for a dispute adjustment on it). */
export async function rollupKeysOfLedgerRows(db: Db, ledgerIds: readonly number[]): Promise<RollupKey[]> {
  if (ledgerIds.length === 0) return [];
  const res = await db.execute(sql`
    select distinct engineer_id, to_char((earned_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day
    from points_ledger where id in (select (jsonb_array_elements_text(${JSON.stringify([...ledgerIds])}::jsonb))::bigint)`);
  return keysFrom(res);
}

function dedupe(keys: readonly RollupKey[]): RollupKey[] {
  const seen = new Map<string, RollupKey>();
  for (const k of keys) seen.set(`${k.engineerId}:${k.day}`, k);
  return [...seen.values()];
}

/**
 * Recomputes the given pairs (give the pairs from before the write and those after; `ticketIds`
 * adds the pairs the tickets count in now). Pairs with no activity left are deleted.
 */
export async function refreshRollups(db: Db, before: readonly RollupKey[], ticketIds: readonly number[] = []): Promise<number> {
  const keys = dedupe([...before, ...(await rollupKeysOfTickets(db, ticketIds))]);
  if (keys.length === 0) return 0;
  await announceRollupWrite(db);
  const json = JSON.stringify(keys.map((k) => ({ e: k.engineerId, d: k.day })));
  await db.execute(sql`
    delete from engineer_day_stats s using jsonb_to_recordset(${json}::jsonb) as p(e integer, d date)
    where s.engineer_id = p.e and s.day = p.d`);
  await db.execute(sql`insert into engineer_day_stats (${COLS}) ${aggregateSql({ kind: "pairs", pairs: keys })}`);
  return keys.length;
}

/**
 * Recomputes every row (or every row from the UTC day `fromDay`, YYYY-MM-DD, on). `from.ledger`:
 * read the ledger rows from this table instead (the rebuild's next table, before it takes the
 * name); `from.ledgerDays`: take the ledger half from this table, already summed (see Scope).
 */
export async function rebuildRollups(db: Db, fromDay?: string, from: { ledger?: string; ledgerDays?: string } = {}): Promise<void> {
  await announceRollupWrite(db);
  if (fromDay === undefined) {
    await db.execute(sql`delete from engineer_day_stats`);
    await db.execute(sql`insert into engineer_day_stats (${COLS}) ${aggregateSql({ kind: "all", ...from })}`);
    return;
  }
  const start = new Date(`${fromDay}T00:00:00Z`);
  await db.execute(sql`delete from engineer_day_stats where day >= ${fromDay}::date`);
  await db.execute(
    sql`insert into engineer_day_stats (${COLS}) ${aggregateSql({ kind: "range", start, end: new Date("9999-01-01T00:00:00Z") })}`,
  );
}

export { aggregateSql, ROLLUP_TIME_ZONE, STAT_COLUMNS } from "./aggregate";
