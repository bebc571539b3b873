import { z } from "zod";
import { msg } from "@/lib/i18n/messages";
import { isValidTimeZone } from "@/lib/periods";
import { CUSTOM_FIELDS, METRICS } from "./types";

/**
 * Input of the challenge form and actions; messages are shown beside their field, English here and
 * in the viewer's language once the action result is built (lib/i18n/messages.ts).
 */

const dateString = (which: "start" | "end") =>
  z
    .string({ error: msg(which === "start" ? "err.ch.startRequired" : "err.ch.endRequired") })
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg(which === "start" ? "err.ch.startFormat" : "err.ch.endFormat"))
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), msg(which === "start" ? "err.ch.startReal" : "err.ch.endReal"));

const optionalId = z.preprocess((v) => (v === "" || v === "all" || v === undefined || v === null ? null : v), z.coerce.number().int().positive().nullable());

export const ChallengeInputSchema = z
  .object({
    name: z.string().trim().min(3, msg("err.ch.nameShort")).max(120, msg("err.ch.nameLong")),
    /** Null: every team (directors and admins only). */
    teamId: optionalId,
    scope: z.enum(["team", "engineer"], { error: msg("err.ch.scope") }),
    metric: z.enum(METRICS, { error: msg("err.ch.metric") }),
    target: z.coerce.number({ error: msg("err.ch.targetNumber") }).refine(Number.isFinite, msg("err.ch.targetNumber")),
    minCount: z.coerce.number({ error: msg("err.ch.minCountWhole") }).int(msg("err.ch.minCountWhole")).min(0, msg("err.ch.minCountNegative")).max(1_000_000, msg("err.ch.minCountLarge")).default(0),
    periodStart: dateString("start"),
    periodEnd: dateString("end"),
    customField: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CUSTOM_FIELDS, { error: msg("err.ch.customField") }).optional()),
    customValue: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().max(80, msg("err.ch.customValueLong")).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd < v.periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: msg("err.ch.endBeforeStart") });
    if (v.periodStart && v.periodEnd && (Date.parse(v.periodEnd) - Date.parse(v.periodStart)) / 86_400_000 > 366)
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: msg("err.ch.tooLong") });
    const bad = (message: string) => ctx.addIssue({ code: "custom", path: ["target"], message });
    switch (v.metric) {
      case "avg_csat":
        if (v.target < 1 || v.target > 5) bad(msg("err.ch.csatRange"));
        break;
      case "reopen_rate_max":
        if (v.target < 0 || v.target > 100) bad(msg("err.ch.reopenRange"));
        break;
      case "median_resolution_max":
        if (v.target <= 0) bad(msg("err.ch.medianPositive"));
        break;
      default:
        if (v.target <= 0) bad(msg("err.ch.targetPositive"));
        else if (v.metric !== "points" && !Number.isInteger(v.target)) bad(msg("err.ch.targetWhole"));
    }
    if (v.metric === "custom") {
      if (!v.customField) ctx.addIssue({ code: "custom", path: ["customField"], message: msg("err.ch.customField") });
      if (!v.customValue) ctx.addIssue({ code: "custom", path: ["customValue"], message: msg("err.ch.customValue") });
      if (v.customField === "commented_rating" && !(Number(v.customValue) >= 1 && Number(v.customValue) <= 5))
        ctx.addIssue({ code: "custom", path: ["customValue"], message: msg("err.ch.commentedStars") });
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

export const TimeZoneSchema = z.string().refine(isValidTimeZone, msg("err.ch.timeZone"));
