import { sql } from "drizzle-orm";
import {
  boolean,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  index,
} from "drizzle-orm/pg-core";

/** People and structure: who competes, in which team, on which line, with which skills. */

export const roleEnum = pgEnum("role", ["engineer", "lead", "director", "admin"]);
export type Role = (typeof roleEnum.enumValues)[number];

export const teams = pgTable("teams", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  /** Added to the team's average CSAT in team rankings (issue #3 makes it automatic). */
  handicapCsat: numeric("handicap_csat", { precision: 6, scale: 3, mode: "number" }).notNull().default(0),
  /** Multiplies the team's points in team rankings. */
  handicapPointsFactor: numeric("handicap_points_factor", { precision: 6, scale: 3, mode: "number" })
    .notNull()
    .default(1),
  /**
   * Who sets the two handicaps above: "manual" (a lead or admin, by hand), "auto" (the
   * team-handicap job, lib/handicap/auto.ts), or null = follow the rule set's handicapMode.
   */
  handicapMode: text("handicap_mode").$type<"manual" | "auto">(),
  /** IANA zone for "today" and the daily digest. */
  timeZone: text("time_zone").notNull().default("UTC"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const lines = pgTable("lines", {
  id: serial("id").primaryKey(),
  /** Stable code used by rule sets: L1, L2, L3. */
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const skillGroups = pgTable("skill_groups", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
});

export const engineers = pgTable(
  "engineers",
  {
    id: serial("id").primaryKey(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    lineId: integer("line_id").references(() => lines.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("engineers_email_unique").on(sql`lower(${t.email})`).where(sql`${t.email} is not null`),
    index("engineers_team_idx").on(t.teamId),
  ],
);

export const engineerSkillGroups = pgTable(
  "engineer_skill_groups",
  {
    engineerId: integer("engineer_id")
      .notNull()
      .references(() => engineers.id, { onDelete: "cascade" }),
    skillGroupId: integer("skill_group_id")
      .notNull()
      .references(() => skillGroups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.engineerId, t.skillGroupId] })],
);

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** scrypt, see lib/auth/password.ts */
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull().default("engineer"),
    /** The engineer this person is on the leaderboards (engineers and often leads). */
    engineerId: integer("engineer_id").references(() => engineers.id, { onDelete: "set null" }),
    /** The team a lead manages. */
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    locale: text("locale").notNull().default("en"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`)],
);

export type Team = typeof teams.$inferSelect;
export type Line = typeof lines.$inferSelect;
export type SkillGroup = typeof skillGroups.$inferSelect;
export type Engineer = typeof engineers.$inferSelect;
export type User = typeof users.$inferSelect;
