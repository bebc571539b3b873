import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineerIdentities, helpdeskGroups, ticketContributors, tickets } from "@/db/schema";
import type { SourceAgent, SourceGroup } from "@/lib/connectors/types";

/**
 * Agents and groups of a connection: upserted from the directory, and found (or created as
 * placeholders) for the ids that tickets and ratings mention.
 */

export async function upsertDirectory(
  db: Db,
  connectionId: number,
  agents: SourceAgent[],
  groups: SourceGroup[],
): Promise<{ agents: number; groups: number; newlyLinkedIdentityIds: number[] }> {
  const uniqueGroups = [...new Map(groups.map((g) => [g.externalId, g])).values()];
  if (uniqueGroups.length) {
    // Only the name comes from the helpdesk; the mapping to Podium belongs to the team leads.
    await db
      .insert(helpdeskGroups)
      .values(uniqueGroups.map((g) => ({ connectionId, externalId: g.externalId, name: g.name })))
      .onConflictDoUpdate({ target: [helpdeskGroups.connectionId, helpdeskGroups.externalId], set: { name: sql`excluded.name` } });
  }
  const uniqueAgents = [...new Map(agents.map((a) => [a.externalId, a])).values()];
  if (uniqueAgents.length) {
    await db
      .insert(engineerIdentities)
      .values(uniqueAgents.map((a) => ({ connectionId, externalId: a.externalId, name: a.name, email: a.email, isAgent: a.isAgent })))
      .onConflictDoUpdate({
        target: [engineerIdentities.connectionId, engineerIdentities.externalId],
        set: { name: sql`excluded.name`, email: sql`excluded.email`, isAgent: sql`excluded.is_agent`, updatedAt: sql`now()` },
      });
  }
  // Same email (any case) as an engineer: the same person. Links made by hand are never touched.
  const linked = await db
    .update(engineerIdentities)
    .set({
      engineerId: sql`(select e.id from engineers e where lower(e.email) = lower(engineer_identities.email) order by e.id limit 1)`,
    })
    .where(
      and(
        eq(engineerIdentities.connectionId, connectionId),
        sql`${engineerIdentities.engineerId} is null`,
        // Spelled out: inside the subquery a bare "email" would mean the engineer's column.
        sql`exists (select 1 from engineers e where lower(e.email) = lower(engineer_identities.email))`,
      ),
    )
    .returning({ id: engineerIdentities.id });
  return { agents: uniqueAgents.length, groups: uniqueGroups.length, newlyLinkedIdentityIds: linked.map((r) => r.id) };
}

/** Stored tickets of these identities (as assignee, solver or contributor): they need rescoring. */
export async function ticketsOfIdentities(db: Db, identityIds: number[]): Promise<number[]> {
  if (identityIds.length === 0) return [];
  const [direct, contributed] = await Promise.all([
    db
      .select({ id: tickets.id })
      .from(tickets)
      .where(sql`${inArray(tickets.assigneeIdentityId, identityIds)} or ${inArray(tickets.solverIdentityId, identityIds)}`),
    db.selectDistinct({ id: ticketContributors.ticketId }).from(ticketContributors).where(inArray(ticketContributors.identityId, identityIds)),
  ]);
  return [...new Set([...direct, ...contributed].map((r) => r.id))];
}

/** Identity ids for agent external ids; agents the directory did not list get a placeholder. */
export async function resolveAgents(db: Db, connectionId: number, externalIds: Iterable<string>): Promise<Map<string, number>> {
  const ids = [...new Set(externalIds)];
  if (ids.length === 0) return new Map();
  const where = and(eq(engineerIdentities.connectionId, connectionId), inArray(engineerIdentities.externalId, ids));
  const select = () => db.select({ id: engineerIdentities.id, externalId: engineerIdentities.externalId }).from(engineerIdentities).where(where);
  let rows = await select();
  if (rows.length < ids.length) {
    const known = new Set(rows.map((r) => r.externalId));
    await db
      .insert(engineerIdentities)
      .values(ids.filter((x) => !known.has(x)).map((externalId) => ({ connectionId, externalId, name: `Agent ${externalId}` })))
      .onConflictDoNothing();
    rows = await select();
  }
  return new Map(rows.map((r) => [r.externalId, r.id]));
}

export type GroupMapping = { skillGroupId: number | null; lineId: number | null };

/** The Podium mapping of helpdesk group external ids; unknown groups are added unmapped. */
export async function resolveGroups(db: Db, connectionId: number, externalIds: Iterable<string>): Promise<Map<string, GroupMapping>> {
  const ids = [...new Set(externalIds)];
  if (ids.length === 0) return new Map();
  const where = and(eq(helpdeskGroups.connectionId, connectionId), inArray(helpdeskGroups.externalId, ids));
  const select = () =>
    db
      .select({ externalId: helpdeskGroups.externalId, skillGroupId: helpdeskGroups.skillGroupId, lineId: helpdeskGroups.lineId })
      .from(helpdeskGroups)
      .where(where);
  let rows = await select();
  if (rows.length < ids.length) {
    const known = new Set(rows.map((r) => r.externalId));
    await db
      .insert(helpdeskGroups)
      .values(ids.filter((x) => !known.has(x)).map((externalId) => ({ connectionId, externalId, name: externalId })))
      .onConflictDoNothing();
    rows = await select();
  }
  return new Map(rows.map((r) => [r.externalId, { skillGroupId: r.skillGroupId, lineId: r.lineId }]));
}
