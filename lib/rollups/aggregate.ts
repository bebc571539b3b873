import { sql, type SQL } from "drizzle-orm";

/**
 * The one definition of a rollup row: per engineer and UTC day, from the ledger (with accepted
 * dispute adjustments), the tickets and the ratings. Used to rebuild, to refresh some
 * (engineer, day) pairs, and to add the partial days at the edges of a period in another zone.
 */

export const ROLLUP_TIME_ZONE = "UTC";

export const STAT_COLUMNS = [
  "points",
  "tickets",
  "reopened",
  "cross_skill",
  "hard_points",
  "resolution_seconds",
  "resolved",
  "ratings",
  "rating_sum",
  "five_stars",
  "five_star_comments",
] as const;

export type Scope =
  /**
   * `ledger`: another table with the ledger's columns (the rebuild's next one). `ledgerDays`: a table
   * that already holds the ledger half per (engineer, day) — engineer_id, day, points, tickets,
   * reopened, cross_skill, hard_points, resolution_seconds, resolved — summed by the rebuild while it
   * scored (lib/rollups/ledger-days.ts); only the ratings are aggregated here then.
   */
  | { kind: "all"; ledger?: string; ledgerDays?: string }
  /** Instants [start, end). */
  | { kind: "range"; start: Date; end: Date }
  /** Exact (engineer, UTC day) pairs. */
  | { kind: "pairs"; pairs: { engineerId: number; day: string }[] };

const dayOf = (col: SQL) => sql`((${col} at time zone 'UTC')::date)`;

function scoped(scope: Scope, engineerCol: SQL, atCol: SQL): { join: SQL; where: SQL } {
  if (scope.kind === "all") return { join: sql``, where: sql`true` };
  if (scope.kind === "range") {
    return { join: sql``, where: sql`${atCol} >= ${scope.start.toISOString()}::timestamptz and ${atCol} < ${scope.end.toISOString()}::timestamptz` };
  }
  const json = JSON.stringify(scope.pairs.map((p) => ({ e: p.engineerId, d: p.day })));
  // The days' overall span as a plain range too: without it the planner cannot use the time index
  // and scans the whole ledger and all ratings for a sync page's few days.
  const days = scope.pairs.map((p) => p.day).sort();
  const from = `${days[0] ?? "1970-01-01"}T00:00:00Z`;
  const to = new Date(Date.parse(`${days[days.length - 1] ?? "1970-01-01"}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    join: sql`join jsonb_to_recordset(${json}::jsonb) as p(e integer, d date)
      on ${engineerCol} = p.e and ${atCol} >= (p.d::timestamp at time zone 'UTC') and ${atCol} < ((p.d + 1)::timestamp at time zone 'UTC')`,
    where: sql`${atCol} >= ${from}::timestamptz and ${atCol} < ${to}::timestamptz`,
  };
}

/** `select engineer_id, day, <STAT_COLUMNS>` over the scope; one row per (engineer, day) with any activity. */
export function aggregateSql(scope: Scope): SQL {
  const l = scoped(scope, sql`l.engineer_id`, sql`l.earned_at`);
  const r = scoped(scope, sql`i.engineer_id`, sql`r.rated_at`);
  const ledgerDays = scope.kind === "all" ? scope.ledgerDays : undefined;
  const led = ledgerDays
    ? sql`select engineer_id, day, points, tickets, reopened, cross_skill, hard_points, resolution_seconds, resolved from ${sql.identifier(ledgerDays)}`
    : sql`
      select l.engineer_id, ${dayOf(sql`l.earned_at`)} as day,
        sum(l.points + coalesce(adj.a, 0)) as points,
        count(*) filter (where l.state <> 'revoked') as tickets,
        count(*) filter (where l.state <> 'revoked' and t.reopen_count > 0) as reopened,
        count(*) filter (where l.state <> 'revoked' and t.skill_group_id is not null and not exists (
          select 1 from engineer_skill_groups s where s.engineer_id = l.engineer_id and s.skill_group_id = t.skill_group_id)) as cross_skill,
        coalesce(sum(l.points + coalesce(adj.a, 0)) filter (where ln.code in ('L2', 'L3')), 0) as hard_points,
        coalesce(sum(extract(epoch from t.solved_at - t.created_at_source)) filter (where l.state <> 'revoked' and t.solved_at is not null), 0)::bigint as resolution_seconds,
        count(*) filter (where l.state <> 'revoked' and t.solved_at is not null) as resolved
      from ${sql.identifier(scope.kind === "all" && scope.ledger ? scope.ledger : "points_ledger")} l ${l.join}
      join tickets t on t.id = l.ticket_id
      left join lines ln on ln.id = t.line_id
      left join adj on adj.ledger_id = l.id
      where ${l.where}
      group by 1, 2`;
  return sql`
    with adj as (
      select ledger_id, sum(adjustment) as a from disputes where status = 'accepted' group by ledger_id
    ), led as (${led}
    ), rat as (
      select i.engineer_id, ${dayOf(sql`r.rated_at`)} as day,
        count(*) as ratings, sum(r.score) as rating_sum,
        count(*) filter (where r.score >= 5) as five_stars,
        count(*) filter (where r.score >= 5 and coalesce(btrim(r.comment), '') <> '') as five_star_comments
      from ratings r join engineer_identities i on i.id = r.rated_identity_id ${r.join}
      where i.engineer_id is not null and ${r.where}
      group by 1, 2
    )
    select coalesce(led.engineer_id, rat.engineer_id) as engineer_id, coalesce(led.day, rat.day) as day,
      coalesce(led.points, 0) as points, coalesce(led.tickets, 0) as tickets, coalesce(led.reopened, 0) as reopened,
      coalesce(led.cross_skill, 0) as cross_skill, coalesce(led.hard_points, 0) as hard_points,
      coalesce(led.resolution_seconds, 0) as resolution_seconds, coalesce(led.resolved, 0) as resolved,
      coalesce(rat.ratings, 0) as ratings, coalesce(rat.rating_sum, 0) as rating_sum,
      coalesce(rat.five_stars, 0) as five_stars, coalesce(rat.five_star_comments, 0) as five_star_comments
    from led full join rat on rat.engineer_id = led.engineer_id and rat.day = led.day`;
}
