import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { connections, disputes, engineers, pointsLedger, teams, tickets, users } from "@/db/schema";
import { AuthError, requireViewer, type Viewer } from "@/lib/auth/policy";
import { describeBreakdown } from "@/lib/scoring/explain";
import { expandBreakdown } from "@/lib/scoring/compact";

export type DisputeStatus = "open" | "accepted" | "rejected";

export type DisputeView = {
  id: number;
  status: DisputeStatus;
  comment: string;
  resolution: string | null;
  adjustment: number | null;
  createdAt: Date;
  resolvedAt: Date | null;
  openedBy: string | null;
  resolvedBy: string | null;
  ledgerId: number;
  engineerId: number;
  engineerName: string;
  teamName: string | null;
  ticketExternalId: string;
  subject: string;
  connectionName: string;
  points: number;
  explanation: string;
  /** Whether this viewer may accept or reject it now. */
  canResolve: boolean;
};

/** Who may open the disputes page: leads (their team's disputes) and admins (everyone's). */
export function canReviewDisputes(viewer: Viewer): boolean {
  return viewer.role === "lead" || viewer.role === "admin";
}

const opener = alias(users, "opener");
const resolver = alias(users, "resolver");

async function selectDisputes(db: Db, viewer: Viewer, where: SQL | undefined, limit: number): Promise<DisputeView[]> {
  const rows = await db
    .select({
      id: disputes.id,
      status: disputes.status,
      comment: disputes.comment,
      resolution: disputes.resolution,
      adjustment: disputes.adjustment,
      createdAt: disputes.createdAt,
      resolvedAt: disputes.resolvedAt,
      openedBy: opener.name,
      resolvedBy: resolver.name,
      ledgerId: pointsLedger.id,
      engineerId: engineers.id,
      engineerName: engineers.displayName,
      teamId: engineers.teamId,
      teamName: teams.name,
      ticketExternalId: tickets.externalId,
      subject: tickets.subject,
      connectionName: connections.name,
      points: pointsLedger.points,
      state: pointsLedger.state,
      breakdown: pointsLedger.breakdown,
      confirmAfter: pointsLedger.confirmAfter,
    })
    .from(disputes)
    .innerJoin(pointsLedger, eq(pointsLedger.id, disputes.ledgerId))
    .innerJoin(engineers, eq(engineers.id, pointsLedger.engineerId))
    .leftJoin(teams, eq(teams.id, engineers.teamId))
    .innerJoin(tickets, eq(tickets.id, pointsLedger.ticketId))
    .innerJoin(connections, eq(connections.id, tickets.connectionId))
    .leftJoin(opener, eq(opener.id, disputes.openedByUserId))
    .leftJoin(resolver, eq(resolver.id, disputes.resolvedByUserId))
    .where(where)
    .orderBy(desc(disputes.createdAt), desc(disputes.id))
    .limit(limit);
  return rows.map(({ state, breakdown, confirmAfter, teamId: _t, ...r }) => ({
    ...r,
    explanation: describeBreakdown(expandBreakdown(breakdown), state, confirmAfter, viewer.locale),
    canResolve:
      r.status === "open" && (viewer.role === "admin" || (viewer.role === "lead" && viewer.engineerId !== r.engineerId)),
  }));
}

/**
 * The disputes page: open disputes first, then the latest resolved ones. A lead sees the disputes
 * of their team's engineers, an admin everyone's; anyone else gets 403. The team filter is part of
 * the query itself.
 */
export async function listDisputes(db: Db, viewer: Viewer | null): Promise<{ open: DisputeView[]; resolved: DisputeView[] }> {
  const v = requireViewer(viewer);
  if (!canReviewDisputes(v)) throw new AuthError(403);
  if (v.role === "lead" && v.teamId === null) return { open: [], resolved: [] };
  const scope = v.role === "admin" ? undefined : eq(engineers.teamId, v.teamId!);
  const [open, resolved] = await Promise.all([
    selectDisputes(db, v, and(scope, eq(disputes.status, "open")), 200),
    selectDisputes(db, v, and(scope, inArray(disputes.status, ["accepted", "rejected"])), 50),
  ]);
  return { open, resolved };
}

export type LedgerDispute = Pick<
  DisputeView,
  "id" | "status" | "comment" | "resolution" | "adjustment" | "createdAt" | "resolvedAt" | "resolvedBy"
>;

/**
 * The newest dispute of a ledger row as one json value (null without one), for a select that lists
 * ledger rows the viewer may see (the engineer page reads it with its page of rows, one statement).
 * `ledgerId` is a qualified column (`"points_ledger"."id"`): a bare name would be the dispute's own.
 */
export function latestDisputeJson(ledgerId: SQL): SQL<unknown> {
  return sql`(select json_build_object('id', d.id, 'status', d.status, 'comment', d.comment, 'resolution', d.resolution,
      'adjustment', d.adjustment, 'createdAt', d.created_at, 'resolvedAt', d.resolved_at, 'resolvedBy', r.name)
    from disputes d left join users r on r.id = d.resolved_by_user_id
    where d.ledger_id = ${ledgerId} order by d.created_at desc, d.id desc limit 1)`;
}

/** `latestDisputeJson`'s value as a LedgerDispute (json arrives parsed from postgres.js, as text from some drivers). */
export function parseLedgerDispute(value: unknown): LedgerDispute | null {
  if (value === null || value === undefined) return null;
  const d = (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>;
  return {
    id: Number(d.id),
    status: d.status as LedgerDispute["status"],
    comment: String(d.comment),
    resolution: d.resolution === null ? null : String(d.resolution),
    adjustment: d.adjustment === null ? null : Number(d.adjustment),
    createdAt: new Date(String(d.createdAt)),
    resolvedAt: d.resolvedAt === null ? null : new Date(String(d.resolvedAt)),
    resolvedBy: d.resolvedBy === null ? null : String(d.resolvedBy),
  };
}
