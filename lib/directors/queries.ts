import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineers, teams } from "@/db/schema";
import { AuthError, canViewDirectors, requireViewer, type Viewer } from "@/lib/auth/policy";
import { parseDate, periodContaining, previousPeriod, startOfLocalDay, type Period } from "@/lib/periods";
import { rowsOf } from "@/lib/sync/bulk";

/**
 * The directors' view: every team per quarter (UTC quarters, as on the boards), aggregated in SQL
 * per (team or engineer, quarter) in two statements — ratings, and solved tickets with reopen,
 * resolution and whether they were rated. Directors and admins only, checked here.
 */

export type QualityRow = {
  /** Team or engineer id. */
  id: number;
  name: string;
  ratings: number;
  /** Average 1–5; null without ratings. */
  average: number | null;
  /** Five-star ratings over all ratings, 0–1. */
  fiveStarShare: number | null;
  solved: number;
  /** Reopened solved tickets over solved tickets, 0–1. */
  reopenRate: number | null;
  medianResolutionHours: number | null;
  /** Solved tickets with a rating over solved tickets, 0–1. */
  responseRate: number | null;
};

export const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

export function quarterOf(key: string | undefined, now: Date): Period {
  const m = key ? QUARTER_RE.exec(key) : null;
  if (!m) return periodContaining("quarter", now, "UTC");
  const start = startOfLocalDay(parseDate(`${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, "0")}-01`), "UTC");
  return periodContaining("quarter", start, "UTC");
}

export const quarterKey = (p: Period) => `${p.startDate.slice(0, 4)}-Q${Math.floor((Number(p.startDate.slice(5, 7)) - 1) / 3) + 1}`;

