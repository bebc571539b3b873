import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/lib/sync/bulk";
import type { CustomSpec, DayFacts } from "./types";

/**
 * Set-based reads behind the challenge maths: one query per source (ratings, ledger, tickets),
 * each aggregated per (key, local day) in SQL. `key` is 0 for a team (or all teams) and the
 * engineer id for personal goals. No authorization here: callers in queries.ts and the jobs check.
 * When rollup tables land (issue #5) these three statements are what switches to them.
 *
 * Attribution: a rating belongs to the engineer its helpdesk identity maps to; points to the
 * ledger row's engineer; a solved ticket to every team/engineer with a ledger row on it
 * (a ticket shared by two teams counts for both; counted once per team).
 */

export type FactsArgs = {
  /** Null: every team (directors' all-teams challenges). */
  teamId: number | null;
  by: "team" | "engineer";
  from: Date;
  to: Date;
  timeZone: string;
  custom?: CustomSpec | null;
};

const dayOf = (col: SQL, tz: string) => sql`to_char(${col} at time zone ${tz}, 'YYYY-MM-DD')`;

function teamFilter(teamId: number | null): SQL {
  return teamId === null ? sql`e.team_id is not null` : sql`e.team_id = ${teamId}`;
}

export function emptyDay(date: string): DayFacts {
  return { date, ratings: 0, ratingSum: 0, fiveStars: 0, points: 0, solved: 0, reopened: 0, resolutionHours: [], custom: 0 };
}

export async function loadDayFacts(db: Db, a: FactsArgs): Promise<Map<number, DayFacts[]>> {
  const key = a.by === "engineer" ? sql`e.id` : sql`0`;
  const commented = a.custom?.field === "commented_rating" ? Number(a.custom.value) || 5 : null;
  const [ratingRows, pointRows, ticketRows] = await Promise.all([
    db.execute(sql`
      select ${key} as key, ${dayOf(sql`r.rated_at`, a.timeZone)} as day, count(*)::int as n, sum(r.score)::float8 as total,
             (count(*) filter (where r.score >= 5))::int as fives,
             (count(*) filter (where ${commented === null ? sql`false` : sql`r.score >= ${commented} and coalesce(btrim(r.comment), '') <> ''`}))::int as commented
      from ratings r
      join engineer_identities i on i.id = r.rated_identity_id
      join engineers e on e.id = i.engineer_id
      where ${teamFilter(a.teamId)} and r.rated_at >= ${a.from.toISOString()} and r.rated_at < ${a.to.toISOString()}
      group by 1, 2`),
    db.execute(sql`
      select ${key} as key, ${dayOf(sql`l.earned_at`, a.timeZone)} as day, sum(l.points + coalesce(adj.a, 0))::float8 as points
      from points_ledger l
      join engineers e on e.id = l.engineer_id
      left join (select ledger_id, sum(adjustment) as a from disputes where status = 'accepted' group by ledger_id) adj on adj.ledger_id = l.id
      where ${teamFilter(a.teamId)} and l.earned_at >= ${a.from.toISOString()} and l.earned_at < ${a.to.toISOString()}
      group by 1, 2`),
    db.execute(sql`
      select k.key, ${dayOf(sql`t.solved_at`, a.timeZone)} as day, count(*)::int as solved,
             (count(*) filter (where t.reopen_count > 0))::int as reopened,
             array_agg((extract(epoch from (t.solved_at - t.created_at_source)) / 3600)::float8) as hours,
             (count(*) filter (where ${customTicketFilter(a.custom)}))::int as custom
      from (select distinct ${key} as key, l.ticket_id
            from points_ledger l join engineers e on e.id = l.engineer_id
            where ${teamFilter(a.teamId)} and l.earned_at >= ${a.from.toISOString()} and l.earned_at < ${a.to.toISOString()}) k
      join tickets t on t.id = k.ticket_id
      where t.solved_at is not null and not t.is_spam and not t.is_deleted
      group by 1, 2`),
  ]);

  const out = new Map<number, Map<string, DayFacts>>();
  const at = (k: unknown, day: unknown) => {
    const kk = Number(k);
    let m = out.get(kk);
    if (!m) out.set(kk, (m = new Map()));
    let d = m.get(String(day));
    if (!d) m.set(String(day), (d = emptyDay(String(day))));
    return d;
  };
  for (const r of rowsOf(ratingRows)) {
    const d = at(r.key, r.day);
    d.ratings = Number(r.n);
    d.ratingSum = Number(r.total);
    d.fiveStars = Number(r.fives);
    if (commented !== null) d.custom += Number(r.commented);
  }
  for (const r of rowsOf(pointRows)) at(r.key, r.day).points = Math.round(Number(r.points) * 1000) / 1000;
  for (const r of rowsOf(ticketRows)) {
    const d = at(r.key, r.day);
    d.solved = Number(r.solved);
    d.reopened = Number(r.reopened);
    d.resolutionHours = parsePgArray(r.hours).map((h) => Math.round(h * 1000) / 1000);
    if (commented === null) d.custom += Number(r.custom);
  }
  return new Map([...out].map(([k, m]) => [k, [...m.values()].sort((x, y) => x.date.localeCompare(y.date))]));
}

function customTicketFilter(c: CustomSpec | null | undefined): SQL {
  if (!c || c.field === "commented_rating") return sql`false`;
  // Compared case-insensitively: helpdesks spell priorities "Urgent" or "urgent".
  return c.field === "priority" ? sql`lower(t.priority) = lower(${c.value})` : sql`lower(t.ticket_type) = lower(${c.value})`;
}

/** postgres-js parses float8[] into numbers; PGlite may hand back "{1.5,2}". */
function parsePgArray(v: unknown): number[] {
  if (Array.isArray(v)) return v.map(Number);
  if (typeof v === "string") return v.replace(/^\{|\}$/g, "").split(",").filter(Boolean).map(Number);
  return [];
}
