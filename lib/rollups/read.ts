import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sharedRead } from "@/lib/runtime/shared-read";
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
