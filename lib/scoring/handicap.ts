/**
 * Automatic team handicaps from each team's trailing four quarters. Pure.
 *
 * The idea: a handicap makes up (part of) the gap between a team's own recent level — its
 * baseline — and the average of all teams' baselines. Then, in the quarter being played:
 *
 *   CSAT (additive):       handicapped = current + s × (allTeamsBaseline − teamBaseline)
 *   points (multiplicative): handicapped = current × (allTeamsBaseline / teamBaseline)^s
 *
 * With strength s = 1 every team starts level, and a team's handicapped result is the all-teams
 * baseline plus (or times) its own improvement over its baseline: improvement counts, and a
 * weaker team that improves can beat a strong team that merely holds its level. With s = 0 there
 * is no handicap; in between, both level and improvement count.
 *
 * Baselines:
 * - CSAT: the rating-weighted average over the four quarters (sum of ratings / count), so a
 *   quarter with two ratings weighs less than one with a hundred. A team without any rating gets
 *   no CSAT handicap (0) and takes no part in the all-teams average.
 * - Points: points per engineer per quarter (sum of points / sum of engineer counts), so team size
 *   does not matter. A team without points gets factor 1 and takes no part in the average.
 * - The all-teams baseline is the plain mean of the teams' baselines (each team counts once).
 * Results are clamped to ±maxCsat and to [1 / maxPointsFactor, maxPointsFactor], and rounded to 3
 * decimals (what `teams.handicap_csat` / `handicap_points_factor` hold).
 */

export type TeamQuarter = {
  /** Sum and count of the team's ratings (1–5) in the quarter. */
  ratingSum: number;
  ratingCount: number;
  points: number;
  /** Engineers on the team in the quarter (average headcount is fine). */
  engineers: number;
};

export type TeamHistory = { teamId: number; quarters: readonly TeamQuarter[] };

export type HandicapSettings = { strength: number; maxCsat: number; maxPointsFactor: number };

export type AutoHandicap = {
  teamId: number;
  /** Added to the team's average CSAT. */
  csat: number;
  /** Multiplies the team's points. */
  pointsFactor: number;
  baselineCsat: number | null;
  baselinePointsPerEngineer: number | null;
};

const round3 = (n: number) => Math.round(n * 1000) / 1000 + 0;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

export function computeAutoHandicap(
  teams: readonly TeamHistory[],
  settings: HandicapSettings = { strength: 0.5, maxCsat: 0.5, maxPointsFactor: 2 },
): AutoHandicap[] {
  const baselines = teams.map((t) => {
    // The trailing four quarters: the last four given.
    const qs = t.quarters.slice(-4);
    const ratingCount = qs.reduce((s, q) => s + q.ratingCount, 0);
    const ratingSum = qs.reduce((s, q) => s + q.ratingSum, 0);
    const engineerQuarters = qs.reduce((s, q) => s + q.engineers, 0);
    const points = qs.reduce((s, q) => s + q.points, 0);
    return {
      teamId: t.teamId,
      csat: ratingCount > 0 ? ratingSum / ratingCount : null,
      ppe: engineerQuarters > 0 && points > 0 ? points / engineerQuarters : null,
    };
  });
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  const allCsat = mean(baselines.flatMap((b) => (b.csat === null ? [] : [b.csat])));
  const allPpe = mean(baselines.flatMap((b) => (b.ppe === null ? [] : [b.ppe])));
  const s = settings.strength;
  return baselines.map((b) => ({
    teamId: b.teamId,
    csat: b.csat === null || allCsat === null ? 0 : round3(clamp(s * (allCsat - b.csat), -settings.maxCsat, settings.maxCsat)),
    pointsFactor:
      b.ppe === null || allPpe === null
        ? 1
        : round3(clamp((allPpe / b.ppe) ** s, 1 / settings.maxPointsFactor, settings.maxPointsFactor)),
    baselineCsat: b.csat === null ? null : round3(b.csat),
    baselinePointsPerEngineer: b.ppe === null ? null : round3(b.ppe),
  }));
}
