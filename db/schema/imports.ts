import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { connections } from "./helpdesk";
import { users } from "./org";

/**
 * Tokens of the push API (POST /api/push/<connection>/tickets|ratings), one connection each.
 * Only a SHA-256 of the token is kept: it is shown once at creation and cannot be read back.
 */
export const pushTokens = pgTable(
  "push_tokens",
  {
    id: serial("id").primaryKey(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** hex SHA-256 of the whole token. */
    tokenHash: text("token_hash").notNull(),
    /** The first characters, so an admin can tell tokens apart. */
    prefix: text("prefix").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("push_tokens_hash_unique").on(t.tokenHash), index("push_tokens_connection_idx").on(t.connectionId)],
);

export type PushToken = typeof pushTokens.$inferSelect;
