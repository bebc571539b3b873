import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { challenges, engineers, teams, type Challenge } from "@/db/schema";
import { AuthError, canManageChallenge, canViewChallenge, requireViewer, type Viewer } from "@/lib/auth/policy";
import { t } from "@/lib/i18n";
import { addDays, dayKey, parseDate, periodContaining, startOfLocalDay } from "@/lib/periods";
import { rowsOf } from "@/lib/sync/bulk";
import { buildContributors, type Contributor } from "./contributors";
import { evaluateChallenge } from "./evaluate";
import { emptyDay, loadDayFacts } from "./facts";
import { describeFrozenResult, readFrozenResult } from "./frozen";
import { loadQuarterHistory } from "./history";
import { suggestTarget, type QuarterResult, type Suggestion } from "./suggest";
import type { ChallengeSpec, ChallengeState, CustomSpec, Evaluation, Metric } from "./types";

/** Reads for the challenge pages, the digest and the close job. Authorization inside each `(db, viewer, args)`. */

export type ChallengeRow = Challenge & { teamName: string | null; timeZone: string };

export type PersonalProgress = { engineerId: number; name: string; evaluation: Evaluation };

export type ChallengeView = {
  challenge: ChallengeRow;
  today: string;
  /** The team (or all teams) as a whole; for personal goals the team's sum, shown for context. */
  evaluation: Evaluation;
  /** scope = engineer: one row per engineer of the team. */
  personal: PersonalProgress[];
  contributors: Contributor[];
  canEdit: boolean;
};

export const specOf = (c: Challenge): ChallengeSpec => ({
  metric: c.metric as Metric,
  target: c.target,
  minCount: c.minCount,
  periodStart: c.periodStart,
  periodEnd: c.periodEnd,
});

/** Instants of a challenge's period in its zone: [first local midnight, the midnight after the last day). */
export function challengeBounds(c: Pick<Challenge, "periodStart" | "periodEnd">, timeZone: string) {
  return { from: startOfLocalDay(parseDate(c.periodStart), timeZone), to: startOfLocalDay(addDays(parseDate(c.periodEnd), 1), timeZone) };
}

async function loadRow(db: Db, id: number): Promise<ChallengeRow | null> {
  const [r] = await db
    .select({ c: challenges, teamName: teams.name, timeZone: teams.timeZone })
    .from(challenges)
    .leftJoin(teams, eq(teams.id, challenges.teamId))
    .where(eq(challenges.id, id));
  return r ? { ...r.c, teamName: r.teamName, timeZone: r.timeZone ?? "UTC" } : null;
}

/** Evaluates one challenge for the team and, for personal goals, each engineer. No authorization (jobs call it). */
/** `locale`: the language of the "what it takes" sentences (the viewer's, or the digest's). */
export async function evaluateStoredChallenge(db: Db, c: ChallengeRow, now: Date, locale = "en") {
  const today = dayKey(now, c.timeZone);
  const { from, to } = challengeBounds(c, c.timeZone);
  const custom = (c.custom as CustomSpec | null) ?? null;
  const spec = specOf(c);
  const teamFacts = await loadDayFacts(db, { teamId: c.teamId, by: "team", from, to, timeZone: c.timeZone, custom });
  const evaluation = evaluateChallenge(spec, teamFacts.get(0) ?? [], today, locale);
  let personal: PersonalProgress[] = [];
  if (c.scope === "engineer") {
    const facts = await loadDayFacts(db, { teamId: c.teamId, by: "engineer", from, to, timeZone: c.timeZone, custom });
    const people = await db
      .select({ id: engineers.id, name: engineers.displayName })
      .from(engineers)
      .where(and(eq(engineers.active, true), c.teamId === null ? sql`${engineers.teamId} is not null` : eq(engineers.teamId, c.teamId)))
      .orderBy(engineers.displayName);
    personal = people.map((p) => ({ engineerId: p.id, name: p.name, evaluation: evaluateChallenge(spec, facts.get(p.id) ?? [emptyDay(c.periodStart)], today, locale) }));
  }
  return { today, evaluation, personal };
}

export async function getChallengeView(db: Db, viewer: Viewer | null, args: { id: number; now?: Date }): Promise<ChallengeView> {
  const v = requireViewer(viewer);
  const c = await loadRow(db, args.id);
  if (!c || !canViewChallenge(v, c.teamId)) throw new AuthError(403, "This challenge does not exist or is not yours to see.");
  const now = args.now ?? new Date();
  const { today, evaluation, personal } = await evaluateStoredChallenge(db, c, now, v.locale);
  const day = periodContaining("day", now, c.timeZone);
  return { challenge: c, today, evaluation, personal, contributors: await loadContributors(db, { teamId: c.teamId, from: day.start, to: day.end }), canEdit: canManageChallenge(v, c.teamId) && c.closedAt === null };
}

/** The raw row for the edit form, for those who may edit it. */
export async function getChallengeForEdit(db: Db, viewer: Viewer | null, id: number): Promise<ChallengeRow> {
  const v = requireViewer(viewer);
  const c = await loadRow(db, id);
  if (!c || !canManageChallenge(v, c.teamId)) throw new AuthError(403, "Only the team's lead or a director can edit this challenge.");
  return c;
}

export type ChallengeListItem = {
  challenge: ChallengeRow;
  evaluation: Evaluation | null;
  /** A closed challenge's frozen result, its sentence in the viewer's language. */
  closed: { state: ChallengeState; text: string } | null;
};

