import { boolean, integer, pgEnum, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { teams, users } from "./org";

/** Boards (issue #5): what a team's engineers may see of the individual board, and wallboard links. */

export const boardPrivacyEnum = pgEnum("board_privacy", ["full", "top_and_me", "neighbours", "names_hidden"]);
export type BoardPrivacy = (typeof boardPrivacyEnum.enumValues)[number];

export const teamBoardSettings = pgTable("team_board_settings", {
  teamId: integer("team_id")
    .primaryKey()
    .references(() => teams.id, { onDelete: "cascade" }),
  /** What the team's engineers see on the individual board (leads, directors, admins see it all). */
  privacy: boardPrivacyEnum("privacy").notNull().default("top_and_me"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A read-only wallboard link: the URL carries `id.secret`; only the secret's SHA-256 is stored. */
export const wallboardLinks = pgTable("wallboard_links", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  /** Null: everyone's boards. */
  teamId: integer("team_id").references(() => teams.id, { onDelete: "cascade" }),
  secretHash: text("secret_hash").notNull(),
  revoked: boolean("revoked").notNull().default(false),
  createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
});
