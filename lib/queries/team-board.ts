import type { Db } from "@/db/client";
import { engineers, teams } from "@/db/schema";
import { periodTotals } from "@/lib/rollups/read";
import { sharedRead } from "@/lib/runtime/shared-read";
import { boardRange, type BoardRange } from "./board-period";
import { requireViewer, type Viewer } from "@/lib/auth/policy";
import { csatStanding, MIN_CSAT_SAMPLE, rankBy } from "@/lib/ranking";
import { TeamBoardArgsSchema, type BoardPeriod, type TeamBoardArgs } from "./schemas";
import { compareText } from "@/lib/i18n/intl-cache";

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
  period: BoardRange;
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
  const period = boardRange(a.period, a.now ?? new Date(), a.timeZone ?? "UTC", a.from, a.to);

  // Per-engineer period totals from the rollups, summed per team (the engineer's current team).
  const [totals, people, teamRows] = await Promise.all([
    periodTotals(db, period.start, period.end),
    // Shared between viewers like the totals (a handicap change announces itself: lib/handicap/auto.ts).
    sharedRead(db, "team-board:engineers", () => db.select({ id: engineers.id, teamId: engineers.teamId, active: engineers.active }).from(engineers)),
    sharedRead(db, "team-board:teams", () =>
      db.select({ teamId: teams.id, name: teams.name, handicap: teams.handicapCsat, factor: teams.handicapPointsFactor }).from(teams),
    ),
  ]);
  const sums = new Map<number, { engineers: number; ratings: number; ratingSum: number; fiveStars: number; points: number }>();
  for (const p of people) {
    if (p.teamId === null) continue;
    const s = sums.get(p.teamId) ?? { engineers: 0, ratings: 0, ratingSum: 0, fiveStars: 0, points: 0 };
    if (p.active) s.engineers += 1;
    const t = totals.get(p.id);
    if (t) {
      s.ratings += t.ratings;
      s.ratingSum += t.ratingSum;
      s.fiveStars += t.fiveStars;
      s.points += t.points;
    }
    sums.set(p.teamId, s);
  }
  // Sums of numeric(…, 3) values: round away the float noise of adding them in JS.
  const r3 = (n: number) => Math.round(n * 1000) / 1000;
  const rows = teamRows.map((t) => {
    const s = sums.get(t.teamId) ?? { engineers: 0, ratings: 0, ratingSum: 0, fiveStars: 0, points: 0 };
    return { ...t, ...s, points: r3(s.points), ratingSum: r3(s.ratingSum) };
  });

  const isOwn = (teamId: number) => v.teamId !== null && v.teamId === teamId;
  const byName = (x: { name: string; teamId: number }, y: { name: string; teamId: number }) =>
    compareText(x.name, y.name) || x.teamId - y.teamId;

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
