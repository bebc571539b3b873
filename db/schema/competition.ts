import { date, index, integer, jsonb, numeric, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { engineers, teams, users } from "./org";

/** Competition: challenges with their goals, nominations with their winners, crowns with history. */

export const challengeScopeEnum = pgEnum("challenge_scope", ["team", "engineer"]);
export const challengeStatusEnum = pgEnum("challenge_status", ["draft", "active", "achieved", "missed", "archived"]);

export const challenges = pgTable(
  "challenges",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    scope: challengeScopeEnum("scope").notNull(),
    /** Null with scope=team means all teams (directors only). */
    teamId: integer("team_id").references(() => teams.id, { onDelete: "cascade" }),
    /** avg_csat | five_star_count | points | reopen_rate_max | median_resolution_max | custom */
    metric: text("metric").notNull(),
    target: numeric("target", { precision: 12, scale: 3, mode: "number" }).notNull(),
    minCount: integer("min_count").notNull().default(0),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    status: challengeStatusEnum("status").notNull().default("active"),
    /** For metric=custom: which field and value are counted (lib/challenges/types.ts CustomSpec). */
    custom: jsonb("custom").$type<{ field: string; value: string }>(),
    /** Frozen result at quarter close. */
    result: jsonb("result").$type<Record<string, unknown>>(),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set by the quarter-close job together with `result`; never changed after. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("challenges_team_idx").on(t.teamId)],
);

export const nominations = pgTable("nominations", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  metric: text("metric").notNull(),
  filter: jsonb("filter").$type<Record<string, unknown>>().notNull().default({}),
  minSample: integer("min_sample").notNull().default(0),
  /** month | quarter | year */
  periodKind: text("period_kind").notNull().default("month"),
  teamId: integer("team_id").references(() => teams.id, { onDelete: "cascade" }),
  createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const nominationWinners = pgTable(
  "nomination_winners",
  {
    id: serial("id").primaryKey(),
    nominationId: integer("nomination_id")
      .notNull()
      .references(() => nominations.id, { onDelete: "cascade" }),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    engineerId: integer("engineer_id")
      .notNull()
      .references(() => engineers.id, { onDelete: "cascade" }),
    value: numeric("value", { precision: 12, scale: 3, mode: "number" }).notNull(),
    awardedAt: timestamp("awarded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("nomination_winners_unique").on(t.nominationId, t.periodStart)],
);

export const crownBoardEnum = pgEnum("crown_board", ["engineer_points", "team_csat", "team_points"]);
export const periodKindEnum = pgEnum("period_kind", ["day", "week", "month", "quarter", "year"]);

/** The holder of #1 of a board for a period; one row per (board, period), rewritten while the period runs. */
export const crowns = pgTable(
  "crowns",
  {
    id: serial("id").primaryKey(),
    board: crownBoardEnum("board").notNull(),
    periodKind: periodKindEnum("period_kind").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    engineerId: integer("engineer_id").references(() => engineers.id, { onDelete: "cascade" }),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "cascade" }),
    value: numeric("value", { precision: 12, scale: 3, mode: "number" }).notNull(),
    /** Since when the current holder has held it. */
    heldSince: timestamp("held_since", { withTimezone: true }).notNull().defaultNow(),
    /** Set when the period is over and the crown is final. */
    finalAt: timestamp("final_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("crowns_board_period_unique").on(t.board, t.periodKind, t.periodStart)],
);

export type Challenge = typeof challenges.$inferSelect;
export type Crown = typeof crowns.$inferSelect;
