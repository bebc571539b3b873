import { sql } from "drizzle-orm";
import type { Db, DbHandle } from "@/db/client";
import { rowsOf } from "@/lib/sync/bulk";
import { aggregateSql, STAT_COLUMNS } from "./aggregate";

/**
 * Period totals per engineer from the rollups. Whole UTC days come from `engineer_day_stats`; when
 * the period starts or ends inside a UTC day (a board in another time zone), those partial days are
 * aggregated from the ledger and ratings directly (at most two days of rows), so totals are exact.
 */

export type StatTotals = {
  engineerId: number;
  points: number;
  tickets: number;
  reopened: number;
  crossSkill: number;
  hardPoints: number;
  resolutionSeconds: number;
  resolved: number;
  ratings: number;
  ratingSum: number;
  fiveStars: number;
  fiveStarComments: number;
};

const DAY = 86_400_000;
const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);

const SUMS = sql.raw(STAT_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(", "));
const COLS = sql.raw(["engineer_id", ...STAT_COLUMNS].join(", "));

/**
 * Short-lived shared reads: every viewer of a board asks for the same sums and rankings, so ten
 * concurrent requests share one computation (the promise is cached), per database handle. Any
 * rollup write in this process bumps the generation, which retires every entry; writes by another
 * process (the worker, another web process) show within TTL_MS.
 */
const TTL_MS = 10_000;
type Entry = { at: number; gen: number; value: Promise<unknown> };
// On globalThis: Next's bundled pages and the server's jobs load separate copies of this module.
const shared = ((globalThis as { __podiumReads?: { gen: number; caches: WeakMap<object, Map<string, Entry>> } }).__podiumReads ??= {
  gen: 0,
  caches: new WeakMap(),
});

/** Called by the rollup writers (and, through `followRollupWrites`, by every other process's). */
export function invalidateTotals(): void {
  shared.gen++;
}

const CHANNEL = "podium_rollups";

/** Inside a rollup writer's transaction: tells every listening process, once it commits, to drop its shared reads. */
export async function announceRollupWrite(db: Db): Promise<void> {
  invalidateTotals();
  await db.execute(sql`select pg_notify(${CHANNEL}, '')`);
}

/**
 * For a web process: shared reads are dropped as soon as any process (the jobs, another web
 * process) commits a rollup write, instead of lasting out their TTL.
 */
export async function followRollupWrites(handle: Pick<DbHandle, "listen">): Promise<void> {
  await handle.listen(CHANNEL, invalidateTotals);
}

/** `compute()` shared by every caller asking for `key` on this database within TTL_MS (a failure is not kept). */
export function sharedRead<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = shared.caches.get(db);
  if (!cache) shared.caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && hit.gen === shared.gen && now - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = compute();
  const entry: Entry = { at: now, gen: shared.gen, value };
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  if (cache.size > 200) cache.clear();
  cache.set(key, entry);
  return value;
}

/** Totals for [start, end) per engineer with any activity (engineers without are absent). */
export function periodTotals(db: Db, start: Date, end: Date): Promise<Map<number, StatTotals>> {
  return sharedRead(db, `totals:${start.getTime()}:${end.getTime()}`, () => computeTotals(db, start, end));
}

async function computeTotals(db: Db, start: Date, end: Date): Promise<Map<number, StatTotals>> {
  const s = start.getTime();
  const e = end.getTime();
  const out = new Map<number, StatTotals>();
  if (!(e > s)) return out;
  const firstFull = Math.ceil(s / DAY) * DAY;
  const lastFullEnd = Math.floor(e / DAY) * DAY;
  const parts = [];
  if (firstFull < lastFullEnd) {
    parts.push(sql`select ${COLS} from engineer_day_stats where day >= ${utcDay(firstFull)}::date and day < ${utcDay(lastFullEnd)}::date`);
    if (s < firstFull) parts.push(sql`select ${COLS} from (${aggregateSql({ kind: "range", start, end: new Date(firstFull) })}) a`);
    if (lastFullEnd < e) parts.push(sql`select ${COLS} from (${aggregateSql({ kind: "range", start: new Date(lastFullEnd), end })}) b`);
  } else {
    parts.push(sql`select ${COLS} from (${aggregateSql({ kind: "range", start, end })}) a`);
  }
  const res = await db.execute(sql`select engineer_id, ${SUMS} from (${sql.join(parts, sql` union all `)}) x group by engineer_id`);
  for (const r of rowsOf(res)) {
    const n = (k: string) => Number(r[k] ?? 0);
    out.set(n("engineer_id"), {
      engineerId: n("engineer_id"),
      points: n("points"),
      tickets: n("tickets"),
      reopened: n("reopened"),
      crossSkill: n("cross_skill"),
      hardPoints: n("hard_points"),
      resolutionSeconds: n("resolution_seconds"),
      resolved: n("resolved"),
      ratings: n("ratings"),
      ratingSum: n("rating_sum"),
      fiveStars: n("five_stars"),
      fiveStarComments: n("five_star_comments"),
    });
  }
  return out;
}

export const EMPTY_TOTALS: Omit<StatTotals, "engineerId"> = {
  points: 0,
  tickets: 0,
  reopened: 0,
  crossSkill: 0,
  hardPoints: 0,
  resolutionSeconds: 0,
  resolved: 0,
  ratings: 0,
  ratingSum: 0,
  fiveStars: 0,
  fiveStarComments: 0,
};
