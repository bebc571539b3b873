import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, disputes, engineers, pointsLedger } from "@/db/schema";
import { AuthError, canManageTeam, requireViewer, type Viewer } from "@/lib/auth/policy";
import { SafeError } from "@/lib/actions/define";
import { refreshRollups, rollupKeysOfLedgerRows } from "@/lib/rollups";
import type { OpenDisputeInput, ResolveDisputeInput } from "./schemas";

/**
 * Disputes: an engineer questions one of their own ledger rows; the lead of that engineer's team
 * (or an admin) accepts it with a manual adjustment or rejects it, both with a reason. Every step
 * writes an audit_log row in the same transaction as the change.
 */

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export async function openDispute(db: Db, viewer: Viewer | null, input: OpenDisputeInput) {
  const v = requireViewer(viewer);
  if (v.engineerId === null) throw new AuthError(403, "Only engineers can dispute their points.");
  return db.transaction(async (tx) => {
    // Locks the row: two disputes sent at once cannot both pass the "already open" check.
    const [row] = await tx
      .select({ id: pointsLedger.id, engineerId: pointsLedger.engineerId, points: pointsLedger.points })
      .from(pointsLedger)
      .where(eq(pointsLedger.id, input.ledgerId))
      .for("update");
    // Someone else's row and a missing row get the same answer: ids cannot be probed.
    if (!row || row.engineerId !== v.engineerId) throw new AuthError(403, "You can dispute only your own points.");
    const [open] = await tx
      .select({ id: disputes.id })
      .from(disputes)
      .where(and(eq(disputes.ledgerId, row.id), eq(disputes.status, "open")));
    if (open) throw new SafeError("This row already has an open dispute; your lead will answer it.", 409);
    const [d] = await tx
      .insert(disputes)
      .values({ ledgerId: row.id, openedByUserId: v.userId, comment: input.comment })
      .returning({ id: disputes.id });
    await tx.insert(auditLog).values({
      actorUserId: v.userId,
      action: "dispute.opened",
      entity: "dispute",
      entityId: String(d!.id),
      details: { ledgerId: row.id, engineerId: row.engineerId, points: row.points, comment: input.comment },
    });
    return { disputeId: d!.id };
  });
}

export async function resolveDispute(db: Db, viewer: Viewer | null, input: ResolveDisputeInput) {
  const v = requireViewer(viewer);
  if (v.role !== "lead" && v.role !== "admin") throw new AuthError(403);
  return db.transaction(async (tx) => {
    const [d] = await tx
      .select({
        id: disputes.id,
        status: disputes.status,
        ledgerId: disputes.ledgerId,
        engineerId: pointsLedger.engineerId,
        teamId: engineers.teamId,
      })
      .from(disputes)
      .innerJoin(pointsLedger, eq(pointsLedger.id, disputes.ledgerId))
      .innerJoin(engineers, eq(engineers.id, pointsLedger.engineerId))
      .where(eq(disputes.id, input.disputeId))
      .for("update", { of: disputes });
    if (!d || !canManageTeam(v, d.teamId)) throw new AuthError(403, "Only the engineer's team lead or an admin can resolve this dispute.");
    if (v.role !== "admin" && v.engineerId === d.engineerId) {
      throw new AuthError(403, "You cannot resolve a dispute about your own points; an admin can.");
    }
    if (d.status !== "open") throw new SafeError(`This dispute was already ${d.status}.`, 409);
    const accepted = input.decision === "accept";
    const adjustment = accepted ? round3(input.adjustment!) : null;
    const now = new Date();
    await tx
      .update(disputes)
      .set({
        status: accepted ? "accepted" : "rejected",
        resolution: input.reason,
        adjustment,
        resolvedByUserId: v.userId,
        resolvedAt: now,
      })
      .where(eq(disputes.id, d.id));
    // The boards read rollups: the adjustment counts on the day of the row it corrects.
    if (accepted) await refreshRollups(tx, await rollupKeysOfLedgerRows(tx, [d.ledgerId]));
    await tx.insert(auditLog).values({
      actorUserId: v.userId,
      action: accepted ? "dispute.accepted" : "dispute.rejected",
      entity: "dispute",
      entityId: String(d.id),
      details: { ledgerId: d.ledgerId, engineerId: d.engineerId, adjustment, reason: input.reason },
    });
    return { disputeId: d.id, status: accepted ? ("accepted" as const) : ("rejected" as const), adjustment };
  });
}
