import { z } from "zod";

/**
 * Rule set configuration (v1). Every field has the product brief's default, so `{}` is a valid
 * rule set. Issue #3 extends this schema; old versions stay readable because new fields default.
 */
export const RuleConfigSchema = z
  .object({
    /** Base points per ticket by the line that handled it (line code → points). */
    basePointsByLine: z
      .record(z.string().min(1), z.number().min(0).max(100))
      .default({ L1: 0.5, L2: 1, L3: 2 }),
    /** Used when neither the ticket nor the engineer has a line. */
    defaultBasePoints: z.number().min(0).max(100).default(1),
    /** Multiplier when the ticket's skill group is not one of the engineer's. */
    crossSkillMultiplier: z.number().min(1).max(10).default(1.5),
    /** A ticket rated below this (1–5) earns nothing. */
    csatGate: z.number().min(1).max(5).default(4),
    fiveStarBonus: z.number().min(0).max(100).default(0.5),
    /** Days after the first solve during which a reopen revokes the points. */
    reopenWindowDays: z.number().int().min(0).max(90).default(7),
    /** Added (as a negative number) when a ticket is reopened inside the window. */
    reopenPenalty: z.number().min(-100).max(0).default(0),
    weeklyQuota: z.number().min(0).max(10000).default(50),
  })
  .strict();

export type RuleConfigInput = z.input<typeof RuleConfigSchema>;

export const DEFAULT_RULES = RuleConfigSchema.parse({});
