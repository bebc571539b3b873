import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { periodContaining, previousPeriod, type Period } from "@/lib/periods";
import { rowsOf } from "@/lib/sync/bulk";
import type { QuarterResult } from "./suggest";
import type { CustomSpec, Metric } from "./types";

/**
 * The team's past quarters for one metric, aggregated per quarter in SQL (one statement), for the
 * suggested target. Quarters are those of the team's zone; the current quarter is left out.
 */
export async function loadQuarterHistory(
  db: Db,
  a: { teamId: number | null; metric: Metric; custom?: CustomSpec | null; timeZone: string; now: Date; quarters?: number },
): Promise<QuarterResult[]> {
  const n = a.quarters ?? 6;
  const quarters: Period[] = [];
  let p = previousPeriod(periodContaining("quarter", a.now, a.timeZone));
  for (let i = 0; i < n; i++, p = previousPeriod(p)) quarters.unshift(p);
  const from = quarters[0]!.start.toISOString();
  const to = quarters[quarters.length - 1]!.end.toISOString();
  const tz = a.timeZone;
  const q = (col: string) => sql`to_char(date_trunc('quarter', ${sql.raw(col)} at time zone ${tz}), 'YYYY-MM-DD')`;
  const team = a.teamId === null ? sql`e.team_id is not null` : sql`e.team_id = ${a.teamId}`;
  let rows: Record<string, unknown>[];
  if (a.metric === "avg_csat" || a.metric === "five_star_count" || (a.metric === "custom" && a.custom?.field === "commented_rating")) {
    const min = Number(a.custom?.value) || 5;
    const value =
      a.metric === "avg_csat"
        ? sql`avg(r.score)::float8`
        : a.metric === "five_star_count"
          ? sql`(count(*) filter (where r.score >= 5))::float8`
          : sql`(count(*) filter (where r.score >= ${min} and coalesce(btrim(r.comment), '') <> ''))::float8`;
    rows = rowsOf(
      await db.execute(sql`
        select ${q("r.rated_at")} as q, ${value} as value, count(*)::int as n
        from ratings r join engineer_identities i on i.id = r.rated_identity_id join engineers e on e.id = i.engineer_id
        where ${team} and r.rated_at >= ${from} and r.rated_at < ${to} group by 1`),
    );
  } else if (a.metric === "points") {
    rows = rowsOf(
      await db.execute(sql`
        select ${q("l.earned_at")} as q, sum(l.points)::float8 as value, count(*)::int as n
        from points_ledger l join engineers e on e.id = l.engineer_id
        where ${team} and l.earned_at >= ${from} and l.earned_at < ${to} group by 1`),
    );
  } else {
    const value =
      a.metric === "reopen_rate_max"
        ? sql`(100.0 * count(*) filter (where t.reopen_count > 0) / count(*))::float8`
        : a.metric === "median_resolution_max"
          ? sql`(percentile_cont(0.5) within group (order by extract(epoch from (t.solved_at - t.created_at_source)) / 3600))::float8`
          : a.custom?.field === "priority"
            ? sql`(count(*) filter (where lower(t.priority) = lower(${a.custom.value})))::float8`
            : sql`(count(*) filter (where lower(t.ticket_type) = lower(${a.custom?.value ?? ""})))::float8`;
    rows = rowsOf(
      await db.execute(sql`
        select ${q("t.solved_at")} as q, ${value} as value, count(*)::int as n
        from (select distinct l.ticket_id from points_ledger l join engineers e on e.id = l.engineer_id
              where ${team} and l.earned_at >= ${from} and l.earned_at < ${to}) k
        join tickets t on t.id = k.ticket_id
        where t.solved_at is not null and not t.is_spam and not t.is_deleted group by 1`),
    );
  }
  const byStart = new Map(rows.map((r) => [String(r.q), r]));
  return quarters.map((qq) => {
    const r = byStart.get(qq.startDate);
    return { label: qq.label, value: r && r.value !== null ? Math.round(Number(r.value) * 1000) / 1000 : null, count: r ? Number(r.n) : 0 };
  });
}
