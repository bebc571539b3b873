import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { helpdeskFieldMappings, ratings, ticketContributors, ticketStatusEvents, tickets } from "@/db/schema";
import type { SourceRating, SourceTicket } from "@/lib/connectors/types";
import { anyOf, anyText, bulkInsert } from "./bulk";
import { resolveAgents, resolveGroups } from "./identities";
import { placeTicket, sortRules, type FieldRule } from "./placement";
import type { WrittenTicket } from "./scoring-range";

/** The connection's tag/field rules, in the order they apply. */
export async function loadFieldRules(db: Db, connectionId: number): Promise<FieldRule[]> {
  const rows = await db
    .select()
    .from(helpdeskFieldMappings)
    .where(eq(helpdeskFieldMappings.connectionId, connectionId))
    .orderBy(asc(helpdeskFieldMappings.position), asc(helpdeskFieldMappings.id));
  return sortRules(rows);
}

/**
 * Writing one page of a stream. Idempotent: storing the same records twice leaves the same rows,
 * and an older version of a record never overwrites a newer one.
 */

const SOLVED = new Set(["solved", "closed"]);

/** The newest version of each record of a page (a page may, rarely, hold one twice). */
function newestById<T extends { externalId: string; updatedAt: Date }>(items: T[]): T[] {
  const m = new Map<string, T>();
  for (const it of items) {
    const prev = m.get(it.externalId);
    if (!prev || prev.updatedAt.getTime() <= it.updatedAt.getTime()) m.set(it.externalId, it);
  }
  return [...m.values()];
}

function reopenCount(t: SourceTicket): number {
  return t.events.filter((e) => e.from !== null && SOLVED.has(e.from) && !SOLVED.has(e.to) && e.to !== "deleted").length;
}

/**
 * What a page wrote: the ids of the ticket rows written (inserted or updated; an older version is
 * skipped), which of them were inserted, and each written ticket as stored, for scoring it from
 * memory (lib/sync/rescore.ts, rescoreWrittenTickets).
 */
export type StoredTickets = { ids: number[]; inserted: Set<number>; written: WrittenTicket[] };

