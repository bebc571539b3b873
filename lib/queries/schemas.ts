import { z } from "zod";
import { isValidTimeZone } from "@/lib/periods";

/**
 * Input of the read queries: board periods, filters and ids. Queries parse their arguments with
 * these (after the authorization check); pages turn raw search params into the same shapes with
 * the lenient `parse*SearchParams` helpers, which drop what is invalid instead of failing.
 */

export const BOARD_PERIODS = ["day", "week", "month", "quarter", "year", "custom"] as const;
export const BoardPeriodSchema = z.enum(BOARD_PERIODS);
export type BoardPeriod = z.infer<typeof BoardPeriodSchema>;

/** A database id: positive integer (strings from forms are coerced). */
export const IdSchema = z.coerce.number().int().positive().max(2_147_483_647);

export const TimeZoneSchema = z.string().min(1).max(64).refine(isValidTimeZone, "Unknown time zone");

const Common = {
  now: z.date().optional(),
  timeZone: TimeZoneSchema.optional(),
};

/** YYYY-MM-DD, for custom periods. */
export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Expected a date as YYYY-MM-DD");

export const LeaderboardArgsSchema = z.object({
  period: BoardPeriodSchema.default("week"),
  /** First and last day of a custom period (inclusive, at most 366 days). */
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  teamId: IdSchema.optional(),
  lineId: IdSchema.optional(),
  skillGroupId: IdSchema.optional(),
  /** How many rows from the top (the viewer's own row comes in addition). */
  top: z.number().int().min(1).max(100).default(10),
  ...Common,
});
export type LeaderboardArgs = z.input<typeof LeaderboardArgsSchema>;

export const TeamBoardArgsSchema = z.object({
  period: BoardPeriodSchema.default("quarter"),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  /** Ratings a team needs in the period to be ranked on CSAT. */
  minSample: z.number().int().min(1).max(10_000).optional(),
  ...Common,
});
export type TeamBoardArgs = z.input<typeof TeamBoardArgsSchema>;

export const EngineerDetailArgsSchema = z.object({
  /** Defaults to the engineer's team's time zone. */
  ...Common,
  /** Ledger rows per page (newest first) and how many newer rows to skip. */
  recentLimit: z.number().int().min(1).max(200).default(25),
  recentOffset: z.number().int().min(0).max(1_000_000).default(0),
  days: z.number().int().min(1).max(366).default(30),
});
export type EngineerDetailArgs = z.input<typeof EngineerDetailArgsSchema>;

type RawParams = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function lenient<T>(schema: z.ZodType<T>, v: string | string[] | undefined): T | undefined {
  const s = first(v);
  if (s === undefined || s === "") return undefined;
  const r = schema.safeParse(s);
  return r.success ? r.data : undefined;
}

/** `/leaderboard?period=&team=&line=&skill=` → query arguments; invalid values are ignored. */
export function parseLeaderboardSearchParams(sp: RawParams) {
  return {
    period: lenient(BoardPeriodSchema, sp.period) ?? "week",
    from: lenient(DateSchema, sp.from),
    to: lenient(DateSchema, sp.to),
    teamId: lenient(IdSchema, sp.team),
    lineId: lenient(IdSchema, sp.line),
    skillGroupId: lenient(IdSchema, sp.skill),
  } satisfies LeaderboardArgs;
}

/** `/teams?period=` → query arguments. */
export function parseTeamBoardSearchParams(sp: RawParams) {
  return {
    period: lenient(BoardPeriodSchema, sp.period) ?? "quarter",
    from: lenient(DateSchema, sp.from),
    to: lenient(DateSchema, sp.to),
  } satisfies TeamBoardArgs;
}

/** A route segment such as `/engineers/[id]` → an id, or null when it is not one. */
export function parseId(raw: string | undefined): number | null {
  const r = IdSchema.safeParse(raw);
  return r.success && /^\d+$/.test(String(raw)) ? r.data : null;
}
