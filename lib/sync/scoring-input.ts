import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { anyOf } from "./bulk";
import {
  engineerIdentities,
  engineerSkillGroups,
  engineers,
  lines,
  ratings,
  ticketContributors,
  ticketStatusEvents,
  tickets,
} from "@/db/schema";
import type { ScoringEngineer, ScoringTicket } from "@/lib/scoring/types";

/**
 * Loads what scoring needs for a batch of tickets, in a fixed number of bulk queries whatever the
 * batch size: the tickets, their histories, contributors, newest ratings, and credited engineers.
 * The readable reference loader (drizzle objects): the scoring paths use the lean ones in
 * scoring-range.ts, and tests/integration/scoring-rebuild.test.ts checks they read the same.
 */

const group = <T, K>(rows: T[], key: (r: T) => K) => {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
};

export async function loadScoringInput(
  db: Db,
  ticketIds: number[],
): Promise<{ tickets: ScoringTicket[]; engineers: Map<number, ScoringEngineer> }> {
  if (ticketIds.length === 0) return { tickets: [], engineers: new Map() };
  const [rows, events, contributors, newestRatings, lineRows] = await Promise.all([
    db.select().from(tickets).where(anyOf(tickets.id, ticketIds)),
    db
      .select({
        ticketId: ticketStatusEvents.ticketId,
        at: ticketStatusEvents.at,
        from: ticketStatusEvents.fromStatus,
        to: ticketStatusEvents.toStatus,
        publicAgentReply: ticketStatusEvents.publicAgentReply,
      })
      .from(ticketStatusEvents)
      .where(anyOf(ticketStatusEvents.ticketId, ticketIds))
      .orderBy(ticketStatusEvents.ticketId, ticketStatusEvents.seq),
    db
      .select({
        ticketId: ticketContributors.ticketId,
        engineerId: engineerIdentities.engineerId,
        publicReplies: ticketContributors.publicReplies,
        handleSeconds: ticketContributors.handleSeconds,
      })
      .from(ticketContributors)
      .innerJoin(engineerIdentities, eq(engineerIdentities.id, ticketContributors.identityId))
      .where(anyOf(ticketContributors.ticketId, ticketIds)),
    // The newest rating per ticket, in an order that does not depend on when rows were inserted.
    db
      .selectDistinctOn([ratings.ticketId], { ticketId: ratings.ticketId, score: ratings.score })
      .from(ratings)
      .where(anyOf(ratings.ticketId, ticketIds))
      .orderBy(ratings.ticketId, desc(ratings.ratedAt), desc(ratings.updatedAtSource), desc(ratings.externalId)),
    db.select({ id: lines.id, code: lines.code }).from(lines),
  ]);
  const lineCode = new Map(lineRows.map((l) => [l.id, l.code]));

  const identityIds = [...new Set(rows.flatMap((t) => [t.assigneeIdentityId, t.solverIdentityId]).filter((x): x is number => x !== null))];
  const identities = identityIds.length
    ? await db
        .select({ id: engineerIdentities.id, engineerId: engineerIdentities.engineerId })
        .from(engineerIdentities)
        .where(anyOf(engineerIdentities.id, identityIds))
    : [];
  const engineerOfIdentity = new Map(identities.map((i) => [i.id, i.engineerId]));
  const eventsOf = group(events, (e) => e.ticketId);
  const contributorsOf = group(contributors, (c) => c.ticketId);
  const ratingOf = new Map(newestRatings.map((r) => [r.ticketId, r.score]));

  const scoring: ScoringTicket[] = rows.map((t) => {
    // Credit goes to the contributors known as engineers; failing that, the solver, then the assignee.
    const mapped = (contributorsOf.get(t.id) ?? []).filter((c): c is typeof c & { engineerId: number } => c.engineerId !== null);
    let engineerIds = [...new Set(mapped.map((c) => c.engineerId))];
    const solverEngineerId = t.solverIdentityId !== null ? (engineerOfIdentity.get(t.solverIdentityId) ?? null) : null;
    // The ticket's assignee is its last assignee.
    const assigneeEngineerId = t.assigneeIdentityId !== null ? (engineerOfIdentity.get(t.assigneeIdentityId) ?? null) : null;
    if (engineerIds.length === 0) {
      const fallback = solverEngineerId ?? assigneeEngineerId;
      engineerIds = fallback != null ? [fallback] : [];
    }
    return {
      id: t.id,
      status: t.status,
      lineCode: t.lineId !== null ? (lineCode.get(t.lineId) ?? null) : null,
      skillGroupId: t.skillGroupId,
      solvedAt: t.solvedAt,
      isMerged: t.isMerged,
      isDeleted: t.isDeleted,
      isSpam: t.isSpam,
      solvedByAutomation: t.solvedByAutomation,
      events: (eventsOf.get(t.id) ?? []).map((e) => ({ at: e.at, from: e.from, to: e.to, publicAgentReply: e.publicAgentReply })),
      engineerIds,
      rating: ratingOf.get(t.id) ?? null,
      // Sorted, so the order rows came back in never shows in the scores.
      contributors: mapped
        .map((c) => ({ engineerId: c.engineerId, publicReplies: c.publicReplies, handleSeconds: c.handleSeconds }))
        .sort((a, b) => a.engineerId - b.engineerId || a.publicReplies - b.publicReplies || (a.handleSeconds ?? -1) - (b.handleSeconds ?? -1)),
      solverEngineerId,
      assigneeEngineerId,
      priority: t.priority,
      ticketType: t.ticketType,
    };
  });

  // The solver and assignee too: "solver" credit needs to know them even when they are not among
  // the contributors, whatever other tickets share the batch.
  const engineerIds = [
    ...new Set(scoring.flatMap((t) => [...t.engineerIds, t.solverEngineerId ?? null, t.assigneeEngineerId ?? null]).filter((x): x is number => x !== null)),
  ];
  const [engRows, skillRows] = engineerIds.length
    ? await Promise.all([
        db.select({ id: engineers.id, lineId: engineers.lineId }).from(engineers).where(anyOf(engineers.id, engineerIds)),
        db.select().from(engineerSkillGroups).where(anyOf(engineerSkillGroups.engineerId, engineerIds)),
      ])
    : [[], []];
  const skillsOf = group(skillRows, (s) => s.engineerId);
  const engineerMap = new Map<number, ScoringEngineer>(
    engRows.map((e) => [
      e.id,
      {
        id: e.id,
        lineCode: e.lineId !== null ? (lineCode.get(e.lineId) ?? null) : null,
        skillGroupIds: (skillsOf.get(e.id) ?? []).map((s) => s.skillGroupId).sort((a, b) => a - b),
      },
    ]),
  );
  return { tickets: scoring, engineers: engineerMap };
}
