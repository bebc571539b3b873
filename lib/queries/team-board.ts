import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineerIdentities, engineers, pointsLedger, ratings, teams } from "@/db/schema";
import { adjustmentsByLedger } from "@/lib/disputes/adjustments";
import { requireViewer, type Viewer } from "@/lib/auth/policy";
import { periodContaining, type Period } from "@/lib/periods";
import { csatStanding, MIN_CSAT_SAMPLE, rankBy } from "@/lib/ranking";
import { TeamBoardArgsSchema, type BoardPeriod, type TeamBoardArgs } from "./schemas";

export type TeamCsatRow = {
  teamId: number;
  name: string;
  /** Active engineers in the team. */
  engineers: number;
  /** Ratings given in the period to engineers of the team. */
  ratings: number;
  fiveStars: number;
  /** Raw average 1–5; null without ratings. */
  average: number | null;
  handicap: number;
  /** average + handicap; null without ratings. */
  handicappedAverage: number | null;
  /**
   * What the ranking sorts by: the Wilson lower bound of the average (so a few lucky ratings do
   * not beat many good ones) plus the handicap. Null below the minimum sample (not ranked).
   */
  score: number | null;
  /** Null when the team has fewer ratings than the minimum sample. */
  rank: number | null;
  crown: boolean;
  isOwn: boolean;
};

export type TeamPointsRow = {
  teamId: number;
  name: string;
  engineers: number;
  points: number;
  pointsPerEngineer: number | null;
  /** teams.handicap_points_factor. */
  factor: number;
  /** points × factor: what the points ranking sorts by. */
  adjustedPoints: number;
  rank: number;
  crown: boolean;
  isOwn: boolean;
};

export type TeamBoard = {
  period: Period;
  periodKind: BoardPeriod;
  minSample: number;
  /** Ranked teams first, then the teams below the minimum sample (rank null), most ratings first. */
  byCsat: TeamCsatRow[];
  byPoints: TeamPointsRow[];
};

/**
 * Teams by average CSAT (ratings whose rated helpdesk identity maps to an engineer of the team,
 * rated in the period) with the handicap, and by points. Any signed-in user.
 */
export async function getTeamBoard(db: Db, viewer: Viewer | null, args: TeamBoardArgs = {}): Promise<TeamBoard> {
  const v = requireViewer(viewer);
  const a = TeamBoardArgsSchema.parse(args);
  const minSample = a.minSample ?? MIN_CSAT_SAMPLE;
  const period = periodContaining(a.period, a.now ?? new Date(), a.timeZone ?? "UTC");

  const rated = db
    .select({
      teamId: engineers.teamId,
      count: sql<string>`count(*)`.as("rating_count"),
      sum: sql<string>`sum(${ratings.score})`.as("rating_sum"),
      fiveStars: sql<string>`count(*) filter (where ${ratings.score} >= 5)`.as("five_stars"),
    })
    .from(ratings)
    .innerJoin(engineerIdentities, eq(ratings.ratedIdentityId, engineerIdentities.id))
    .innerJoin(engineers, eq(engineers.id, engineerIdentities.engineerId))
    .where(and(gte(ratings.ratedAt, period.start), lt(ratings.ratedAt, period.end)))
    .groupBy(engineers.teamId)
    .as("rated");

  // Accepted dispute adjustments count with the row they correct.
  const adj = adjustmentsByLedger(db);
  const earned = db
    .select({
      teamId: engineers.teamId,
      points: sql<string>`sum(${pointsLedger.points} + coalesce(${adj.adjustment}, 0))`.as("points"),
    })
    .from(pointsLedger)
    .innerJoin(engineers, eq(engineers.id, pointsLedger.engineerId))
    .leftJoin(adj, eq(adj.ledgerId, pointsLedger.id))
    .where(and(gte(pointsLedger.earnedAt, period.start), lt(pointsLedger.earnedAt, period.end)))
    .groupBy(engineers.teamId)
    .as("earned");

  const staff = db
    .select({ teamId: engineers.teamId, count: sql<string>`count(*)`.as("engineer_count") })
    .from(engineers)
    .where(eq(engineers.active, true))
    .groupBy(engineers.teamId)
    .as("staff");

  const rows = await db
    .select({
      teamId: teams.id,
      name: teams.name,
      handicap: teams.handicapCsat,
      factor: teams.handicapPointsFactor,
      engineers: sql<number>`coalesce(${staff.count}, 0)`.mapWith(Number),
      ratings: sql<number>`coalesce(${rated.count}, 0)`.mapWith(Number),
      ratingSum: sql<number>`coalesce(${rated.sum}, 0)`.mapWith(Number),
      fiveStars: sql<number>`coalesce(${rated.fiveStars}, 0)`.mapWith(Number),
      points: sql<number>`coalesce(${earned.points}, 0)`.mapWith(Number),
    })
    .from(teams)
    .leftJoin(rated, eq(rated.teamId, teams.id))
    .leftJoin(earned, eq(earned.teamId, teams.id))
    .leftJoin(staff, eq(staff.teamId, teams.id));

  const isOwn = (teamId: number) => v.teamId !== null && v.teamId === teamId;
  const byName = (x: { name: string; teamId: number }, y: { name: string; teamId: number }) =>
    x.name.localeCompare(y.name) || x.teamId - y.teamId;

  const csat = rows.map((r) => {
    const s = csatStanding(r.ratingSum, r.ratings, { minSample, handicap: r.handicap });
    return {
      teamId: r.teamId,
      name: r.name,
      engineers: r.engineers,
      ratings: r.ratings,
      fiveStars: r.fiveStars,
      average: s.average,
      handicap: r.handicap,
      handicappedAverage: s.average === null ? null : s.average + r.handicap,
      score: s.score,
      isOwn: isOwn(r.teamId),
    };
  });
  const ranked = rankBy(
    csat.filter((r) => r.score !== null),
    (r) => r.score!,
    { tieBreak: (x, y) => y.ratings - x.ratings || byName(x, y) },
  );
  const unranked = csat
    .filter((r) => r.score === null)
    .sort((x, y) => y.ratings - x.ratings || byName(x, y))
    .map((r) => ({ ...r, rank: null, crown: false }));

  const byPoints = rankBy(
    rows.map((r) => ({
      teamId: r.teamId,
      name: r.name,
      engineers: r.engineers,
      points: r.points,
      pointsPerEngineer: r.engineers > 0 ? r.points / r.engineers : null,
      factor: r.factor,
      adjustedPoints: r.points * r.factor,
      isOwn: isOwn(r.teamId),
    })),
    (r) => r.adjustedPoints,
    { tieBreak: byName },
  );

  return { period, periodKind: a.period, minSample, byCsat: [...ranked, ...unranked], byPoints };
}
