import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbHandle } from "@/db/client";
import { engineerIdentities, engineers, helpdeskGroups, lines, skillGroups } from "@/db/schema";
import { SafeError } from "@/lib/actions/define";
import { AuthError, canManageConnections, requireViewer, type Viewer } from "@/lib/auth/policy";
import { applyGroupMapping, applyIdentityLinks } from "@/lib/sync/remap";

/**
 * Mapping a connection's helpdesk groups to skill groups and lines, and its agents to engineers
 * (matched by email on sync; overridden here). Each row shows how many stored tickets it touches,
 * the preview of a change's effect; saving rescores those tickets at once.
 */

function requireAdmin(viewer: Viewer | null) {
  const v = requireViewer(viewer);
  if (!canManageConnections(v)) throw new AuthError(403);
}

export async function getMapping(db: Db, viewer: Viewer | null, connectionId: number) {
  requireAdmin(viewer);
  const groups = await db
    .select({
      id: helpdeskGroups.id,
      name: helpdeskGroups.name,
      skillGroupId: helpdeskGroups.skillGroupId,
      lineId: helpdeskGroups.lineId,
      // Qualified by hand: drizzle leaves single-table columns unqualified, which the subquery would read as its own.
      tickets: sql<number>`(select count(*)::int from tickets t where t.connection_id = helpdesk_groups.connection_id and t.group_external_id = helpdesk_groups.external_id)`,
    })
    .from(helpdeskGroups)
    .where(eq(helpdeskGroups.connectionId, connectionId))
    .orderBy(helpdeskGroups.name);
  const agents = await db
    .select({
      id: engineerIdentities.id,
      name: engineerIdentities.name,
      email: engineerIdentities.email,
      engineerId: engineerIdentities.engineerId,
      tickets: sql<number>`(select count(*)::int from tickets t where t.assignee_identity_id = engineer_identities.id or t.solver_identity_id = engineer_identities.id)`,
    })
    .from(engineerIdentities)
    .where(and(eq(engineerIdentities.connectionId, connectionId), eq(engineerIdentities.isAgent, true)))
    .orderBy(engineerIdentities.name);
  const options = {
    skillGroups: await db.select({ id: skillGroups.id, name: skillGroups.name }).from(skillGroups).orderBy(skillGroups.name),
    lines: await db.select({ id: lines.id, name: lines.name }).from(lines).orderBy(lines.sortOrder),
    engineers: await db.select({ id: engineers.id, name: engineers.displayName, email: engineers.email }).from(engineers).orderBy(engineers.displayName),
  };
  return { groups, agents, options };
}

const optionalId = z.union([z.literal(""), z.coerce.number().int().positive()]).transform((v) => (v === "" ? null : v));

export const GroupMappingSchema = z.object({ groupId: z.coerce.number().int().positive(), skillGroupId: optionalId, lineId: optionalId });
export const AgentMappingSchema = z.object({ identityId: z.coerce.number().int().positive(), engineerId: optionalId });

export async function setGroupMapping(handle: DbHandle, viewer: Viewer | null, input: z.infer<typeof GroupMappingSchema>) {
  requireAdmin(viewer);
  const [g] = await handle.db
    .update(helpdeskGroups)
    .set({ skillGroupId: input.skillGroupId, lineId: input.lineId })
    .where(eq(helpdeskGroups.id, input.groupId))
    .returning();
  if (!g) throw new SafeError("No such helpdesk group.", 404);
  const r = await applyGroupMapping(handle.db, g.connectionId, g.externalId, new Date());
  return { ticketsRescored: r.tickets };
}

export async function setAgentMapping(handle: DbHandle, viewer: Viewer | null, input: z.infer<typeof AgentMappingSchema>) {
  requireAdmin(viewer);
  const [i] = await handle.db.update(engineerIdentities).set({ engineerId: input.engineerId }).where(eq(engineerIdentities.id, input.identityId)).returning();
  if (!i) throw new SafeError("No such helpdesk agent.", 404);
  const r = await applyIdentityLinks(handle.db, [i.id], new Date());
  return { ticketsRescored: r.tickets };
}
