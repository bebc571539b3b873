/**
 * Ranking on customer ratings without letting a lucky small sample win: a minimum sample, and
 * the Wilson score lower bound of the rating read as a proportion. Pure.
 */

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/** Fewer ratings than this in a period: shown, but not ranked. */
export const MIN_CSAT_SAMPLE = 5;

/**
 * Lower bound of the Wilson score interval for `positive` successes out of `total` trials.
 * `positive` may be fractional (a sum of proportions). 0 when there is no trial.
 */
export function wilsonLowerBound(positive: number, total: number, z = Z_95): number {
  if (!(total > 0)) return 0;
  const p = Math.min(1, Math.max(0, positive / total));
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const margin = z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return Math.max(0, (centre - margin) / (1 + z2 / total));
}

/** A 1–5 rating as a proportion: 1 → 0, 5 → 1. */
export function csatToProportion(score: number): number {
  return (score - 1) / 4;
}

/**
 * A conservative CSAT on the 1–5 scale: the Wilson lower bound of the average read as a
 * proportion ((avg − 1) / 4), mapped back to 1–5. 5 fives → 3.26; 100 ratings averaging
 * 4.92 → 4.72. Equal to 1 when there is no rating.
 */
export function csatLowerBound(average: number, count: number, z = Z_95): number {
  if (!(count > 0)) return 1;
  return 1 + 4 * wilsonLowerBound(csatToProportion(average) * count, count, z);
}

export type CsatStanding = {
  /** Raw average 1–5, null without ratings. */
  average: number | null;
  count: number;
  /** Whether the sample is large enough to be ranked. */
  eligible: boolean;
  /** What the ranking sorts by: the lower bound (plus any handicap); null when not eligible. */
  score: number | null;
};

/** Average, eligibility and ranking score for a set of ratings given as their sum and count. */
export function csatStanding(sum: number, count: number, opts: { minSample?: number; handicap?: number } = {}): CsatStanding {
  const minSample = opts.minSample ?? MIN_CSAT_SAMPLE;
  const average = count > 0 ? sum / count : null;
  const eligible = count > 0 && count >= minSample;
  return {
    average,
    count,
    eligible,
    score: eligible ? csatLowerBound(average!, count) + (opts.handicap ?? 0) : null,
  };
}
