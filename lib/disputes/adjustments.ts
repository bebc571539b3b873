import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { disputes } from "@/db/schema";

/**
 * Accepted dispute adjustments summed per ledger row, as a subquery to left-join on
 * `points_ledger.id`: the boards and the engineer page add it to the row's computed points, so an
 * adjustment counts in the period of the ticket it corrects and survives rescoring (the row keeps its id).
 */
export function adjustmentsByLedger(db: Db) {
  return db
    .select({
      ledgerId: disputes.ledgerId,
      adjustment: sql<string>`sum(${disputes.adjustment})`.as("adjustment"),
    })
    .from(disputes)
    .where(eq(disputes.status, "accepted"))
    .groupBy(disputes.ledgerId)
    .as("adj");
}
