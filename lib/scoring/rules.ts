import { z } from "zod";

/**
 * Rule set configuration. Every field has the product brief's default, so `{}` is a valid rule
 * set, and every version stored before a field existed still parses (the field takes its default).
 * Validation messages are written for people: the rule editor shows them as they are.
 */

const between = (label: string, min: number, max: number, unit = "") =>
  `${label} must be between ${min} and ${max}${unit ? ` ${unit}` : ""}`;

/** A number between `min` and `max` whose messages name the field. */
const num = (label: string, min: number, max: number, unit = "") =>
  z
    .number({ error: `${label} must be a number` })
    .min(min, between(label, min, max, unit))
    .max(max, between(label, min, max, unit));

const int = (label: string, min: number, max: number, unit = "") =>
  num(label, min, max, unit).int(`${label} must be a whole number${unit ? ` of ${unit}` : ""}`);

/** value → multiplier maps (skill group id, priority, ticket type). */
const weightMap = (label: string, keyRule: z.ZodString) =>
  z.record(keyRule, num(`${label} weight`, 0, 10)).default({});

export const UNRATED_POLICIES = ["full", "half", "none"] as const;
export type UnratedPolicy = (typeof UNRATED_POLICIES)[number];

export const CREDIT_MODES = ["solver", "last_assignee", "equal", "by_replies", "by_handle_time"] as const;
export type CreditMode = (typeof CREDIT_MODES)[number];

export const HANDICAP_MODES = ["manual", "auto"] as const;
export type HandicapMode = (typeof HANDICAP_MODES)[number];

export const RuleConfigSchema = z
  .object({
    /** Base points per ticket by the line that handled it (line code → points). */
    basePointsByLine: z
      .record(z.string().min(1, "A line code cannot be empty"), num("Base points", 0, 100))
      .default({ L1: 0.5, L2: 1, L3: 2 }),
    /** Used when neither the ticket nor the engineer has a line (or the line has no entry). */
    defaultBasePoints: num("Default base points", 0, 100).default(1),
    /** Skill group id (as text, JSON keys are strings) → multiplier of the base. Missing: ×1. */
    skillGroupWeights: weightMap("Skill group", z.string().regex(/^\d+$/, "A skill group must be given by its id")),
    /** Ticket priority as mapped from the helpdesk (case-insensitive) → multiplier. Missing: ×1. */
    priorityWeights: weightMap("Priority", z.string().min(1, "A priority cannot be empty")),
    /** Ticket type as mapped from the helpdesk (case-insensitive) → multiplier. Missing: ×1. */
    ticketTypeWeights: weightMap("Ticket type", z.string().min(1, "A ticket type cannot be empty")),
    /** Multiplier when the ticket's skill group is not one of the engineer's. */
    crossSkillMultiplier: num("Cross-skill multiplier", 1, 10).default(1.5),
    /** A ticket rated below this (1–5) earns nothing (plus the low-rating penalty). */
    csatGate: num("CSAT gate", 1, 5, "stars").default(4),
    /** What an unrated ticket earns: all of its points, half, or none. */
    unratedPolicy: z
      .enum(UNRATED_POLICIES, { error: 'Unrated tickets must earn "full", "half" or "none"' })
      .default("full"),
    fiveStarBonus: num("Five-star bonus", 0, 100).default(0.5),
    /** Added (≤ 0) when a ticket is rated below the CSAT gate. */
    lowRatingPenalty: num("Low-rating penalty", -100, 0).default(0),
    /** Days after the first solve during which a reopen revokes the points. */
    reopenWindowDays: int("Reopen window", 0, 90, "days").default(7),
    /** Added (≤ 0) when a ticket is reopened inside the window. */
    reopenPenalty: num("Reopen penalty", -100, 0).default(0),
    /**
     * A reopen re-solved within this many minutes with no public agent reply in between (the
     * customer's "thank you") is not a reopen. 0 turns the exception off.
     */
    thankYouReopenMinutes: int("Thank-you reopen exception", 0, 1440, "minutes").default(60),
    /** Who gets a shared ticket's points. */
    creditMode: z
      .enum(CREDIT_MODES, {
        error: 'Credit must go to "solver", "last_assignee", "equal", "by_replies" or "by_handle_time"',
      })
      .default("equal"),
    /** Points per engineer and ISO week for "quota met". */
    weeklyQuota: num("Weekly quota", 0, 10000, "points").default(50),
    /** Team handicaps: set by hand on each team, or computed from the trailing four quarters. */
    handicapMode: z.enum(HANDICAP_MODES, { error: 'Handicap mode must be "manual" or "auto"' }).default("manual"),
    /** Auto mode: how much of the gap to the all-teams average the handicap closes (0 none, 1 all). */
    handicapStrength: num("Handicap strength", 0, 1).default(0.5),
    /** Auto mode: the largest CSAT handicap, in stars, either way. */
    handicapMaxCsat: num("Largest CSAT handicap", 0, 2, "stars").default(0.5),
    /** Auto mode: the largest points factor (and 1 / it the smallest). */
    handicapMaxPointsFactor: num("Largest points factor", 1, 5).default(2),
  })
  .strict();

