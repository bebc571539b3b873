import { bigint, date, index, integer, numeric, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { engineers } from "./org";

/**
 * Board rollups (issue #5): one row per engineer and UTC day with everything the boards, crowns and
 * nominations sum, kept fresh by lib/rollups from the ledger write path. Pages read these instead of
 * scanning the ledger, tickets and ratings. Team figures are sums over the team's engineers.
 */
export const engineerDayStats = pgTable(
  "engineer_day_stats",
  {
    engineerId: integer("engineer_id")
      .notNull()
      .references(() => engineers.id, { onDelete: "cascade" }),
    /** UTC calendar day of `points_ledger.earned_at` (ledger columns) and `ratings.rated_at` (rating columns). */
    day: date("day", { mode: "string" }).notNull(),
    /** Ledger points plus accepted dispute adjustments (revoked rows add their ≤ 0 points). */
    points: numeric("points", { precision: 14, scale: 3, mode: "number" }).notNull().default(0),
    /** Ledger rows that are not revoked. */
    tickets: integer("tickets").notNull().default(0),
    /** Of those, tickets reopened at least once. */
    reopened: integer("reopened").notNull().default(0),
    /** Of those, tickets outside the engineer's own skill groups (the "helper" nomination). */
    crossSkill: integer("cross_skill").notNull().default(0),
    /** Points from L2/L3 tickets (the "trouble-shooter" nomination). */
    hardPoints: numeric("hard_points", { precision: 14, scale: 3, mode: "number" }).notNull().default(0),
    /** Sum and count of (solved_at − created) over the non-revoked rows, seconds. */
    resolutionSeconds: bigint("resolution_seconds", { mode: "number" }).notNull().default(0),
    resolved: integer("resolved").notNull().default(0),
    /** Ratings given to the engineer on that day (1–5 scale). */
    ratings: integer("ratings").notNull().default(0),
    ratingSum: numeric("rating_sum", { precision: 14, scale: 2, mode: "number" }).notNull().default(0),
    fiveStars: integer("five_stars").notNull().default(0),
    /** Five-star ratings that carry a comment. */
    fiveStarComments: integer("five_star_comments").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.engineerId, t.day] }), index("engineer_day_stats_day_idx").on(t.day)],
);

export type EngineerDayStats = typeof engineerDayStats.$inferSelect;
