import { sql } from "drizzle-orm";
import {
  bigserial,
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { engineers, lines, skillGroups, teams } from "./org";

/** What comes from the helpdesks: connections, their agents and groups, tickets and ratings. */

export const connections = pgTable("connections", {
  id: serial("id").primaryKey(),
  /** demo | zendesk | freshdesk | rt | ... (see lib/connectors/registry.ts) */
  kind: text("kind").notNull(),
  name: text("name").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  /** AES-256-GCM envelope from lib/crypto/secrets.ts; never sent to the browser. */
  credentialsEncrypted: text("credentials_encrypted"),
  /** Connector settings (domain, backfill start, field mappings); validated by the connector. */
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An agent in one helpdesk. The same person in two helpdesks: two identities, one engineer. */
export const engineerIdentities = pgTable(
  "engineer_identities",
  {
    id: serial("id").primaryKey(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    email: text("email"),
    /** Null until mapped (automatically by email, or by hand). */
    engineerId: integer("engineer_id").references(() => engineers.id, { onDelete: "set null" }),
    isAgent: boolean("is_agent").notNull().default(true),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("engineer_identities_ext_unique").on(t.connectionId, t.externalId),
    index("engineer_identities_engineer_idx").on(t.engineerId),
  ],
);

/** A helpdesk group (queue, category) and what it maps to in Podium. */
export const helpdeskGroups = pgTable(
  "helpdesk_groups",
  {
    id: serial("id").primaryKey(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    skillGroupId: integer("skill_group_id").references(() => skillGroups.id, { onDelete: "set null" }),
    lineId: integer("line_id").references(() => lines.id, { onDelete: "set null" }),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("helpdesk_groups_ext_unique").on(t.connectionId, t.externalId)],
);

/**
 * Tag or custom-field rules that place tickets in a skill group and line, over the group's
 * mapping: the first matching rule (by position) wins, per field it sets.
 */
export const helpdeskFieldMappings = pgTable(
  "helpdesk_field_mappings",
  {
    id: serial("id").primaryKey(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    /** tag | field */
    kind: text("kind").notNull(),
    /** The tag, or the custom field's id. */
    fieldKey: text("field_key").notNull(),
    /** For a field: the value that matches (a tag matches by being present). */
    fieldValue: text("field_value"),
    skillGroupId: integer("skill_group_id").references(() => skillGroups.id, { onDelete: "set null" }),
    lineId: integer("line_id").references(() => lines.id, { onDelete: "set null" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("helpdesk_field_mappings_connection_idx").on(t.connectionId, t.position)],
);
export type HelpdeskFieldMapping = typeof helpdeskFieldMappings.$inferSelect;

export const ticketStatusEnum = pgEnum("ticket_status", ["new", "open", "pending", "solved", "closed", "deleted"]);
export type TicketStatus = (typeof ticketStatusEnum.enumValues)[number];

export const tickets = pgTable(
  "tickets",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    subject: text("subject").notNull().default(""),
    status: ticketStatusEnum("status").notNull(),
    /** The status as the helpdesk spells it, for explanations and debugging. */
    rawStatus: text("raw_status").notNull(),
    groupExternalId: text("group_external_id"),
    /** Resolved through helpdesk_groups when the ticket is stored; rescored when a mapping changes. */
    skillGroupId: integer("skill_group_id").references(() => skillGroups.id, { onDelete: "set null" }),
    lineId: integer("line_id").references(() => lines.id, { onDelete: "set null" }),
    assigneeIdentityId: integer("assignee_identity_id").references(() => engineerIdentities.id, {
      onDelete: "set null",
    }),
    solverIdentityId: integer("solver_identity_id").references(() => engineerIdentities.id, {
      onDelete: "set null",
    }),
    priority: text("priority"),
    ticketType: text("ticket_type"),
    createdAtSource: timestamp("created_at_source", { withTimezone: true }).notNull(),
    updatedAtSource: timestamp("updated_at_source", { withTimezone: true }).notNull(),
    /** First time the ticket reached solved/closed: the moment its points are earned. */
    solvedAt: timestamp("solved_at", { withTimezone: true }),
    reopenCount: integer("reopen_count").notNull().default(0),
    isMerged: boolean("is_merged").notNull().default(false),
    isDeleted: boolean("is_deleted").notNull().default(false),
    isSpam: boolean("is_spam").notNull().default(false),
    solvedByAutomation: boolean("solved_by_automation").notNull().default(false),
    /** The helpdesk's tags and custom field values (field id → value), for tag/field mappings. */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    customFields: jsonb("custom_fields").$type<Record<string, string>>().notNull().default({}),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("tickets_ext_unique").on(t.connectionId, t.externalId),
    index("tickets_solved_at_idx").on(t.solvedAt),
  ],
);

/** Status history, so reopens are known. Stored whole on every sync of the ticket (idempotent). */
export const ticketStatusEvents = pgTable(
  "ticket_status_events",
  {
    ticketId: bigint("ticket_id", { mode: "number" })
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    fromStatus: ticketStatusEnum("from_status"),
    toStatus: ticketStatusEnum("to_status").notNull(),
    actorIdentityId: integer("actor_identity_id").references(() => engineerIdentities.id, {
      onDelete: "set null",
    }),
    /** Whether an agent replied publicly since the previous event (tells a "thank you" reopen apart). */
    publicAgentReply: boolean("public_agent_reply").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.seq] })],
);

/** Everyone who worked on a ticket, with what the source tells about their share. */
export const ticketContributors = pgTable(
  "ticket_contributors",
  {
    ticketId: bigint("ticket_id", { mode: "number" })
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    identityId: integer("identity_id")
      .notNull()
      .references(() => engineerIdentities.id, { onDelete: "cascade" }),
    publicReplies: integer("public_replies").notNull().default(0),
    handleSeconds: integer("handle_seconds"),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.identityId] }), index("ticket_contributors_identity_idx").on(t.identityId)],
);

export const ratingScaleEnum = pgEnum("rating_scale", ["good_bad", "one_to_five", "freshdesk_103", "zero_to_max", "three_level"]);
export type RatingScale = (typeof ratingScaleEnum.enumValues)[number];

export const ratings = pgTable(
  "ratings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    ticketExternalId: text("ticket_external_id").notNull(),
    /** Null while the ticket has not been synced yet; linked when it arrives. */
    ticketId: bigint("ticket_id", { mode: "number" }).references(() => tickets.id, { onDelete: "cascade" }),
    ratedIdentityId: integer("rated_identity_id").references(() => engineerIdentities.id, { onDelete: "set null" }),
    scale: ratingScaleEnum("scale").notNull(),
    rawValue: text("raw_value").notNull(),
    /** Normalised to 1–5. */
    score: numeric("score", { precision: 4, scale: 2, mode: "number" }).notNull(),
    comment: text("comment"),
    ratedAt: timestamp("rated_at", { withTimezone: true }).notNull(),
    updatedAtSource: timestamp("updated_at_source", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("ratings_ext_unique").on(t.connectionId, t.externalId),
    index("ratings_ticket_idx").on(t.ticketId),
    index("ratings_ticket_ext_idx").on(t.connectionId, t.ticketExternalId),
    index("ratings_rated_at_idx").on(t.ratedAt),
    // The engineer page's newest customer comments: one engineer's ratings, newest first.
    index("ratings_identity_rated_idx").on(t.ratedIdentityId, t.ratedAt),
  ],
);

export type Connection = typeof connections.$inferSelect;
export type Ticket = typeof tickets.$inferSelect;
export type Rating = typeof ratings.$inferSelect;
export type EngineerIdentity = typeof engineerIdentities.$inferSelect;
