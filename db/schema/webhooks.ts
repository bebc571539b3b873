import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { connections } from "./helpdesk";

/**
 * Webhook deliveries already accepted, by their signature: a replayed delivery (same signed
 * body and timestamp) is refused. Rows older than the timestamp window are useless and pruned.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    signature: text("signature").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.signature] }), index("webhook_deliveries_received_idx").on(t.receivedAt)],
);
