import { and, asc, eq, gt, gte, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pointsLedger, tickets } from "@/db/schema";
import { firstSolvedAt, pickRules, scoreTicket } from "@/lib/scoring/score";
import type { ScoredRow } from "@/lib/scoring/types";
import { anyOf, bulkInsert } from "./bulk";
import { loadRuleVersions } from "./rule-sets";
import { loadScoringInput } from "./scoring-input";
import { stableJson } from "./stable-json";

/**
 * Turns stored tickets into ledger rows. Rescoring is a pure function of what is stored (plus
 * `now` for pending/confirmed), so rescoring everything from scratch gives the same ledger as
 * the incremental rescoring done page by page during syncs.
 */

const BATCH = 500;

export type RescoreResult = { tickets: number; written: number; removed: number };

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rescores the tickets and rewrites their ledger rows; rows that did not change are left alone. */
export async function rescoreTickets(db: Db, ticketIds: readonly number[], now: Date): Promise<RescoreResult> {
  const ids = [...new Set(ticketIds)];
  const result: RescoreResult = { tickets: 0, written: 0, removed: 0 };
  if (ids.length === 0) return result;
  const versions = await loadRuleVersions(db);
  for (const batch of chunks(ids, BATCH)) {
    const input = await loadScoringInput(db, batch);
    const fresh: (ScoredRow & { ruleSetId: number })[] = [];
    for (const t of input.tickets) {
      const rules = pickRules(versions, firstSolvedAt(t) ?? now)!;
      for (const row of scoreTicket(t, input.engineers, rules, now)) fresh.push({ ...row, ruleSetId: rules.id });
    }
    const existing = await db.select().from(pointsLedger).where(anyOf(pointsLedger.ticketId, batch));
    const key = (r: { ticketId: number; engineerId: number }) => `${r.ticketId}:${r.engineerId}`;
    const before = new Map(existing.map((r) => [key(r), r]));
    const wanted = new Set(fresh.map(key));

    const stale = existing.filter((r) => !wanted.has(key(r))).map((r) => r.id);
    if (stale.length) await db.delete(pointsLedger).where(anyOf(pointsLedger.id, stale));

    const changed = fresh.filter((r) => {
      const old = before.get(key(r));
      return (
        !old ||
        old.ruleSetId !== r.ruleSetId ||
        old.points !== r.points ||
        old.state !== r.state ||
        old.earnedAt.getTime() !== r.earnedAt.getTime() ||
        old.confirmAfter.getTime() !== r.confirmAfter.getTime() ||
        stableJson(old.breakdown) !== stableJson(r.breakdown)
      );
    });
    // Upsert keeps the row id, which disputes point at.
    if (changed.length) {
      await bulkInsert(
        db,
        pointsLedger,
        changed.map((r) => ({
          ticketId: r.ticketId,
          engineerId: r.engineerId,
          ruleSetId: r.ruleSetId,
          points: r.points,
          state: r.state,
          breakdown: r.breakdown,
          earnedAt: r.earnedAt,
          confirmAfter: r.confirmAfter,
        })),
        {
          conflict: {
            target: ["ticketId", "engineerId"],
            update: ["ruleSetId", "points", "state", "breakdown", "earnedAt", "confirmAfter"],
            set: sql`updated_at = now()`,
          },
        },
      );
    }
    result.tickets += batch.length;
    result.written += changed.length;
    result.removed += stale.length;
  }
  return result;
}

/** Pending points whose reopen window has closed become confirmed. Returns how many. */
export async function confirmDuePoints(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(pointsLedger)
    .set({ state: "confirmed", updatedAt: sql`now()` })
    .where(and(eq(pointsLedger.state, "pending"), lte(pointsLedger.confirmAfter, now)))
    .returning({ id: pointsLedger.id });
  return rows.length;
}

/** Rescores every stored ticket, batch by batch (each batch in its own transaction). */
export async function rescoreAll(db: Db, now: Date, batchSize = 1000): Promise<RescoreResult> {
  const total: RescoreResult = { tickets: 0, written: 0, removed: 0 };
  for (let after = 0; ; ) {
    const batch = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(gt(tickets.id, after))
      .orderBy(asc(tickets.id))
      .limit(batchSize);
    if (batch.length === 0) return total;
    const r = await db.transaction((tx) => rescoreTickets(tx, batch.map((b) => b.id), now));
    total.tickets += r.tickets;
    total.written += r.written;
    total.removed += r.removed;
    after = batch[batch.length - 1]!.id;
  }
}

/**
 * Rescores what a rule version effective from `effectiveFrom` can change: every ticket solved at
 * or after that moment (by `tickets.solved_at`, or by a ledger row earned from then on, which
 * covers a first solve known only from the history). Call it after saving a rule version, with the
 * version's effective date. Batch by batch, each batch in its own transaction, like rescoreAll.
 */
export async function rescoreFrom(db: Db, effectiveFrom: Date, now: Date, batchSize = 1000): Promise<RescoreResult> {
  const total: RescoreResult = { tickets: 0, written: 0, removed: 0 };
  const earnedSince = db
    .select({ id: pointsLedger.ticketId })
    .from(pointsLedger)
    .where(gte(pointsLedger.earnedAt, effectiveFrom));
  for (let after = 0; ; ) {
    const batch = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(gt(tickets.id, after), or(gte(tickets.solvedAt, effectiveFrom), sql`${tickets.id} in ${earnedSince}`)))
      .orderBy(asc(tickets.id))
      .limit(batchSize);
    if (batch.length === 0) return total;
    const r = await db.transaction((tx) => rescoreTickets(tx, batch.map((b) => b.id), now));
    total.tickets += r.tickets;
    total.written += r.written;
    total.removed += r.removed;
    after = batch[batch.length - 1]!.id;
  }
}