/** Quality per (group, quarter start) over the quarters from `first` to `last`. */
async function qualityByQuarter(db: Db, a: { by: "team" | "engineer"; teamId?: number; first: Period; last: Period }): Promise<Map<string, Map<number, Omit<QualityRow, "id" | "name">>>> {
  const key = a.by === "team" ? sql`e.team_id` : sql`e.id`;
  const where = a.teamId !== undefined ? sql`e.team_id = ${a.teamId}` : sql`e.team_id is not null`;
  const from = a.first.start.toISOString();
  const to = a.last.end.toISOString();
  const q = (col: string) => sql`to_char(date_trunc('quarter', ${sql.raw(col)} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const [r, t] = await Promise.all([
    db.execute(sql`
      select ${key} as k, ${q("r.rated_at")} as q, count(*)::int as n, avg(r.score)::float8 as avg, (count(*) filter (where r.score >= 5))::int as fives
      from ratings r join engineer_identities i on i.id = r.rated_identity_id join engineers e on e.id = i.engineer_id
      where ${where} and r.rated_at >= ${from} and r.rated_at < ${to}
      group by 1, 2`),
    db.execute(sql`
      select k.k, ${q("tk.solved_at")} as q, count(*)::int as solved, (count(*) filter (where tk.reopen_count > 0))::int as reopened,
             (percentile_cont(0.5) within group (order by extract(epoch from (tk.solved_at - tk.created_at_source)) / 3600))::float8 as median,
             (count(*) filter (where exists (select 1 from ratings rr where rr.ticket_id = tk.id)))::int as rated
      from (select distinct ${key} as k, l.ticket_id from points_ledger l join engineers e on e.id = l.engineer_id
            where ${where} and l.earned_at >= ${from} and l.earned_at < ${to}) k
      join tickets tk on tk.id = k.ticket_id
      where tk.solved_at is not null and not tk.is_spam and not tk.is_deleted
      group by 1, 2`),
  ]);
  const out = new Map<string, Map<number, Omit<QualityRow, "id" | "name">>>();
  const at = (qs: unknown, k: unknown) => {
    let m = out.get(String(qs));
    if (!m) out.set(String(qs), (m = new Map()));
    let row = m.get(Number(k));
    if (!row) m.set(Number(k), (row = { ratings: 0, average: null, fiveStarShare: null, solved: 0, reopenRate: null, medianResolutionHours: null, responseRate: null }));
    return row;
  };
  for (const x of rowsOf(r)) {
    const row = at(x.q, x.k);
    row.ratings = Number(x.n);
    row.average = round(Number(x.avg), 3);
    row.fiveStarShare = round(Number(x.fives) / Number(x.n), 4);
  }
  for (const x of rowsOf(t)) {
    const row = at(x.q, x.k);
    row.solved = Number(x.solved);
    row.reopenRate = round(Number(x.reopened) / Number(x.solved), 4);
    row.medianResolutionHours = x.median === null ? null : round(Number(x.median), 2);
    row.responseRate = round(Number(x.rated) / Number(x.solved), 4);
  }
  return out;
}

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

export type DirectorsView = {
  quarter: Period;
  key: string;
  previous: Period;
  lastYear: Period;
  /** Oldest first, ending with the selected quarter. */
  quarters: Period[];
  rows: QualityRow[];
  previousRows: Map<number, QualityRow>;
  lastYearRows: Map<number, QualityRow>;
  /** Average CSAT per team per quarter, for the trend chart and its CSV. */
  trend: { quarter: string; values: Record<string, number | null> }[];
  teams: { id: number; name: string }[];
};

function quartersEnding(last: Period, n: number): Period[] {
  const out = [last];
  while (out.length < n) out.unshift(previousPeriod(out[0]!));
  return out;
}

export async function getDirectorsView(db: Db, viewer: Viewer | null, args: { quarter?: string; now?: Date } = {}): Promise<DirectorsView> {
  const v = requireViewer(viewer);
  if (!canViewDirectors(v)) throw new AuthError(403, "The directors' view is for directors and admins.");
  const quarter = quarterOf(args.quarter, args.now ?? new Date());
  const quarters = quartersEnding(quarter, 8);
  const [data, teamRows] = await Promise.all([
    qualityByQuarter(db, { by: "team", first: quarters[0]!, last: quarter }),
    db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(teams.name),
  ]);
  const rowsFor = (p: Period) => teamRows.map((t) => ({ id: t.id, name: t.name, ...(data.get(p.startDate)?.get(t.id) ?? empty()) }));
  const previous = quarters[6]!;
  const lastYear = quarters[3]!;
  return {
    quarter,
    key: quarterKey(quarter),
    previous,
    lastYear,
    quarters,
    rows: rowsFor(quarter),
    previousRows: new Map(rowsFor(previous).map((r) => [r.id, r])),
    lastYearRows: new Map(rowsFor(lastYear).map((r) => [r.id, r])),
    trend: quarters.map((p) => ({ quarter: p.label, values: Object.fromEntries(teamRows.map((t) => [t.name, data.get(p.startDate)?.get(t.id)?.average ?? null])) })),
    teams: teamRows,
  };
}

const empty = (): Omit<QualityRow, "id" | "name"> => ({ ratings: 0, average: null, fiveStarShare: null, solved: 0, reopenRate: null, medianResolutionHours: null, responseRate: null });

/** `trend[i].quarter` is `quarters[i]`'s English label (the CSV's); pages label it in the viewer's language from `quarters`. */
export type TeamDrilldown = { team: { id: number; name: string }; quarter: Period; key: string; quarters: Period[]; engineers: QualityRow[]; trend: (QualityRow & { quarter: string })[] };

/** One team: its engineers in the quarter, and the team's last eight quarters. */
export async function getTeamDrilldown(db: Db, viewer: Viewer | null, args: { teamId: number; quarter?: string; now?: Date }): Promise<TeamDrilldown> {
  const v = requireViewer(viewer);
  if (!canViewDirectors(v)) throw new AuthError(403, "The directors' view is for directors and admins.");
  const [team] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, args.teamId));
  if (!team) throw new AuthError(403, "No such team.");
  const quarter = quarterOf(args.quarter, args.now ?? new Date());
  const quarters = quartersEnding(quarter, 8);
  const [byEngineer, byTeam, people] = await Promise.all([
    qualityByQuarter(db, { by: "engineer", teamId: team.id, first: quarter, last: quarter }),
    qualityByQuarter(db, { by: "team", teamId: team.id, first: quarters[0]!, last: quarter }),
    db.select({ id: engineers.id, name: engineers.displayName }).from(engineers).where(eq(engineers.teamId, team.id)).orderBy(engineers.displayName),
  ]);
  return {
    team,
    quarter,
    key: quarterKey(quarter),
    quarters,
    engineers: people.map((p) => ({ id: p.id, name: p.name, ...(byEngineer.get(quarter.startDate)?.get(p.id) ?? empty()) })),
    trend: quarters.map((p) => ({ id: team.id, name: team.name, quarter: p.label, ...(byTeam.get(p.startDate)?.get(team.id) ?? empty()) })),
  };
}
