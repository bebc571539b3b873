import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, ruleProposals, ruleSets } from "@/db/schema";
import { AuthError, requireViewer, type Viewer } from "@/lib/auth/policy";
import { SafeError } from "@/lib/actions/define";
import { rescoreFrom } from "@/lib/sync/rescore";
import { announceRollupWrite } from "@/lib/runtime/shared-read";
import { loadRuleVersions } from "@/lib/sync/rule-sets";
import { describeRuleChanges } from "./changes";
import type { ParsedRuleForm } from "./form";
import { canProposeRules, canSaveRuleVersion } from "./policy";

/**
 * Saving a rule version: version = max + 1, effective from the chosen date, an audit_log row, and
 * the tickets solved since that date rescored — all in one transaction, so the ledger never shows
 * a version half applied. A lead's proposal saved this way is marked applied in the same transaction.
 */

export async function saveRuleVersion(db: Db, viewer: Viewer | null, input: ParsedRuleForm, now = new Date()) {
  const v = requireViewer(viewer);
  if (!canSaveRuleVersion(v)) throw new AuthError(403, "Only an admin can save a rule version; leads propose one.");
  await loadRuleVersions(db); // creates version 1 on an empty database, outside the lock below
  return db.transaction(async (tx) => {
    // One saver at a time: the next version number is decided under this lock.
    await tx.execute(sql`lock table ${ruleSets} in share row exclusive mode`);
    const [prev] = await tx.select().from(ruleSets).orderBy(sql`${ruleSets.version} desc`).limit(1);
    const version = (prev?.version ?? 0) + 1;
    if (input.proposalId !== null) {
      const [p] = await tx.select({ status: ruleProposals.status }).from(ruleProposals).where(eq(ruleProposals.id, input.proposalId)).for("update");
      if (!p) throw new SafeError("That proposal does not exist any more.", 404);
      if (p.status !== "open") throw new SafeError(`That proposal was already ${p.status}.`, 409);
    }
    const [saved] = await tx
      .insert(ruleSets)
      .values({ version, name: input.name, config: input.config, effectiveFrom: input.effectiveFrom, createdByUserId: v.userId })
      .returning({ id: ruleSets.id, version: ruleSets.version });
    if (input.proposalId !== null) {
      await tx
        .update(ruleProposals)
        .set({ status: "applied", ruleSetId: saved!.id, resolvedByUserId: v.userId, resolvedAt: now, resolution: `Saved as version ${version}.` })
        .where(and(eq(ruleProposals.id, input.proposalId), eq(ruleProposals.status, "open")));
    }
    // Tickets solved (or with points earned) since the date, batch by batch, inside this transaction.
    const rescored = await rescoreFrom(tx, input.effectiveFrom, now);
    // Pages share the rule versions for a few seconds (sharedRead): drop them everywhere on commit.
    await announceRollupWrite(tx);
    await tx.insert(auditLog).values({
      actorUserId: v.userId,
      action: "rules.saved",
      entity: "rule_set",
      entityId: String(saved!.id),
      details: {
        version,
        name: input.name,
        effectiveFrom: input.effectiveFrom.toISOString(),
        proposalId: input.proposalId,
        changes: describeRuleChanges(prev ? (prev.config as never) : null, input.config),
        ticketsRescored: rescored.tickets,
      },
    });
    return { ruleSetId: saved!.id, version, ticketsRescored: rescored.tickets };
  });
}

export async function proposeRules(db: Db, viewer: Viewer | null, input: ParsedRuleForm) {
  const v = requireViewer(viewer);
  if (!canProposeRules(v)) throw new AuthError(403, "Only team leads propose rules; admins save them.");
  return db.transaction(async (tx) => {
    const [p] = await tx
      .insert(ruleProposals)
      .values({ name: input.name, config: input.config, effectiveFrom: input.effectiveFrom, note: input.note, teamId: v.teamId, proposedByUserId: v.userId })
      .returning({ id: ruleProposals.id });
    await tx.insert(auditLog).values({
      actorUserId: v.userId,
      action: "rules.proposed",
      entity: "rule_proposal",
      entityId: String(p!.id),
      details: { name: input.name, effectiveFrom: input.effectiveFrom.toISOString(), note: input.note },
    });
    return { proposalId: p!.id };
  });
}

export async function dismissProposal(db: Db, viewer: Viewer | null, input: { proposalId: number; reason: string }) {
  const v = requireViewer(viewer);
  if (!canSaveRuleVersion(v)) throw new AuthError(403);
  return db.transaction(async (tx) => {
    const [p] = await tx.select({ status: ruleProposals.status }).from(ruleProposals).where(eq(ruleProposals.id, input.proposalId)).for("update");
    if (!p) throw new SafeError("That proposal does not exist any more.", 404);
    if (p.status !== "open") throw new SafeError(`That proposal was already ${p.status}.`, 409);
    await tx
      .update(ruleProposals)
      .set({ status: "dismissed", resolution: input.reason, resolvedByUserId: v.userId, resolvedAt: new Date() })
      .where(eq(ruleProposals.id, input.proposalId));
    await tx.insert(auditLog).values({
      actorUserId: v.userId,
      action: "rules.proposal-dismissed",
      entity: "rule_proposal",
      entityId: String(input.proposalId),
      details: { reason: input.reason },
    });
    return { proposalId: input.proposalId };
  });
}