export type RuleConfigInput = z.input<typeof RuleConfigSchema>;
export type RuleConfigKey = keyof z.infer<typeof RuleConfigSchema>;

export const DEFAULT_RULES = RuleConfigSchema.parse({});

/** How the rule editor renders one field. */
export type RuleFieldKind = "number" | "select" | "map-by-line" | "map-by-skill" | "map-by-value";

export type RuleField = {
  key: RuleConfigKey;
  label: string;
  /** One or two sentences in plain words, shown under the field. */
  help: string;
  kind: RuleFieldKind;
  /** Bounds and step of the number (for maps: of each value). */
  min?: number;
  max?: number;
  step?: number;
  /** For `select`. */
  options?: { value: string; label: string }[];
  /** Shown next to the input: "points", "days", "×" … */
  unit?: string;
  /** Section heading the field belongs to, in display order. */
  group: "Points" | "Weights" | "Ratings" | "Reopens" | "Credit" | "Quota and handicap";
  /** Shown only when another field has this value (e.g. handicap settings in auto mode). */
  showWhen?: { key: RuleConfigKey; equals: string };
};

/**
 * Every rule as the editor's form shows it, in display order. Bounds match RuleConfigSchema;
 * the server still validates with the schema, whose messages are as human as these labels.
 */
export const RULE_FIELDS: readonly RuleField[] = [
  {
    key: "basePointsByLine",
    label: "Base points per line",
    help: "What one solved ticket is worth on each support line. The seed's rule: an L2 engineer closes about 10 tickets a day, so an L2 ticket is worth 1 point.",
    kind: "map-by-line",
    min: 0,
    max: 100,
    step: 0.1,
    unit: "points",
    group: "Points",
  },
  {
    key: "defaultBasePoints",
    label: "Base points without a line",
    help: "Used when neither the ticket nor the engineer belongs to a line listed above.",
    kind: "number",
    min: 0,
    max: 100,
    step: 0.1,
    unit: "points",
    group: "Points",
  },
  {
    key: "crossSkillMultiplier",
    label: "Cross-skill multiplier",
    help: "A ticket from a skill group the engineer does not belong to is worth this many times more, so nobody avoids foreign or hard tickets. 1 turns it off.",
    kind: "number",
    min: 1,
    max: 10,
    step: 0.1,
    unit: "×",
    group: "Points",
  },
  {
    key: "skillGroupWeights",
    label: "Weight per skill group",
    help: "Multiply the base points of tickets in a skill group (for example 1.5 for integrations). Groups not listed count ×1.",
    kind: "map-by-skill",
    min: 0,
    max: 10,
    step: 0.1,
    unit: "×",
    group: "Weights",
  },
  {
    key: "priorityWeights",
    label: "Weight per priority",
    help: "Multiply the base points by the ticket's priority as the helpdesk names it (for example urgent 1.5, low 0.8). Priorities not listed count ×1.",
    kind: "map-by-value",
    min: 0,
    max: 10,
    step: 0.1,
    unit: "×",
    group: "Weights",
  },
  {
    key: "ticketTypeWeights",
    label: "Weight per ticket type",
    help: "Multiply the base points by the ticket's type as the helpdesk names it (for example incident 1.2, question 0.8). Types not listed count ×1.",
    kind: "map-by-value",
    min: 0,
    max: 10,
    step: 0.1,
    unit: "×",
    group: "Weights",
  },
  {
    key: "csatGate",
    label: "CSAT gate",
    help: "A ticket the customer rated below this many stars (of 5) earns no points.",
    kind: "number",
    min: 1,
    max: 5,
    step: 0.5,
    unit: "stars",
    group: "Ratings",
  },
  {
    key: "unratedPolicy",
    label: "Unrated tickets earn",
    help: "Most customers never rate. Choose whether an unrated ticket earns all of its points, half of them, or none.",
    kind: "select",
    options: [
      { value: "full", label: "Full points" },
      { value: "half", label: "Half the points" },
      { value: "none", label: "No points" },
    ],
    group: "Ratings",
  },
  {
    key: "fiveStarBonus",
    label: "Five-star bonus",
    help: "Added to a ticket the customer rated 5 of 5.",
    kind: "number",
    min: 0,
    max: 100,
    step: 0.1,
    unit: "points",
    group: "Ratings",
  },
  {
    key: "lowRatingPenalty",
    label: "Low-rating penalty",
    help: "Added (a negative number, or 0 for none) when the customer rated the ticket below the CSAT gate.",
    kind: "number",
    min: -100,
    max: 0,
    step: 0.1,
    unit: "points",
    group: "Ratings",
  },
  {
    key: "reopenWindowDays",
    label: "Reopen window",
    help: "Points stay pending this many days after the solve. If the ticket comes back in that time, its points are revoked.",
    kind: "number",
    min: 0,
    max: 90,
    step: 1,
    unit: "days",
    group: "Reopens",
  },
  {
    key: "reopenPenalty",
    label: "Reopen penalty",
    help: "Added (a negative number, or 0 for none) when a ticket is reopened inside the window.",
    kind: "number",
    min: -100,
    max: 0,
    step: 0.1,
    unit: "points",
    group: "Reopens",
  },
  {
    key: "thankYouReopenMinutes",
    label: "\"Thank you\" reopen exception",
    help: "When a customer's \"thank you\" reopens a ticket and it is solved again within this many minutes without a public agent reply, it does not count as a reopen. 0 turns the exception off.",
    kind: "number",
    min: 0,
    max: 1440,
    step: 1,
    unit: "minutes",
    group: "Reopens",
  },
  {
    key: "creditMode",
    label: "Credit for shared tickets",
    help: "Who gets a ticket's points when several engineers worked on it.",
    kind: "select",
    options: [
      { value: "equal", label: "Split equally between contributors" },
      { value: "solver", label: "The engineer who solved it" },
      { value: "last_assignee", label: "The last assignee" },
      { value: "by_replies", label: "Split by public replies" },
      { value: "by_handle_time", label: "Split by handle time (equal split where the helpdesk has none)" },
    ],
    group: "Credit",
  },
  {
    key: "weeklyQuota",
    label: "Weekly quota",
    help: "Points an engineer needs in an ISO week (Monday to Sunday) for \"quota met\". The seed's example: 50.",
    kind: "number",
    min: 0,
    max: 10000,
    step: 1,
    unit: "points",
    group: "Quota and handicap",
  },
  {
    key: "handicapMode",
    label: "Team handicap",
    help: "Set each team's handicap by hand, or let Podium compute it from each team's last four quarters against the average of all teams.",
    kind: "select",
    options: [
      { value: "manual", label: "Set by hand" },
      { value: "auto", label: "Automatic from the last four quarters" },
    ],
    group: "Quota and handicap",
  },
  {
    key: "handicapStrength",
    label: "Handicap strength",
    help: "How much of a team's gap to the all-teams average the automatic handicap closes: 0 none, 1 all of it (then teams compete on improvement alone).",
    kind: "number",
    min: 0,
    max: 1,
    step: 0.05,
    group: "Quota and handicap",
    showWhen: { key: "handicapMode", equals: "auto" },
  },
  {
    key: "handicapMaxCsat",
    label: "Largest CSAT handicap",
    help: "The automatic CSAT handicap (added to the team's average rating) never goes beyond this many stars either way.",
    kind: "number",
    min: 0,
    max: 2,
    step: 0.01,
    unit: "stars",
    group: "Quota and handicap",
    showWhen: { key: "handicapMode", equals: "auto" },
  },
  {
    key: "handicapMaxPointsFactor",
    label: "Largest points factor",
    help: "The automatic points handicap (multiplying the team's points) stays between 1 / this and this.",
    kind: "number",
    min: 1,
    max: 5,
    step: 0.1,
    unit: "×",
    group: "Quota and handicap",
    showWhen: { key: "handicapMode", equals: "auto" },
  },
];
