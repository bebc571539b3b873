import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { RuleConfig } from "@/lib/scoring/types";
import type { StoredBreakdown } from "@/lib/scoring/compact";
import { engineers, teams, users } from "./org";
import { tickets } from "./helpdesk";

/** Points: versioned rules, the ledger they produce, and the disputes about it. */

export const ruleSets = pgTable(
  "rule_sets",
  {
    id: serial("id").primaryKey(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    /** Validated by RuleConfigSchema (lib/scoring/rules.ts) on every write and read. */
    config: jsonb("config").$type<RuleConfig>().notNull(),
    /** Tickets solved from this moment on are scored with this version. */
    effectiveFrom: timestamp("effective_from", { withTimezone: true }).notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("rule_sets_version_unique").on(t.version)],
);

export const ruleProposalStatusEnum = pgEnum("rule_proposal_status", ["open", "applied", "dismissed"]);

/**
 * A lead's proposed rule set. Rule sets are global (one scoring system, so points compare across
 * teams on the leaderboards); leads propose from the editor, an admin applies (a new version) or dismisses.
 */
export const ruleProposals = pgTable(
  "rule_proposals",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    config: jsonb("config").$type<RuleConfig>().notNull(),
    effectiveFrom: timestamp("effective_from", { withTimezone: true }).notNull(),
    note: text("note").notNull().default(""),
    /** The proposing lead's team, for context. */
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    proposedByUserId: integer("proposed_by_user_id").references(() => users.id, { onDelete: "set null" }),
    status: ruleProposalStatusEnum("status").notNull().default("open"),
    resolution: text("resolution"),
    resolvedByUserId: integer("resolved_by_user_id").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** The version created when applied. */
    ruleSetId: integer("rule_set_id").references(() => ruleSets.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rule_proposals_status_idx").on(t.status, t.createdAt)],
);

export const ledgerStateEnum = pgEnum("ledger_state", ["pending", "confirmed", "revoked"]);
export type LedgerState = (typeof ledgerStateEnum.enumValues)[number];

/** One row per (ticket, engineer); rewritten deterministically whenever the ticket is rescored. */
export const pointsLedger = pgTable(
  "points_ledger",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ticketId: bigint("ticket_id", { mode: "number" })
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    engineerId: integer("engineer_id")
      .notNull()
      .references(() => engineers.id, { onDelete: "cascade" }),
    ruleSetId: integer("rule_set_id")
      .notNull()
      .references(() => ruleSets.id),
    points: numeric("points", { precision: 10, scale: 3, mode: "number" }).notNull(),
    state: ledgerStateEnum("state").notNull(),
    /** Compact form (lib/scoring/compact.ts); rows written before it hold the full form. */
    breakdown: jsonb("breakdown").$type<StoredBreakdown>().notNull(),
    /** When the points were earned (the ticket's first solve): the day they count for. */
    earnedAt: timestamp("earned_at", { withTimezone: true }).notNull(),
    /** End of the reopen window: pending until then. */
    confirmAfter: timestamp("confirm_after", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("points_ledger_ticket_engineer_unique").on(t.ticketId, t.engineerId),
    index("points_ledger_engineer_earned_idx").on(t.engineerId, t.earnedAt),
    index("points_ledger_earned_idx").on(t.earnedAt),
    index("points_ledger_pending_idx").on(t.state, t.confirmAfter),
  ],
);

export const disputeStatusEnum = pgEnum("dispute_status", ["open", "accepted", "rejected"]);

export const disputes = pgTable(
  "disputes",
  {
  id: serial("id").primaryKey(),
  ledgerId: bigint("ledger_id", { mode: "number" })
    .notNull()
    .references(() => pointsLedger.id, { onDelete: "cascade" }),
  openedByUserId: integer("opened_by_user_id").references(() => users.id, { onDelete: "set null" }),
  comment: text("comment").notNull(),
  status: disputeStatusEnum("status").notNull().default("open"),
  resolution: text("resolution"),
  /** Manual adjustment granted when accepted (added on top of the computed points). */
  adjustment: numeric("adjustment", { precision: 10, scale: 3, mode: "number" }),
  resolvedByUserId: integer("resolved_by_user_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    // One open dispute per ledger row (a resolved one may be followed by a new one).
    uniqueIndex("disputes_one_open_per_row").on(t.ledgerId).where(sql`${t.status} = 'open'`),
    index("disputes_status_idx").on(t.status, t.createdAt),
    // A ledger row's disputes (the engineer page, adjustments); also what the cascade from a
    // deleted ledger row looks up, which otherwise scans every dispute per deleted row.
    index("disputes_ledger_idx").on(t.ledgerId),
  ],
);

/** Weekly quota state per engineer and ISO week (filled by the scoring rules of issue #3). */
export const weeklyQuotas = pgTable(
  "weekly_quotas",
  {
    engineerId: integer("engineer_id")
      .notNull()
      .references(() => engineers.id, { onDelete: "cascade" }),
    weekStart: date("week_start", { mode: "string" }).notNull(),
    points: numeric("points", { precision: 10, scale: 3, mode: "number" }).notNull(),
    quota: numeric("quota", { precision: 10, scale: 3, mode: "number" }).notNull(),
    metAt: timestamp("met_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("weekly_quotas_unique").on(t.engineerId, t.weekStart)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

export type RuleSet = typeof ruleSets.$inferSelect;
export type LedgerRow = typeof pointsLedger.$inferSelect;
export type RuleProposal = typeof ruleProposals.$inferSelect;
export type Dispute = typeof disputes.$inferSelect;
