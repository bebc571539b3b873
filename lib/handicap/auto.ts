import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { announceRollupWrite } from "@/lib/runtime/shared-read";
import { auditLog, engineerIdentities, engineers, pointsLedger, ratings, teams } from "@/db/schema";
import { AuthError, canManageTeam, requireViewer, type Viewer } from "@/lib/auth/policy";
import { periodContaining, previousPeriod } from "@/lib/periods";
import { computeAutoHandicap, type TeamHistory } from "@/lib/scoring/handicap";
import { pickRules } from "@/lib/scoring/score";
import { loadRuleVersions } from "@/lib/sync/rule-sets";

/**
 * Team handicaps: the `team-handicap` job writes the automatic ones (pure maths in
 * lib/scoring/handicap.ts), and leads/admins choose per team between "by hand" (with values),
 * "automatic", or following the rule set's handicap mode.
 */

export type HandicapModeChoice = "rules" | "manual" | "auto";

/** The four whole UTC quarters before the one containing `now`, oldest first. */
export function trailingQuarters(now: Date): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  let q = previousPeriod(periodContaining("quarter", now, "UTC"));
  for (let i = 0; i < 4; i++, q = previousPeriod(q)) out.unshift({ start: q.start, end: q.end });
  return out;
}

/** Each team's ratings, points and engineers with points per quarter, from the stored data. */
async function teamHistories(db: Db, now: Date): Promise<TeamHistory[]> {
  const quarters = trailingQuarters(now);
  const from = quarters[0]!.start;
  const to = quarters[3]!.end;
  const quarterOf = (col: unknown) =>
    sql<number>`(case ${sql.join(
      quarters.map((q, i) => sql`when ${col} < ${q.end.toISOString()}::timestamptz then ${i}`),
      sql` `,
    )} end)`.mapWith(Number);
  const [teamRows, rated, earned] = await Promise.all([
    db.select({ id: teams.id }).from(teams),
    db
      .select({
        teamId: engineers.teamId,
        q: quarterOf(ratings.ratedAt),
        sum: sql<number>`sum(${ratings.score})`.mapWith(Number),
        count: sql<number>`count(*)`.mapWith(Number),
      })
      .from(ratings)
      .innerJoin(engineerIdentities, eq(ratings.ratedIdentityId, engineerIdentities.id))
      .innerJoin(engineers, eq(engineers.id, engineerIdentities.engineerId))
      .where(and(gte(ratings.ratedAt, from), lt(ratings.ratedAt, to)))
      .groupBy(sql`1`, sql`2`),
    db
      .select({
        teamId: engineers.teamId,
        q: quarterOf(pointsLedger.earnedAt),
        points: sql<number>`sum(${pointsLedger.points})`.mapWith(Number),
        engineers: sql<number>`count(distinct ${pointsLedger.engineerId})`.mapWith(Number),
      })
      .from(pointsLedger)
      .innerJoin(engineers, eq(engineers.id, pointsLedger.engineerId))
      .where(and(gte(pointsLedger.earnedAt, from), lt(pointsLedger.earnedAt, to)))
      .groupBy(sql`1`, sql`2`),
  ]);
  return teamRows.map((t) => ({
    teamId: t.id,
    quarters: quarters.map((_, i) => {
      const r = rated.find((x) => x.teamId === t.id && x.q === i);
      const e = earned.find((x) => x.teamId === t.id && x.q === i);
      return { ratingSum: r?.sum ?? 0, ratingCount: r?.count ?? 0, points: e?.points ?? 0, engineers: e?.engineers ?? 0 };
    }),
  }));
}

/**
 * Writes the automatic handicap to every team in automatic mode (its own, or the rule set's when it
 * follows the rules). Every team counts in the all-teams average. Idempotent: same data, same values.
 */
export async function refreshAutoHandicaps(db: Db, now: Date): Promise<{ teams: number; updated: number }> {
  const versions = await loadRuleVersions(db);
  const rules = pickRules(versions, now)!.config;
  const all = await db.select({ id: teams.id, mode: teams.handicapMode, csat: teams.handicapCsat, factor: teams.handicapPointsFactor }).from(teams);
  const auto = all.filter((t) => (t.mode ?? rules.handicapMode) === "auto");
  if (auto.length === 0) return { teams: 0, updated: 0 };
  const computed = computeAutoHandicap(await teamHistories(db, now), {
    strength: rules.handicapStrength,
    maxCsat: rules.handicapMaxCsat,
    maxPointsFactor: rules.handicapMaxPointsFactor,
  });
  let updated = 0;
  await db.transaction(async (tx) => {
    for (const t of auto) {
      const h = computed.find((c) => c.teamId === t.id)!;
      if (h.csat === t.csat && h.pointsFactor === t.factor) continue;
      await tx.update(teams).set({ handicapCsat: h.csat, handicapPointsFactor: h.pointsFactor }).where(eq(teams.id, t.id));
      updated++;
    }
    // The team board shares the teams' handicaps between viewers: drop them everywhere on commit.
    if (updated > 0) await announceRollupWrite(tx);
  });
  return { teams: auto.length, updated };
}

