import { addDays, formatDate, parseDate } from "@/lib/periods";
import { formatFixed, t as tr } from "@/lib/i18n";
import { num, word } from "@/lib/i18n/plural";
import type { BurnPoint, ChallengeSpec, ChallengeState, DayFacts, Evaluation, FactSums, Metric, PeriodFacts } from "./types";

/**
 * Challenge maths, pure: period facts → value, state, burn-up series and "what it takes".
 * Ratio metrics (average CSAT, reopen rate, median resolution) count ratings or solved tickets
 * on the burn-up (towards the minimum count) and are only "achieved" when the period closes, since a
 * late bad rating can still pull them under; count metrics are achieved as soon as the target is hit.
 */

const EPS = 1e-9;

/** A period's days added up (the resolution times kept whole: a median is not additive). */
export type Totals = FactSums & { resolutionHours: number[] };

export function emptyTotals(): Totals {
  return { ratings: 0, ratingSum: 0, fiveStars: 0, points: 0, solved: 0, reopened: 0, resolutionHours: [], custom: 0 };
}

export function addFacts(t: Totals, d: DayFacts): Totals {
  return {
    ratings: t.ratings + d.ratings,
    ratingSum: t.ratingSum + d.ratingSum,
    fiveStars: t.fiveStars + d.fiveStars,
    points: t.points + d.points,
    solved: t.solved + d.solved,
    reopened: t.reopened + d.reopened,
    resolutionHours: d.resolutionHours.length ? t.resolutionHours.concat(d.resolutionHours) : t.resolutionHours,
    custom: t.custom + d.custom,
  };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const isRatioMetric = (m: Metric) => m === "avg_csat" || m === "reopen_rate_max" || m === "median_resolution_max";

/** The metric's value over the totals: average 1–5, a count, a reopen rate in %, or median hours. */
export function metricValue(metric: Metric, t: Totals): number | null {
  switch (metric) {
    case "avg_csat":
      return t.ratings > 0 ? t.ratingSum / t.ratings : null;
    case "five_star_count":
      return t.fiveStars;
    case "points":
      return t.points;
    case "custom":
      return t.custom;
    case "reopen_rate_max":
      return t.solved > 0 ? (100 * t.reopened) / t.solved : null;
    case "median_resolution_max":
      return median(t.resolutionHours);
  }
}

/** What the burn-up counts: ratings for an average, solved tickets for rate/median, else the value. */
export function progressOf(metric: Metric, t: Totals): number {
  if (metric === "avg_csat") return t.ratings;
  if (metric === "reopen_rate_max" || metric === "median_resolution_max") return t.solved;
  return metricValue(metric, t) ?? 0;
}

/** Whether the goal holds for these totals (target and minimum count). */
export function isMet(spec: ChallengeSpec, t: Totals): boolean {
  const v = metricValue(spec.metric, t);
  if (v === null) return false;
  switch (spec.metric) {
    case "avg_csat":
      return t.ratings >= spec.minCount && v >= spec.target - EPS;
    case "reopen_rate_max":
    case "median_resolution_max":
      return t.solved >= spec.minCount && v <= spec.target + EPS;
    default:
      return v >= spec.target - EPS;
  }
}

/** True when no future day can make the goal hold (checked while the period runs). */
export function isUnreachable(spec: ChallengeSpec, t: Totals): boolean {
  switch (spec.metric) {
    case "avg_csat":
      // Any number of new fives pulls the average towards 5, never to it.
      return spec.target > 5 + EPS || (spec.target >= 5 - EPS && t.ratingSum < 5 * t.ratings - EPS);
    case "reopen_rate_max":
      return spec.target < 0 || (spec.target <= EPS && t.reopened > 0);
    case "median_resolution_max":
      return spec.target < 0;
    default:
      return false;
  }
}

export function daysBetween(first: string, last: string): number {
  const a = parseDate(first);
  const b = parseDate(last);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000) + 1;
}

export function fmtNum(n: number, digits = 2): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(digits).replace(/\.?0+$/, "");
}

export type TakesInput = { spec: ChallengeSpec; totals: Totals; daysLeft: number; finished: boolean };