/** Stores tickets with their histories and contributors. */
export async function storeTickets(db: Db, connectionId: number, page: SourceTicket[]): Promise<StoredTickets> {
  const items = newestById(page);
  if (items.length === 0) return { ids: [], inserted: new Set(), written: [] };
  // Independent statements are sent together: the driver pipelines them on the page's
  // connection, so building the next one overlaps the database running the previous one.
  const [agents, groups, rules] = await Promise.all([
    resolveAgents(
      db,
      connectionId,
      items.flatMap((t) => [
        ...[t.assigneeExternalId, t.solverExternalId].filter((x): x is string => x !== null),
        ...t.contributors.map((c) => c.agentExternalId),
        ...t.events.map((e) => e.actorExternalId).filter((x): x is string => x !== null),
      ]),
    ),
    resolveGroups(db, connectionId, items.map((t) => t.groupExternalId).filter((x): x is string => x !== null)),
    loadFieldRules(db, connectionId),
  ]);
  const agent = (x: string | null) => (x === null ? null : (agents.get(x) ?? null));

  const rows = items.map((t) => {
    const group = t.groupExternalId !== null ? groups.get(t.groupExternalId) : undefined;
    const tags = t.tags ?? [];
    const customFields = t.customFields ?? {};
    const g = placeTicket({ skillGroupId: group?.skillGroupId ?? null, lineId: group?.lineId ?? null }, { tags, customFields }, rules);
    return {
      connectionId,
      externalId: t.externalId,
      subject: t.subject,
      status: t.status,
      rawStatus: t.rawStatus,
      groupExternalId: t.groupExternalId,
      skillGroupId: g.skillGroupId,
      lineId: g.lineId,
      assigneeIdentityId: agent(t.assigneeExternalId),
      solverIdentityId: agent(t.solverExternalId),
      priority: t.priority,
      ticketType: t.ticketType,
      createdAtSource: t.createdAt,
      updatedAtSource: t.updatedAt,
      solvedAt: t.solvedAt,
      reopenCount: reopenCount(t),
      isMerged: t.isMerged,
      isDeleted: t.isDeleted,
      isSpam: t.isSpam,
      solvedByAutomation: t.solvedByAutomation,
      tags,
      customFields,
    };
  });
  const written = (
    await bulkInsert(db, tickets, rows, {
      conflict: {
        target: ["connectionId", "externalId"],
        update: Object.keys(rows[0]!).filter((k) => k !== "connectionId" && k !== "externalId"),
        set: sql`synced_at = now()`,
        // An older version (a replayed page, a reset cursor with an earlier `now`) never wins.
        where: sql`excluded.updated_at_source >= ${tickets.updatedAtSource}`,
      },
      returning: ["id", "externalId"],
      returningInserted: true,
    })
  ).map((r) => ({ id: Number(r.id), externalId: String(r.externalId), inserted: r.inserted === true || r.inserted === "t" }));
  if (written.length === 0) return { ids: [], inserted: new Set(), written: [] };
  const idOf = new Map(written.map((w) => [w.externalId, w.id]));
  const ids = written.map((w) => w.id);
  const stored = items.filter((t) => idOf.has(t.externalId));

  // The whole history and contributor list come with every version: replace, never merge. A
  // ticket this statement inserted has none yet (most of a backfill): no delete for it.
  const updated = written.filter((w) => !w.inserted).map((w) => w.id);
  if (updated.length) {
    await db.delete(ticketStatusEvents).where(anyOf(ticketStatusEvents.ticketId, updated));
    await db.delete(ticketContributors).where(anyOf(ticketContributors.ticketId, updated));
  }
  const events = stored.flatMap((t) =>
    t.events.map((e, seq) => ({
      ticketId: idOf.get(t.externalId)!,
      seq,
      at: e.at,
      fromStatus: e.from,
      toStatus: e.to,
      actorIdentityId: agent(e.actorExternalId),
      publicAgentReply: e.publicAgentReply,
    })),
  );
  const contributors = stored.flatMap((t) => {
    const byIdentity = new Map<number, { publicReplies: number; handleSeconds: number | null }>();
    for (const c of t.contributors) {
      const identityId = agent(c.agentExternalId)!;
      const prev = byIdentity.get(identityId);
      byIdentity.set(identityId, {
        publicReplies: (prev?.publicReplies ?? 0) + c.publicReplies,
        handleSeconds: prev?.handleSeconds != null || c.handleSeconds != null ? (prev?.handleSeconds ?? 0) + (c.handleSeconds ?? 0) : null,
      });
    }
    return [...byIdentity].map(([identityId, c]) => ({ ticketId: idOf.get(t.externalId)!, identityId, ...c }));
  });
  await Promise.all([
    bulkInsert(db, ticketStatusEvents, events),
    bulkInsert(db, ticketContributors, contributors),
    // Ratings that arrived before their ticket.
    db
    .update(ratings)
    .set({ ticketId: sql`(select t.id from tickets t where t.connection_id = ratings.connection_id and t.external_id = ratings.ticket_external_id)` })
    .where(
      and(
        eq(ratings.connectionId, connectionId),
        isNull(ratings.ticketId),
        // One array parameter, not one per ticket: a statement of a thousand parameters costs
        // more to build and plan than to run.
        anyText(ratings.ticketExternalId, stored.map((t) => t.externalId)),
      ),
    ),
  ]);
  return { ids, inserted: new Set(written.filter((w) => w.inserted).map((w) => w.id)), written: writtenTickets(rows, idOf, events, contributors) };
}

