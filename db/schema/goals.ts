import { check, integer, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users, engineers } from "./org";

/** Issue #5: a personal points goal per engineer (weekly or quarterly), set by the engineer or their lead. */
export const engineerGoals = pgTable(
  "engineer_goals",
  {
    engineerId: integer("engineer_id")
      .primaryKey()
      .references(() => engineers.id, { onDelete: "cascade" }),
    /** week | quarter */
    period: text("period").notNull(),
    points: numeric("points", { precision: 10, scale: 3, mode: "number" }).notNull(),
    setByUserId: integer("set_by_user_id").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("engineer_goals_period", sql`${t.period} in ('week', 'quarter')`), check("engineer_goals_points", sql`${t.points} > 0`)],
);