/** "What it takes", in plain words, in `locale` (sentences from the dictionaries, Russian plurals by Intl). */
export function whatItTakes({ spec, totals: t, daysLeft, finished }: TakesInput, locale = "en"): string {
  const L = locale;
  const n1 = (n: number, digits?: number) => num(L, n, digits);
  const v = metricValue(spec.metric, t);
  const met = isMet(spec, t);
  const perDay = (n: number) =>
    daysLeft > 0 && n > 0 ? tr(L, "takes.perDay", { x: n1(Math.ceil((n / daysLeft) * 10) / 10, 1), days: `${n1(daysLeft)} ${word(L, daysLeft, "unit.day")}` }) : "";
  if (finished) return tr(L, met ? "takes.achieved" : "takes.missed", { value: describeValue(spec, t, L) });
  if (isUnreachable(spec, t)) {
    if (spec.metric === "avg_csat") return tr(L, spec.target > 5 ? "takes.csatOver5" : "takes.csatBelow5");
    return tr(L, "takes.reopenZero");
  }
  switch (spec.metric) {
    case "five_star_count":
    case "points":
    case "custom": {
      const left = spec.target - (v ?? 0);
      if (left <= EPS) return tr(L, "takes.countReached", { value: describeValue(spec, t, L) });
      const n = Math.ceil(left * 100) / 100;
      return tr(L, "takes.countMore", { n: n1(n), unit: word(L, n, `unit.more.${spec.metric}`), perDay: perDay(left) });
    }
    case "avg_csat": {
      // k fives bring the average to the target; the minimum count may ask for more ratings.
      const k = v !== null && v >= spec.target - EPS ? 0 : Math.max(0, Math.ceil((spec.target * t.ratings - t.ratingSum) / (5 - spec.target) - EPS));
      const n = Math.max(k, spec.minCount - t.ratings, 0);
      if (n === 0) return tr(L, "takes.csatMet", { value: describeValue(spec, t, L) });
      // Points above the target that n fives would leave: each four-star rating spends one.
      const slack = Math.floor(t.ratingSum + 5 * n - spec.target * (t.ratings + n) + EPS);
      const rest = slack <= 0 ? tr(L, "takes.csatNoneBelow") : tr(L, "takes.csatSlack", { slack: n1(slack), points: word(L, slack, "unit.point"), k: slack });
      return tr(L, "takes.csatMore", { n: n1(n), ratings: word(L, n, "unit.rating"), rest, perDay: perDay(n) });
    }
    case "reopen_rate_max": {
      const rate = spec.target / 100;
      const k = v !== null && v <= spec.target + EPS ? 0 : Math.max(0, Math.ceil(t.reopened / rate - t.solved - EPS));
      const n = Math.max(k, spec.minCount - t.solved, 0);
      if (n === 0) return tr(L, "takes.reopenMet", { value: describeValue(spec, t, L) });
      const allowed = Math.max(0, Math.floor(rate * (t.solved + n) - t.reopened + EPS));
      return tr(L, "takes.reopenMore", {
        n: n1(n),
        tickets: word(L, n, "unit.solvedTicket"),
        allowed: allowed === 0 ? tr(L, "takes.reopenNone") : tr(L, "takes.reopenAtMost", { k: allowed }),
        perDay: perDay(n),
      });
    }
    case "median_resolution_max": {
      const within = t.resolutionHours.filter((h) => h <= spec.target + EPS).length;
      const over = t.resolutionHours.length - within;
      const k = v !== null && v <= spec.target + EPS ? 0 : over - within + 1;
      const n = Math.max(k, spec.minCount - t.solved, 0);
      if (n === 0) return tr(L, "takes.metForNow", { value: describeValue(spec, t, L) });
      return k >= n
        ? tr(L, "takes.medianAll", { n: n1(n), tickets: word(L, n, "unit.ticket"), target: n1(spec.target), perDay: perDay(n) })
        : tr(L, "takes.medianSome", { n: n1(n), tickets: word(L, n, "unit.solvedTicket"), k: Math.max(k, Math.ceil(n / 2)), target: n1(spec.target), perDay: perDay(n) });
    }
  }
}

/** "4.988 over 86 ratings (at least 100 needed)", in `locale`. */
export function describeValue(spec: ChallengeSpec, t: Totals, locale = "en"): string {
  const L = locale;
  const v = metricValue(spec.metric, t);
  const over = (have: number, unit: "unit.rating" | "unit.solvedTicket") =>
    tr(L, have < spec.minCount ? "value.overShort" : "value.over", { n: num(L, have), unit: word(L, have, unit), min: spec.minCount });
  switch (spec.metric) {
    case "avg_csat":
      return v === null ? tr(L, "value.noRatings") : tr(L, "value.avg", { v: fixed(L, v, 3), over: over(t.ratings, "unit.rating") });
    case "reopen_rate_max":
      return v === null ? tr(L, "value.noSolved") : tr(L, "value.reopen", { v: num(L, Math.round(v * 10) / 10, 1), over: over(t.solved, "unit.solvedTicket") });
    case "median_resolution_max":
      return v === null ? tr(L, "value.noSolved") : tr(L, "value.median", { v: num(L, Math.round(v * 10) / 10, 1), over: over(t.solved, "unit.solvedTicket") });
    case "points":
      return tr(L, "value.points", { v: num(L, Math.round((v ?? 0) * 100) / 100), target: num(L, spec.target) });
    case "five_star_count":
    case "custom":
      return tr(L, `value.${spec.metric}`, { v: num(L, v ?? 0), target: num(L, spec.target) });
  }
}