export const SetTeamHandicapSchema = z
  .object({
    teamId: z.coerce.number({ error: "Choose a team." }).int().positive("Choose a team."),
    mode: z.enum(["rules", "manual", "auto"], { error: "Choose how the handicap is set." }),
    csat: z.preprocess(
      (v) => (v === "" || v === undefined ? undefined : v),
      z.coerce.number({ error: "The CSAT handicap must be a number." }).min(-2, "The CSAT handicap must be between −2 and 2 stars.").max(2, "The CSAT handicap must be between −2 and 2 stars.").optional(),
    ),
    pointsFactor: z.preprocess(
      (v) => (v === "" || v === undefined ? undefined : v),
      z.coerce.number({ error: "The points factor must be a number." }).min(0.2, "The points factor must be between 0.2 and 5.").max(5, "The points factor must be between 0.2 and 5.").optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== "manual") return;
    if (v.csat === undefined) ctx.addIssue({ code: "custom", path: ["csat"], message: "Give the CSAT handicap (0 for none)." });
    if (v.pointsFactor === undefined) ctx.addIssue({ code: "custom", path: ["pointsFactor"], message: "Give the points factor (1 for none)." });
  });
export type SetTeamHandicapInput = z.infer<typeof SetTeamHandicapSchema>;

/**
 * A lead (own team) or admin chooses the team's handicap mode; by hand, with the values. Automatic
 * values are written right away (the job keeps them current). Audited, in one transaction.
 */
export async function setTeamHandicap(db: Db, viewer: Viewer | null, input: SetTeamHandicapInput, now = new Date()) {
  const v = requireViewer(viewer);
  const a = SetTeamHandicapSchema.parse(input);
  if (!canManageTeam(v, a.teamId)) throw new AuthError(403);
  const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, a.teamId));
  if (!team) throw new AuthError(403);
  await db.transaction(async (tx) => {
    await tx
      .update(teams)
      .set(
        a.mode === "manual"
          ? { handicapMode: "manual", handicapCsat: a.csat!, handicapPointsFactor: a.pointsFactor! }
          : { handicapMode: a.mode === "auto" ? "auto" : null },
      )
      .where(eq(teams.id, a.teamId));
    await announceRollupWrite(tx);
    await tx.insert(auditLog).values({
      actorUserId: v.userId,
      action: "team.handicap",
      entity: "team",
      entityId: String(a.teamId),
      details: { mode: a.mode, csat: a.csat ?? null, pointsFactor: a.pointsFactor ?? null },
    });
  });
  if (a.mode !== "manual") await refreshAutoHandicaps(db, now);
  const [after] = await db
    .select({ mode: teams.handicapMode, csat: teams.handicapCsat, pointsFactor: teams.handicapPointsFactor })
    .from(teams)
    .where(inArray(teams.id, [a.teamId]));
  return after!;
}

export type TeamHandicapSetting = { teamId: number; name: string; mode: HandicapModeChoice; csat: number; pointsFactor: number };

/** The teams whose handicap the viewer may set (a lead: their own; an admin: all), with the rule set's mode. */
export async function listManagedHandicaps(db: Db, viewer: Viewer | null, now = new Date()) {
  const v = requireViewer(viewer);
  const rows = await db
    .select({ teamId: teams.id, name: teams.name, mode: teams.handicapMode, csat: teams.handicapCsat, pointsFactor: teams.handicapPointsFactor })
    .from(teams)
    .orderBy(teams.name);
  const rulesMode = pickRules(await loadRuleVersions(db), now)!.config.handicapMode;
  const managed: TeamHandicapSetting[] = rows
    .filter((r) => canManageTeam(v, r.teamId))
    .map((r) => ({ ...r, mode: (r.mode ?? "rules") as HandicapModeChoice }));
  return { rulesMode, teams: managed };
}
