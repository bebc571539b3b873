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
  /* Fields below were added by issue #3; rows written before it lack them. */
  /** Multipliers of the base other than cross-skill, in the order applied. */
  weights?: { kind: "skill_group" | "priority" | "type"; key: string; multiplier: number }[];
  /** The unrated policy's factor, when the ticket has no rating. */
  unrated?: { policy: "full" | "half" | "none"; factor: number } | null;
  /** Added when rated below the gate (≤ 0). */
  lowRatingPenalty?: number;
  /** How the share was decided: the mode asked for, the one used (after fallbacks), and its basis. */
  credit?: {
    mode: string;
    used: string;
    /** Replies or seconds of this engineer and of everyone credited, for the proportional modes. */
    mine?: number;
    of?: number;
    unit?: "replies" | "seconds";
  };
  /** Reopens ignored as "thank you" reopens. */
  thankYouReopens?: number;
};

/** One contributor of a ticket mapped to an engineer, with what the source tells about their share. */
export type ScoringContributor = { engineerId: number; publicReplies: number; handleSeconds: number | null };

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
  /** Status changes in order; `publicAgentReply`: an agent replied publicly since the previous event. */
  events: { at: Date; from: string | null; to: string; publicAgentReply?: boolean }[];
  /** Engineers credited: the contributors mapped to engineers, or the solver/assignee alone. */
  engineerIds: number[];
  /** The newest rating's score on 1–5, or null. */
  rating: number | null;
  /* Optional (issue #3), so older callers still type-check: missing means unknown. */
  /** Contributors mapped to engineers, with replies and handle time (for the proportional modes). */
  contributors?: ScoringContributor[];
  /** The engineer who solved it, and the last assignee (the ticket's assignee), when mapped. */
  solverEngineerId?: number | null;
  assigneeEngineerId?: number | null;
  priority?: string | null;
  ticketType?: string | null;
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