/** `toFixed` in the locale's decimal sign ("4.988" / "4,988"). */
const fixed = (L: string, n: number, digits: number) => (L === "en" ? n.toFixed(digits) : formatFixed(L, n, digits));

/**
 * Evaluates a challenge on `today` (a local date in the team's zone). `facts` may hold any days;
 * only those inside the period and not after today count.
 */
export function evaluateChallenge(spec: ChallengeSpec, facts: DayFacts[], today: string, locale = "en"): Evaluation {
  const daysTotal = daysBetween(spec.periodStart, spec.periodEnd);
  const finished = today > spec.periodEnd;
  const lastCounted = finished ? spec.periodEnd : today;
  const daysElapsed = today < spec.periodStart ? 0 : Math.min(daysTotal, daysBetween(spec.periodStart, lastCounted));
  const daysLeft = daysTotal - daysElapsed;
  const byDate = new Map<string, DayFacts>();
  for (const f of facts) if (f.date >= spec.periodStart && f.date <= lastCounted) byDate.set(f.date, f);

  const ratio = isRatioMetric(spec.metric);
  const progressGoal = ratio ? spec.minCount : spec.target;
  const series: BurnPoint[] = [];
  let totals = emptyTotals();
  let day = parseDate(spec.periodStart);
  for (let i = 0; i < daysTotal; i++, day = addDays(day, 1)) {
    const date = formatDate(day);
    const pace = Math.round(((progressGoal * (i + 1)) / daysTotal) * 1000) / 1000;
    if (i < daysElapsed) {
      const f = byDate.get(date);
      if (f) totals = addFacts(totals, f);
      const v = metricValue(spec.metric, totals);
      series.push({ date, actual: round3(progressOf(spec.metric, totals)), pace, projection: null, value: v === null ? null : round3(v) });
    } else series.push({ date, actual: null, pace, projection: null, value: null });
  }
  const progress = progressOf(spec.metric, totals);
  const rate = daysElapsed > 0 ? progress / daysElapsed : 0;
  const projected = progress + rate * daysLeft;
  if (!finished && daysElapsed > 0) {
    for (let i = daysElapsed - 1; i < daysTotal; i++) series[i]!.projection = round3(progress + rate * (i + 1 - daysElapsed));
  }
  const met = isMet(spec, totals);
  const state = stateOf(spec, totals, { finished, met, projected });
  return {
    state,
    value: metricValue(spec.metric, totals),
    progress,
    progressGoal,
    projected: round3(projected),
    daysTotal,
    daysElapsed,
    daysLeft,
    met,
    whatItTakes: whatItTakes({ spec, totals, daysLeft, finished }, locale),
    series,
    facts: factsOf(totals),
  };
}

/** The stored form of totals (see PeriodFacts). */
export function factsOf(t: Totals): PeriodFacts {
  const { resolutionHours, ...sums } = t;
  const m = median(resolutionHours);
  return { ...sums, medianHours: m === null ? null : round3(m) };
}

/** Totals from their stored form: the median stands for the resolution times (it is their median). */
export function totalsOf(f: PeriodFacts): Totals {
  const { medianHours, ...sums } = f;
  return { ...emptyTotals(), ...sums, resolutionHours: medianHours === null ? [] : [medianHours] };
}

function stateOf(spec: ChallengeSpec, t: Totals, s: { finished: boolean; met: boolean; projected: number }): ChallengeState {
  if (s.finished) return s.met ? "achieved" : "missed";
  if (isUnreachable(spec, t)) return "unreachable";
  if (!isRatioMetric(spec.metric)) return s.met ? "achieved" : s.projected >= spec.target - EPS ? "on_track" : "at_risk";
  // Ratio metrics: the value must hold now and the count must be on course for the minimum.
  const v = metricValue(spec.metric, t);
  const valueOk = v !== null && (spec.metric === "avg_csat" ? v >= spec.target - EPS : v <= spec.target + EPS);
  return valueOk && s.projected >= spec.minCount - EPS ? "on_track" : "at_risk";
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
