import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { challenges } from "./competition";
import { engineers, teams, users } from "./org";

/** Issue #6: daily digest channels and their deliveries, and badges awarded at quarter close. */

export const digestKindEnum = pgEnum("digest_kind", ["slack", "teams", "telegram", "email"]);

/** Where a team's daily digest goes. The secret part (webhook URL, bot token, SMTP password) is encrypted. */
export const digestChannels = pgTable(
  "digest_channels",
  {
    id: serial("id").primaryKey(),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    kind: digestKindEnum("kind").notNull(),
    name: text("name").notNull(),
    /** Non-secret settings shown in the UI: Telegram chat id, SMTP host/port/user/from/to. */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    /** AES-256-GCM envelope (lib/crypto/secrets.ts) of { url } or { botToken } or { password }. */
    secretEncrypted: text("secret_encrypted").notNull(),
    /** Local time of day in the team's zone, "HH:MM". */
    sendAt: text("send_at").notNull().default("18:00"),
    enabled: boolean("enabled").notNull().default(true),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("digest_channels_team_idx").on(t.teamId)],
);

export const deliveryStatusEnum = pgEnum("delivery_status", ["pending", "sent", "failed"]);

/** One digest message to one channel; retried with backoff until sent or out of attempts. */
export const digestDeliveries = pgTable(
  "digest_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    channelId: integer("channel_id")
      .notNull()
      .references(() => digestChannels.id, { onDelete: "cascade" }),
    /** The team's local day the digest is for. */
    day: date("day", { mode: "string" }).notNull(),
    /** scheduled | test */
    trigger: text("trigger").notNull(),
    status: deliveryStatusEnum("status").notNull().default("pending"),
    text: text("text").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one scheduled digest per channel and day, whatever runs the job twice.
    uniqueIndex("digest_deliveries_scheduled_unique").on(t.channelId, t.day).where(sql`${t.trigger} = 'scheduled'`),
    index("digest_deliveries_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** A badge: a challenge achieved by a team or an engineer, awarded once by the quarter close. */
export const badges = pgTable(
  "badges",
  {
    id: serial("id").primaryKey(),
    /** challenge_achieved | quarter_crown */
    kind: text("kind").notNull(),
    challengeId: integer("challenge_id").references(() => challenges.id, { onDelete: "cascade" }),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "cascade" }),
    engineerId: integer("engineer_id").references(() => engineers.id, { onDelete: "cascade" }),
    /** "team:3" or "engineer:7": one unique key that works the same on every PostgreSQL version. */
    subject: text("subject").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    label: text("label").notNull(),
    awardedAt: timestamp("awarded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("badges_unique").on(t.kind, t.subject, t.periodStart, t.label)],
);

export type DigestChannel = typeof digestChannels.$inferSelect;
export type DigestDelivery = typeof digestDeliveries.$inferSelect;
export type Badge = typeof badges.$inferSelect;
