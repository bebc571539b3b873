import type { StatTotals } from "@/lib/rollups/read";
import { csatLowerBound } from "@/lib/ranking/csat";

/**
 * Nomination metrics over period totals. Pure. Each metric says how to read an engineer's totals,
 * which direction wins and what the minimum sample counts.
 */

export const NOMINATION_METRICS = {
  trouble_shooter: { label: "TOP trouble-shooter: most points from L2/L3 tickets", higher: true, value: (t: StatTotals) => t.hardPoints, sample: (t: StatTotals) => t.tickets },
  customer_focus: { label: "TOP customer focus: most five-star ratings with a comment", higher: true, value: (t: StatTotals) => t.fiveStarComments, sample: (t: StatTotals) => t.ratings },
  // Mean, not median: the rollups keep sums and counts per day (a median would need every ticket).
  speed: { label: "TOP speed: lowest mean resolution time (hours)", higher: false, value: (t: StatTotals) => (t.resolved > 0 ? t.resolutionSeconds / t.resolved / 3600 : Infinity), sample: (t: StatTotals) => t.resolved },
  helper: { label: "TOP helper: most tickets outside own skill groups", higher: true, value: (t: StatTotals) => t.crossSkill, sample: (t: StatTotals) => t.tickets },
  points: { label: "Most points", higher: true, value: (t: StatTotals) => t.points, sample: (t: StatTotals) => t.tickets },
  tickets: { label: "Most tickets", higher: true, value: (t: StatTotals) => t.tickets, sample: (t: StatTotals) => t.tickets },
  five_stars: { label: "Most five-star ratings", higher: true, value: (t: StatTotals) => t.fiveStars, sample: (t: StatTotals) => t.ratings },
  csat: { label: "Best CSAT (confidence-ranked)", higher: true, value: (t: StatTotals) => (t.ratings > 0 ? csatLowerBound(t.ratingSum / t.ratings, t.ratings) : 0), sample: (t: StatTotals) => t.ratings },
  reopen_rate: { label: "Lowest reopen rate", higher: false, value: (t: StatTotals) => (t.tickets > 0 ? t.reopened / t.tickets : Infinity), sample: (t: StatTotals) => t.tickets },
} as const;

export type NominationMetric = keyof typeof NOMINATION_METRICS;
export const METRIC_IDS = Object.keys(NOMINATION_METRICS) as NominationMetric[];

/** The winner among candidates with at least `minSample`; ties go to the larger sample, then the lower id. Null when nobody qualifies or the best is worth nothing. */
export function pickWinner(candidates: readonly StatTotals[], metric: NominationMetric, minSample: number): { engineerId: number; value: number } | null {
  const m = NOMINATION_METRICS[metric];
  let best: { engineerId: number; value: number; sample: number } | null = null;
  for (const t of candidates) {
    const sample = m.sample(t);
    if (sample < Math.max(1, minSample)) continue;
    const value = m.value(t);
    if (!Number.isFinite(value)) continue;
    if (m.higher && value <= 0) continue;
    const better =
      !best ||
      (m.higher ? value > best.value : value < best.value) ||
      (value === best.value && (sample > best.sample || (sample === best.sample && t.engineerId < best.engineerId)));
    if (better) best = { engineerId: t.engineerId, value, sample };
  }
  return best ? { engineerId: best.engineerId, value: Math.round(best.value * 1000) / 1000 } : null;
}
