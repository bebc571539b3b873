import { z } from "zod";
import { isValidTimeZone } from "@/lib/periods";
import { CUSTOM_FIELDS, METRICS } from "./types";

/** Input of the challenge form and actions; messages are shown beside their field. */

const dateString = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD).`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), `${label} is not a real date.`);

const optionalId = z.preprocess((v) => (v === "" || v === "all" || v === undefined || v === null ? null : v), z.coerce.number().int().positive().nullable());

export const ChallengeInputSchema = z
  .object({
    name: z.string().trim().min(3, "Give the challenge a name of at least 3 characters.").max(120, "Keep the name under 120 characters."),
    /** Null: every team (directors and admins only). */
    teamId: optionalId,
    scope: z.enum(["team", "engineer"], { error: "Choose the team or each engineer." }),
    metric: z.enum(METRICS, { error: "Choose a metric." }),
    target: z.coerce.number({ error: "The target must be a number." }).refine(Number.isFinite, "The target must be a number."),
    minCount: z.coerce.number({ error: "The minimum count must be a whole number." }).int("The minimum count must be a whole number.").min(0, "The minimum count cannot be negative.").max(1_000_000, "The minimum count is too large.").default(0),
    periodStart: dateString("The start date"),
    periodEnd: dateString("The end date"),
    customField: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CUSTOM_FIELDS, { error: "Choose what the custom metric counts." }).optional()),
    customValue: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().max(80, "Keep the value under 80 characters.").optional()),
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd < v.periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "The end date must be on or after the start date." });
    if (v.periodStart && v.periodEnd && (Date.parse(v.periodEnd) - Date.parse(v.periodStart)) / 86_400_000 > 366)
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "A challenge lasts at most a year." });
    const bad = (message: string) => ctx.addIssue({ code: "custom", path: ["target"], message });
    switch (v.metric) {
      case "avg_csat":
        if (v.target < 1 || v.target > 5) bad("An average CSAT target is between 1 and 5.");
        break;
      case "reopen_rate_max":
        if (v.target < 0 || v.target > 100) bad("A reopen rate is a percentage between 0 and 100.");
        break;
      case "median_resolution_max":
        if (v.target <= 0) bad("The median resolution time must be more than 0 hours.");
        break;
      default:
        if (v.target <= 0) bad("The target must be more than 0.");
        else if (v.metric !== "points" && !Number.isInteger(v.target)) bad("A count target is a whole number.");
    }
    if (v.metric === "custom") {
      if (!v.customField) ctx.addIssue({ code: "custom", path: ["customField"], message: "Choose what the custom metric counts." });
      if (!v.customValue) ctx.addIssue({ code: "custom", path: ["customValue"], message: "Give the value to count (e.g. urgent, or 5 for five-star comments)." });
      if (v.customField === "commented_rating" && !(Number(v.customValue) >= 1 && Number(v.customValue) <= 5))
        ctx.addIssue({ code: "custom", path: ["customValue"], message: "For commented ratings, give the least number of stars (1–5)." });
    }
  });
export type ChallengeInput = z.infer<typeof ChallengeInputSchema>;

export const ChallengeUpdateSchema = ChallengeInputSchema.and(z.object({ id: z.coerce.number().int().positive() }));

export const SuggestArgsSchema = z.object({
  teamId: optionalId,
  metric: z.enum(METRICS),
  customField: z.enum(CUSTOM_FIELDS).optional(),
  customValue: z.string().max(80).optional(),
});

export const TimeZoneSchema = z.string().refine(isValidTimeZone, "Unknown time zone.");