/** Challenges the viewer may see, newest first, open ones evaluated (closed ones show their frozen result). */
export async function listChallenges(db: Db, viewer: Viewer | null, args: { now?: Date } = {}): Promise<ChallengeListItem[]> {
  const v = requireViewer(viewer);
  const visible =
    v.role === "admin" || v.role === "director"
      ? undefined
      : v.teamId === null
        ? isNull(challenges.teamId)
        : or(isNull(challenges.teamId), eq(challenges.teamId, v.teamId));
  const rows = await db
    .select({ c: challenges, teamName: teams.name, timeZone: teams.timeZone })
    .from(challenges)
    .leftJoin(teams, eq(teams.id, challenges.teamId))
    .where(visible)
    .orderBy(desc(challenges.periodEnd), desc(challenges.id))
    .limit(100);
  const now = args.now ?? new Date();
  return Promise.all(
    rows.map(async (r) => {
      const c: ChallengeRow = { ...r.c, teamName: r.teamName, timeZone: r.timeZone ?? "UTC" };
      if (c.closedAt) {
        const r = readFrozenResult(c.result);
        return { challenge: c, evaluation: null, closed: r && { state: r.state, text: describeFrozenResult(specOf(c), r, v.locale) } };
      }
      return { challenge: c, evaluation: (await evaluateStoredChallenge(db, c, now, v.locale)).evaluation, closed: null };
    }),
  );
}

/**
 * Who brought ratings or points in [from, to): each rating's ticket split by the contributors'
 * points on it (equal split when the ticket has no points; the rated engineer when it has no ledger rows).
 */
export async function loadContributors(db: Db, a: { teamId: number | null; from: Date; to: Date }): Promise<Contributor[]> {
  const inTeam = a.teamId === null ? sql`e.team_id is not null` : sql`e.team_id = ${a.teamId}`;
  const [ratingRows, pointRows] = await Promise.all([
    db.execute(sql`
      with rated as (
        select r.id, r.score, r.ticket_id, r.rated_identity_id, coalesce(t.external_id, r.ticket_external_id) as ref
        from ratings r left join tickets t on t.id = r.ticket_id
        where r.rated_at >= ${a.from.toISOString()} and r.rated_at < ${a.to.toISOString()}
      ), shares as (
        select l.ticket_id, l.engineer_id, greatest(l.points, 0) as p,
               sum(greatest(l.points, 0)) over (partition by l.ticket_id) as total, count(*) over (partition by l.ticket_id) as n
        from points_ledger l where l.ticket_id in (select ticket_id from rated where ticket_id is not null)
      )
      select rated.id as rating_id, rated.score::float8 as score, rated.ref, e.id as engineer_id, e.display_name as name, (${inTeam}) as in_scope,
             (case when s.engineer_id is null then 1 when s.total > 0 then s.p / s.total else 1.0 / s.n end)::float8 as share
      from rated
      left join shares s on s.ticket_id = rated.ticket_id
      left join engineer_identities i on i.id = rated.rated_identity_id
      join engineers e on e.id = coalesce(s.engineer_id, i.engineer_id)
      where rated.id in (
        select r2.id from rated r2
        left join shares s2 on s2.ticket_id = r2.ticket_id
        left join engineer_identities i2 on i2.id = r2.rated_identity_id
        join engineers e on e.id = coalesce(s2.engineer_id, i2.engineer_id)
        where ${inTeam})`),
    db.execute(sql`
      select e.id as engineer_id, e.display_name as name, sum(l.points)::float8 as points
      from points_ledger l join engineers e on e.id = l.engineer_id
      where ${inTeam} and l.earned_at >= ${a.from.toISOString()} and l.earned_at < ${a.to.toISOString()}
      group by 1, 2`),
  ]);
  return buildContributors(
    rowsOf(ratingRows).map((r) => ({
      ratingId: Number(r.rating_id),
      score: Number(r.score),
      ticketRef: String(r.ref),
      engineerId: Number(r.engineer_id),
      name: String(r.name),
      inScope: r.in_scope === true || r.in_scope === "t",
      share: Number(r.share),
    })),
    rowsOf(pointRows).map((r) => ({ engineerId: Number(r.engineer_id), name: String(r.name), points: Number(r.points) })),
  );
}

export type SuggestionView = { history: QuarterResult[]; suggestion: Suggestion | null };

/** The suggested target with the quarters it comes from. Same rights as creating a challenge for that team. */
export async function getSuggestion(
  db: Db,
  viewer: Viewer | null,
  args: { teamId: number | null; metric: Metric; custom?: CustomSpec | null; now?: Date },
): Promise<SuggestionView> {
  const v = requireViewer(viewer);
  if (!canManageChallenge(v, args.teamId)) throw new AuthError(403);
  let timeZone = "UTC";
  if (args.teamId !== null) {
    const [t] = await db.select({ tz: teams.timeZone }).from(teams).where(eq(teams.id, args.teamId));
    timeZone = t?.tz ?? "UTC";
  }
  const history = await loadQuarterHistory(db, { teamId: args.teamId, metric: args.metric, custom: args.custom, timeZone, now: args.now ?? new Date() });
  return { history, suggestion: suggestTarget(args.metric, history, v.locale) };
}

/** Teams the viewer may create challenges for (null = all teams, directors/admins). */
export async function listChallengeTeams(db: Db, viewer: Viewer | null): Promise<{ id: number | null; name: string }[]> {
  const v = requireViewer(viewer);
  if (v.role === "director" || v.role === "admin") {
    const all = await db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(teams.name);
    return [{ id: null, name: t(v.locale, "ch.allTeams") }, ...all];
  }
  if (v.role === "lead" && v.teamId !== null) return db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, [v.teamId]));
  return [];
}
