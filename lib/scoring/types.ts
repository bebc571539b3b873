import type { RuleConfigSchema } from "./rules";
import type { z } from "zod";

export type RuleConfig = z.infer<typeof RuleConfigSchema>;

export type LedgerStateName = "pending" | "confirmed" | "revoked";

/** Structured reasons behind a ledger row, rendered in plain words by `describeBreakdown`. */
export type PointsBreakdown = {
  ruleVersion: number;
  lineCode: string | null;
  base: number;
  crossSkill: { multiplier: number; skillGroupId: number | null } | null;
  /** The ticket's rating on 1–5, null when unrated. */
  rating: number | null;
  csatGate: { threshold: number; passed: boolean } | null;
  fiveStarBonus: number;
  reopen: { at: string; penalty: number } | null;
  /** This engineer's share of the ticket (1 when alone). */
  share: number;
  contributors: number;
  total: number;
};

/** Everything scoring needs about one ticket, as plain data. */
export type ScoringTicket = {
  id: number;
  status: "new" | "open" | "pending" | "solved" | "closed" | "deleted";
  lineCode: string | null;
  skillGroupId: number | null;
  solvedAt: Date | null;
  isMerged: boolean;
  isDeleted: boolean;
  isSpam: boolean;
  solvedByAutomation: boolean;
  /** Status changes in order. */
  events: { at: Date; from: string | null; to: string }[];
  /** Engineers credited: the contributors mapped to engineers, or the solver/assignee alone. */
  engineerIds: number[];
  /** The newest rating's score on 1–5, or null. */
  rating: number | null;
};

export type ScoringEngineer = {
  id: number;
  lineCode: string | null;
  skillGroupIds: number[];
};

export type ScoredRow = {
  ticketId: number;
  engineerId: number;
  points: number;
  state: LedgerStateName;
  earnedAt: Date;
  confirmAfter: Date;
  breakdown: PointsBreakdown;
};
