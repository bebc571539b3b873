import { formatFixed, t as tr } from "@/lib/i18n";
import { num, word } from "@/lib/i18n/plural";
import type { Metric } from "./types";

/**
 * Suggested target, after the seed: "take the team's best result and try to beat it by 20–30 %,
 * not by 200–300 %". We use the middle, 25 %:
 * - counts (five-star ratings, points, custom): best quarter × 1.25;
 * - average CSAT is bounded at 5, so 25 % on the value would be meaningless (4.89 × 1.25 > 5):
 *   we close 25 % of the best quarter's gap to 5 (4.89 → 4.92), rounded up to 0.01;
 * - reopen rate and median resolution time are "lower is better": best (lowest) × 0.75.
 * The minimum count for ratio metrics is the busiest past quarter's count (ratings or solved
 * tickets) — at least as many as the team has already managed once.
 */

export type QuarterResult = { label: string; value: number | null; count: number };

export type Suggestion = {
  target: number;
  minCount: number;
  best: QuarterResult;
  explanation: string;
};

const UPLIFT = 0.25;

/** The suggestion, its explanation in `locale`. */
export function suggestTarget(metric: Metric, history: QuarterResult[], locale = "en"): Suggestion | null {
  const L = locale;
  const fx = (n: number, digits: number) => (L === "en" ? n.toFixed(digits) : formatFixed(L, n, digits));
  const usable = history.filter((h) => h.value !== null && h.count > 0);
  if (usable.length === 0) return null;
  const lowerIsBetter = metric === "reopen_rate_max" || metric === "median_resolution_max";
  const best = usable.reduce((a, b) => (lowerIsBetter ? (b.value! < a.value! ? b : a) : b.value! > a.value! ? b : a));
  const busiest = Math.max(...usable.map((h) => h.count));
  const v = best.value!;
  switch (metric) {
    case "avg_csat": {
      const target = Math.min(5, Math.ceil((v + UPLIFT * (5 - v)) * 100 - 1e-6) / 100);
      return {
        target,
        minCount: busiest,
        best,
        explanation: tr(L, "sug.avg", {
          label: best.label,
          v: fx(v, 2),
          count: num(L, best.count),
          countWord: word(L, best.count, "unit.rating"),
          target: fx(target, 2),
          busiest: num(L, busiest),
          busiestWord: word(L, busiest, "unit.rating"),
        }),
      };
    }
    case "reopen_rate_max":
    case "median_resolution_max": {
      const target = Math.round(v * (1 - UPLIFT) * 10) / 10;
      const unit = metric === "reopen_rate_max" ? " %" : tr(L, "unit.hoursShort");
      return {
        target,
        minCount: busiest,
        best,
        explanation: tr(L, "sug.lower", {
          label: best.label,
          v: num(L, Math.round(v * 10) / 10, 1),
          unit,
          target: num(L, target, 1),
          busiest: num(L, busiest),
          busiestWord: word(L, busiest, "unit.solvedTicket"),
        }),
      };
    }
    default: {
      const target = Math.ceil(v * (1 + UPLIFT));
      return {
        target,
        minCount: 0,
        best,
        explanation: tr(L, "sug.count", { label: best.label, v: num(L, Math.round(v * 100) / 100), target: num(L, target) }),
      };
    }
  }
}
