import { csatStanding } from "@/lib/ranking/csat";

/**
 * Plain averages of 1–5 ratings, for challenges and nominations. The ranking maths (minimum
 * sample, Wilson bound) lives in lib/ranking/csat.ts; this only adds up. Pure.
 */

/** The average of the scores, or null without any. 85 fives and one four → 429 / 86 = 4.98837… */
export function averageScore(scores: readonly number[]): number | null {
  let sum = 0;
  for (const s of scores) sum += s;
  return csatStanding(sum, scores.length).average;
}

/** The average from a count per score, e.g. { 5: 85, 4: 1 } → 4.98837…; null without ratings. */
export function averageFromCounts(counts: Readonly<Record<number, number>>): number | null {
  let sum = 0;
  let n = 0;
  for (const [score, count] of Object.entries(counts)) {
    sum += Number(score) * count;
    n += count;
  }
  return csatStanding(sum, n).average;
}

/** Rounded for display (3 decimals by default): 4.98837… → 4.988. */
export function roundAverage(avg: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(avg * f) / f;
}
