/**
 * Challenge maths vocabulary. Pure types: the queries turn ledger/ratings/tickets into `DayFacts`,
 * `evaluateChallenge` turns them into a state, a burn-up series and "what it takes".
 */

export const METRICS = ["avg_csat", "five_star_count", "points", "reopen_rate_max", "median_resolution_max", "custom"] as const;
export type Metric = (typeof METRICS)[number];

/**
 * The custom metric: the number of solved tickets whose `field` equals `value` (e.g. priority =
 * urgent, ticket type = incident), or with `field` = "commented_rating", the number of ratings
 * of at least `value` stars that carry a written comment (the seed's "a comment is a sure sign").
 */
export const CUSTOM_FIELDS = ["priority", "ticket_type", "commented_rating"] as const;
export type CustomField = (typeof CUSTOM_FIELDS)[number];
export type CustomSpec = { field: CustomField; value: string };

export type ChallengeState = "on_track" | "at_risk" | "achieved" | "missed" | "unreachable";
export const STATE_LABELS: Record<ChallengeState, string> = {
  on_track: "On track",
  at_risk: "At risk",
  achieved: "Achieved",
  missed: "Missed",
  unreachable: "Can no longer be reached",
};

/** The additive part of what happened over some days, for one team or one engineer: plain sums. */
export type FactSums = {
  ratings: number;
  ratingSum: number;
  fiveStars: number;
  points: number;
  solved: number;
  reopened: number;
  /** Custom metric count. */
  custom: number;
};

/** What happened on one local day. */
export type DayFacts = FactSums & {
  date: string; // YYYY-MM-DD in the team's zone
  /** Resolution times in hours of the tickets solved that day (median is not additive). */
  resolutionHours: number[];
};

export type ChallengeSpec = {
  metric: Metric;
  /** avg: 1–5; counts: a count; reopen rate: a percentage 0–100; median: hours. */
  target: number;
  /** Least number of ratings (avg) or solved tickets (reopen, median) for the goal to count. */
  minCount: number;
  periodStart: string; // first day, inclusive
  periodEnd: string; // last day, inclusive
};

export type BurnPoint = {
  date: string;
  /** Cumulative progress quantity up to this day; null for days still ahead. */
  actual: number | null;
  /** Where the progress should be on this day to finish exactly on target. */
  pace: number;
  /** Straight line at the current pace from today to the end; null before today. */
  projection: number | null;
  /** Running value of the metric itself (average, rate, median) for the ratio metrics. */
  value: number | null;
};

export type Evaluation = {
  state: ChallengeState;
  /** The metric's value over the days so far (avg, count, rate %, median hours); null without data. */
  value: number | null;
  /** The quantity the burn-up counts: ratings (avg), solved tickets (reopen/median), or the value (counts). */
  progress: number;
  /** What the burn-up aims at: minCount for ratio metrics, target for counts. */
  progressGoal: number;
  /** Progress expected at the end at the current pace. */
  projected: number;
  daysTotal: number;
  daysElapsed: number;
  daysLeft: number;
  met: boolean;
  whatItTakes: string;
  series: BurnPoint[];
  /** The period's sums so far, what the value and "what it takes" are made of (frozen at close). */
  facts: PeriodFacts;
};

/**
 * A period's totals in a small stored form: the sums, and of the resolution times only their
 * median (the one thing the sentences use), so a closed challenge can be described again in any
 * language without keeping every ticket's time.
 */
export type PeriodFacts = FactSums & { medianHours: number | null };
