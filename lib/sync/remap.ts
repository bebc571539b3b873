import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tickets } from "@/db/schema";
import { ticketsOfIdentities } from "./identities";
import { rescoreTickets, type RescoreResult } from "./rescore";

/**
 * Follow-ups of mapping edits made in Podium (not in the helpdesk): stored tickets take the new
 * mapping and are rescored at once, instead of waiting for the helpdesk to touch them again.
 */

/** After a helpdesk group's skill group or line changed: its tickets follow and are rescored. */
export async function applyGroupMapping(db: Db, connectionId: number, groupExternalId: string, now: Date): Promise<RescoreResult> {
  return db.transaction(async (tx) => {
    const mapped = (column: "skill_group_id" | "line_id") =>
      sql.raw(
        `(select hg.${column} from helpdesk_groups hg where hg.connection_id = tickets.connection_id and hg.external_id = tickets.group_external_id)`,
      );
    const rows = await tx
      .update(tickets)
      .set({ skillGroupId: mapped("skill_group_id"), lineId: mapped("line_id") })
      .where(and(eq(tickets.connectionId, connectionId), eq(tickets.groupExternalId, groupExternalId)))
      .returning({ id: tickets.id });
    return rescoreTickets(tx, rows.map((r) => r.id), now);
  });
}

/** After identities were linked to (or unlinked from) engineers by hand: their tickets are rescored. */
export async function applyIdentityLinks(db: Db, identityIds: number[], now: Date): Promise<RescoreResult> {
  return db.transaction(async (tx) => {
    return rescoreTickets(tx, await ticketsOfIdentities(tx, identityIds), now);
  });
}