/** The written tickets as scoring reads them, from the rows the page wrote. Pure. */
function writtenTickets(
  rows: (Omit<WrittenTicket, "id" | "events" | "contributors" | "lineId"> & { externalId: string; lineId: number | null })[],
  idOf: Map<string, number>,
  events: { ticketId: number; at: Date; fromStatus: string | null; toStatus: string; publicAgentReply: boolean }[],
  contributors: { ticketId: number; identityId: number; publicReplies: number; handleSeconds: number | null }[],
): WrittenTicket[] {
  const byId = new Map<number, WrittenTicket>();
  for (const r of rows) {
    const id = idOf.get(r.externalId);
    // Rows skipped by the upsert (an older version) are not written: not scored either.
    if (id === undefined || byId.has(id)) continue;
    byId.set(id, {
      id,
      status: r.status,
      lineId: r.lineId,
      skillGroupId: r.skillGroupId,
      solvedAt: r.solvedAt,
      isMerged: r.isMerged,
      isDeleted: r.isDeleted,
      isSpam: r.isSpam,
      solvedByAutomation: r.solvedByAutomation,
      assigneeIdentityId: r.assigneeIdentityId,
      solverIdentityId: r.solverIdentityId,
      priority: r.priority,
      ticketType: r.ticketType,
      events: [],
      contributors: [],
    });
  }
  // Events come in `seq` order per ticket (built in history order above).
  for (const e of events) byId.get(e.ticketId)?.events.push({ at: e.at, from: e.fromStatus, to: e.toStatus, publicAgentReply: e.publicAgentReply });
  for (const c of contributors) byId.get(c.ticketId)?.contributors.push({ identityId: c.identityId, publicReplies: c.publicReplies, handleSeconds: c.handleSeconds });
  return [...byId.values()];
}

export type PreparedRating = SourceRating & { score: number };

/** Stores ratings (newest version wins); returns the ids of the tickets whose rating changed. */
export async function storeRatings(db: Db, connectionId: number, page: PreparedRating[]): Promise<{ stored: number; ticketIds: number[] }> {
  const items = newestById(page);
  if (items.length === 0) return { stored: 0, ticketIds: [] };
  const agents = await resolveAgents(db, connectionId, items.map((r) => r.ratedAgentExternalId).filter((x): x is string => x !== null));
  const known = await db
    .select({ id: tickets.id, externalId: tickets.externalId })
    .from(tickets)
    .where(and(eq(tickets.connectionId, connectionId), anyText(tickets.externalId, [...new Set(items.map((r) => r.ticketExternalId))])));
  const ticketOf = new Map(known.map((t) => [t.externalId, t.id]));
  const rows = items.map((r) => ({
    connectionId,
    externalId: r.externalId,
    ticketExternalId: r.ticketExternalId,
    ticketId: ticketOf.get(r.ticketExternalId) ?? null,
    ratedIdentityId: r.ratedAgentExternalId !== null ? (agents.get(r.ratedAgentExternalId) ?? null) : null,
    scale: r.scale,
    rawValue: r.rawValue,
    score: r.score,
    comment: r.comment,
    ratedAt: r.ratedAt,
    updatedAtSource: r.updatedAt,
  }));
  const written = (
    await bulkInsert(db, ratings, rows, {
      conflict: {
        target: ["connectionId", "externalId"],
        update: ["ticketExternalId", "ratedIdentityId", "scale", "rawValue", "score", "comment", "ratedAt", "updatedAtSource"],
        // A ticket not stored yet does not unlink a rating already linked.
        set: sql`ticket_id = coalesce(excluded.ticket_id, ${ratings.ticketId})`,
        where: sql`excluded.updated_at_source >= ${ratings.updatedAtSource}`,
      },
      returning: ["ticketId"],
    })
  ).map((r) => ({ ticketId: r.ticketId === null ? null : Number(r.ticketId) }));
  const ticketIds = [...new Set(written.map((w) => w.ticketId).filter((x): x is number => x !== null))];
  return { stored: written.length, ticketIds };
}
