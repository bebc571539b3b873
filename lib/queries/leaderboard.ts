import { and, eq, gte, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineerIdentities, engineers, engineerSkillGroups, lines, pointsLedger, ratings, teams } from "@/db/schema";
import { requireViewer, type Viewer } from "@/lib/auth/policy";
import { periodContaining, type Period } from "@/lib/periods";
import { rankBy, withOwnRow } from "@/lib/ranking";
import { adjustmentsByLedger } from "@/lib/disputes/adjustments";
import { LeaderboardArgsSchema, type BoardPeriod, type LeaderboardArgs } from "./schemas";

export type LeaderboardRow = {
  engineerId: number;
  name: string;
  teamId: number | null;
  teamName: string | null;
  lineId: number | null;
  lineCode: string | null;
  lineName: string | null;
  /** Sum of the ledger rows earned in the period; revoked rows add their (≤ 0) points. */
  points: number;
  /** Ledger rows earned in the period that are not revoked. */
  tickets: number;
  /** Ratings of 5 given to the engineer in the period. */
  fiveStars: number;
  rank: number;
  crown: boolean;
  isOwn: boolean;
};

export type Leaderboard = {
  period: Period;
  filters: { period: BoardPeriod; teamId: number | null; lineId: number | null; skillGroupId: number | null };
  /** The first `top` rows. */
  rows: LeaderboardRow[];
  /** The viewer's own row wherever it is; null when the viewer is not an engineer on this board. */
  own: LeaderboardRow | null;
  ownInTop: boolean;
  /** Engineers on the board (all ranks). */
  total: number;
};

/**
 * Engineers ranked by points earned in the period (week, month or quarter containing `now`), with
 * the viewer's own row even when it is outside the top. Any signed-in user. Aggregated in SQL:
 * one row per engineer comes back, never one per ticket.
 */
export async function getLeaderboard(db: Db, viewer: Viewer | null, args: LeaderboardArgs = {}): Promise<Leaderboard> {
  const v = requireViewer(viewer);
  const a = LeaderboardArgsSchema.parse(args);
  const period = periodContaining(a.period, a.now ?? new Date(), a.timeZone ?? "UTC");

  // Accepted dispute adjustments count with the row they correct.
  const adj = adjustmentsByLedger(db);
  const earned = db
    .select({
      engineerId: pointsLedger.engineerId,
      points: sql<string>`sum(${pointsLedger.points} + coalesce(${adj.adjustment}, 0))`.as("points"),
      tickets: sql<string>`count(*) filter (where ${pointsLedger.state} <> 'revoked')`.as("tickets"),
    })
    .from(pointsLedger)
    .leftJoin(adj, eq(adj.ledgerId, pointsLedger.id))
    .where(and(gte(pointsLedger.earnedAt, period.start), lt(pointsLedger.earnedAt, period.end)))
    .groupBy(pointsLedger.engineerId)
    .as("earned");

  const fives = db
    .select({
      engineerId: engineerIdentities.engineerId,
      fiveStars: sql<string>`count(*)`.as("five_stars"),
    })
    .from(ratings)
    .innerJoin(engineerIdentities, eq(ratings.ratedIdentityId, engineerIdentities.id))
    .where(
      and(
        isNotNull(engineerIdentities.engineerId),
        gte(ratings.ratedAt, period.start),
        lt(ratings.ratedAt, period.end),
        gte(ratings.score, 5),
      ),
    )
    .groupBy(engineerIdentities.engineerId)
    .as("fives");

  // Each filter is added only when given: never `eq(column, undefined)`.
  const where: SQL[] = [or(eq(engineers.active, true), isNotNull(earned.engineerId))!];
  if (a.teamId !== undefined) where.push(eq(engineers.teamId, a.teamId));
  if (a.lineId !== undefined) where.push(eq(engineers.lineId, a.lineId));
  if (a.skillGroupId !== undefined) {
    where.push(
      sql`exists (select 1 from ${engineerSkillGroups} where ${engineerSkillGroups.engineerId} = ${engineers.id} and ${engineerSkillGroups.skillGroupId} = ${a.skillGroupId})`,
    );
  }

  const rows = await db
    .select({
      engineerId: engineers.id,
      name: engineers.displayName,
      teamId: engineers.teamId,
      teamName: teams.name,
      lineId: engineers.lineId,
      lineCode: lines.code,
      lineName: lines.name,
      points: sql<number>`coalesce(${earned.points}, 0)`.mapWith(Number),
      tickets: sql<number>`coalesce(${earned.tickets}, 0)`.mapWith(Number),
      fiveStars: sql<number>`coalesce(${fives.fiveStars}, 0)`.mapWith(Number),
    })
    .from(engineers)
    .leftJoin(teams, eq(teams.id, engineers.teamId))
    .leftJoin(lines, eq(lines.id, engineers.lineId))
    .leftJoin(earned, eq(earned.engineerId, engineers.id))
    .leftJoin(fives, eq(fives.engineerId, engineers.id))
    .where(and(...where));

  const ranked = rankBy(
    rows.map((r) => ({ ...r, isOwn: v.engineerId !== null && r.engineerId === v.engineerId })),
    (r) => r.points,
    // Equal points: more tickets first, then by name, then id — a stable order for equal ranks.
    { tieBreak: (x, y) => y.tickets - x.tickets || x.name.localeCompare(y.name) || x.engineerId - y.engineerId },
  );
  const { top, own, ownInTop } = withOwnRow(ranked, a.top, v.engineerId, (r) => r.engineerId);

  return {
    period,
    filters: { period: a.period, teamId: a.teamId ?? null, lineId: a.lineId ?? null, skillGroupId: a.skillGroupId ?? null },
    rows: top,
    own,
    ownInTop,
    total: ranked.length,
  };
}
