import { and, asc, eq, gt, gte, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pointsLedger, tickets, type LedgerRow } from "@/db/schema";
import { firstSolvedAt, rulesPicker, scoreTicket } from "@/lib/scoring/score";
import type { ScoredRow } from "@/lib/scoring/types";
import { compactBreakdown, type CompactBreakdown } from "@/lib/scoring/compact";
import { anyOf, bulkInsert, chunks } from "./bulk";
import { loadRuleVersions, type RuleVersion } from "./rule-sets";
import { rawRows } from "./raw";
import { loadNewestRatings, loadScoringContext, loadTicketsByIds, scoringTicketOfWritten, type WrittenTicket } from "./scoring-range";
import type { ScoringEngineer, ScoringTicket } from "@/lib/scoring/types";
import { rebuildRollups, refreshRollups, rollupKeysOfTickets, type RollupKey } from "@/lib/rollups"; // ROLLUPS (issue 5)
import { rebuildLedger } from "./rebuild";

/**
 * Every write to `points_ledger` goes through one of these, and only these:
 *   - `rescoreTickets` → `writeLedgerRows` / the stale-row delete: the incremental path (sync pages,
 *     rescoreFrom after a new rule version), inside the caller's transaction;
 *   - `confirmDuePoints`: the confirm-points job (pending → confirmed);
 *   - `rebuildLedger` (lib/sync/rebuild.ts, behind `rescoreAll`): the whole-ledger rebuild, one
 *     transaction.
 * "LEDGER CHANGED" HOOK: derived tables kept from the ledger (per-day rollups, issue #5) belong at
 * the end of each of those three, in the same transaction: `rescoreTickets` knows the changed and
 * removed (ticket, engineer) rows and their earned_at; `confirmDuePoints` the confirmed ids;
 * `rebuildLedger` changes anything, so it refreshes everything before its commit. Weekly quotas
 * (lib/quota/weekly.ts) are refreshed by their own job instead, see there.
 *
 * Turns stored tickets into ledger rows. Rescoring is a pure function of what is stored (plus
 * `now` for pending/confirmed), so rescoring everything from scratch gives the same ledger as
 * the incremental rescoring done page by page during syncs.
 */

// One batch per 1,000-ticket sync page: every batch pays the same fixed round trips.
const BATCH = 1000;

export type RescoreResult = { tickets: number; written: number; removed: number };

/** A scored row with its rule version and the breakdown in the form the ledger stores (lib/scoring/compact.ts). */
type FreshRow = ScoredRow & { ruleSetId: number; stored: CompactBreakdown };
type LedgerKey = { ticketId: number; engineerId: number };
const keyOf = (r: LedgerKey) => `${r.ticketId}:${r.engineerId}`;

/** Scores loaded tickets, each under the rule version in force at its solve. Pure. */
export function scoreLoaded(
  input: { tickets: readonly ScoringTicket[]; engineers: ReadonlyMap<number, ScoringEngineer> },
  versions: RuleVersion[],
  now: Date,
): FreshRow[] {
  const fresh: FreshRow[] = [];
  const pick = rulesPicker(versions);
  for (const t of input.tickets) {
    const rules = pick(firstSolvedAt(t) ?? now)!;
    for (const row of scoreTicket(t, input.engineers, rules, now)) fresh.push({ ...row, ruleSetId: rules.id, stored: compactBreakdown(row.breakdown) });
  }
  return fresh;
}

/**
 * Deep equality of two JSON values, keys in any order (the stored breakdown comes back from jsonb
 * with its keys reordered); `undefined` members count as absent, as in JSON. No strings built.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let n = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    n++;
    if (!sameJson(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) n--;
  return n === 0;
}

/** A ledger row as the diff reads it: times as epoch milliseconds. */
export type ExistingRow = Pick<LedgerRow, "id" | "ticketId" | "engineerId" | "ruleSetId" | "points" | "state"> & {
  breakdown: unknown;
  earnedAtMs: number;
  confirmAfterMs: number;
};

/** The ledger rows of these tickets, lean (arrays, epoch times: no per-row Date or key mapping). */
export async function loadLedgerOf(db: Db, ticketIds: readonly number[]): Promise<ExistingRow[]> {
  if (ticketIds.length === 0) return [];
  const rows = await rawRows(
    db,
    `select id::float8, ticket_id::float8, engineer_id, rule_set_id, points::float8, state::text, breakdown,
       floor(extract(epoch from earned_at) * 1000)::float8, floor(extract(epoch from confirm_after) * 1000)::float8
     from points_ledger where ticket_id = any($1::bigint[])`,
    [`{${ticketIds.join(",")}}`],
  );
  return rows.map((r) => ({
    id: r[0] as number,
    ticketId: r[1] as number,
    engineerId: r[2] as number,
    ruleSetId: r[3] as number,
    points: r[4] as number,
    state: r[5] as LedgerRow["state"],
    // postgres.js parses jsonb; PGlite too (a string only if a driver ever hands one back).
    breakdown: typeof r[6] === "string" ? JSON.parse(r[6]) : r[6],
    earnedAtMs: r[7] as number,
    confirmAfterMs: r[8] as number,
  }));
}

/** What must change in the ledger: rows no longer credited, and new or different rows. Pure. */
export function diffLedger(existing: ExistingRow[], fresh: FreshRow[]): { staleIds: number[]; changed: FreshRow[] } {
  const before = new Map(existing.map((r) => [keyOf(r), r]));
  const wanted = new Set(fresh.map(keyOf));
  const staleIds = existing.filter((r) => !wanted.has(keyOf(r))).map((r) => r.id);
  const changed = fresh.filter((r) => {
    const old = before.get(keyOf(r));
    return (
      !old ||
      old.ruleSetId !== r.ruleSetId ||
      old.points !== r.points ||
      old.state !== r.state ||
      old.earnedAtMs !== r.earnedAt.getTime() ||
      old.confirmAfterMs !== r.confirmAfter.getTime() ||
      !sameJson(old.breakdown, r.stored)
    );
  });
  return { staleIds, changed };
}

/** Upserts rows on (ticket, engineer): keeps the row id, which disputes point at. */
export async function writeLedgerRows(db: Db, rows: FreshRow[]): Promise<void> {
  if (rows.length === 0) return;
  await bulkInsert(
    db,
    pointsLedger,
    rows.map((r) => ({
      ticketId: r.ticketId,
      engineerId: r.engineerId,
      ruleSetId: r.ruleSetId,
      points: r.points,
      state: r.state,
      breakdown: r.stored,
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

/** Rescores the tickets and rewrites their ledger rows; rows that did not change are left alone. */
export async function rescoreTickets(
  db: Db,
  ticketIds: readonly number[],
  now: Date,
  // ROLLUPS (issue 5): false when the caller rebuilds them at the end; `collect`: the touched
  // (engineer, day) pairs (before and after) are pushed there for the caller to refresh later
  // (a sync refreshes once per stream instead of once per page).
  opts: RescoreOptions = {},
): Promise<RescoreResult> {
  const ids = [...new Set(ticketIds)];
  const result: RescoreResult = { tickets: 0, written: 0, removed: 0 };
  if (ids.length === 0) return result;
  const [versions, ctx] = await Promise.all([loadRuleVersions(db), loadScoringContext(db)]);
  for (const batch of chunks(ids, BATCH)) {
    const rollupKeys = opts.rollups === false ? [] : await rollupKeysOfTickets(db, batch); // ROLLUPS (issue 5)
    const tickets = await loadTicketsByIds(db, ctx, batch);
    const existing = await loadLedgerOf(db, batch);
    addResult(result, { tickets: batch.length, ...(await applyScores(db, { tickets, engineers: ctx.engineers }, versions, existing, rollupKeys, now, opts)) });
  }
  return result;
}

type RescoreOptions = { rollups?: boolean; collect?: Map<string, RollupKey> };

const addResult = (total: RescoreResult, r: RescoreResult) => {
  total.tickets += r.tickets;
  total.written += r.written;
  total.removed += r.removed;
};

/**
 * Rescores the tickets a sync page has just written from what it wrote (kept in memory) instead of
 * reading them back; only their newest ratings are read. The ledger rows of tickets the page
 * inserted cannot exist yet (a new id), so only the updated ones' rows are read for the diff.
 * Gives the same ledger as `rescoreTickets` on their ids: tests/integration/sync.test.ts compares
 * synced ledgers with a rebuild from scratch.
 */
export async function rescoreWrittenTickets(
  db: Db,
  written: readonly WrittenTicket[],
  inserted: ReadonlySet<number>,
  now: Date,
  opts: RescoreOptions = {},
): Promise<RescoreResult> {
  const result: RescoreResult = { tickets: 0, written: 0, removed: 0 };
  if (written.length === 0) return result;
  const [versions, ctx] = await Promise.all([loadRuleVersions(db), loadScoringContext(db)]);
  // In id order, as `loadTicketsByIds` gives them: new ledger rows get their ids in the same order.
  const sorted = [...new Map(written.map((t) => [t.id, t])).values()].sort((a, b) => a.id - b.id);
  for (const batch of chunks(sorted, BATCH)) {
    const ids = batch.map((t) => t.id);
    const updated = ids.filter((id) => !inserted.has(id));
    const [rollupKeys, ratings, existing] = await Promise.all([
      opts.rollups === false ? Promise.resolve([]) : rollupKeysOfTickets(db, ids), // ROLLUPS (issue 5)
      loadNewestRatings(db, ids),
      loadLedgerOf(db, updated),
    ]);
    const tickets = batch.map((t) => scoringTicketOfWritten(t, ratings.get(t.id) ?? null, ctx));
    addResult(result, { tickets: batch.length, ...(await applyScores(db, { tickets, engineers: ctx.engineers }, versions, existing, rollupKeys, now, opts)) });
  }
  return result;
}

/** Scores one batch and writes the ledger rows that changed; collects or refreshes the rollup pairs. */
async function applyScores(
  db: Db,
  input: { tickets: readonly ScoringTicket[]; engineers: ReadonlyMap<number, ScoringEngineer> },
  versions: RuleVersion[],
  existing: ExistingRow[],
  rollupKeys: RollupKey[],
  now: Date,
  opts: RescoreOptions,
): Promise<Omit<RescoreResult, "tickets">> {
  const fresh = scoreLoaded(input, versions, now);
  const { staleIds, changed } = diffLedger(existing, fresh);
  if (staleIds.length) await db.delete(pointsLedger).where(anyOf(pointsLedger.id, staleIds));
  await writeLedgerRows(db, changed);
  // ROLLUPS (issue 5): the pairs before the write, and those the batch's rows count in now (known
  // here, so not read back; the ratings' pairs are among the "before" ones, stored by then). A
  // sync stream collects them and refreshes once at its end.
  if (opts.rollups !== false) {
    const after = fresh.map((r) => ({ engineerId: r.engineerId, day: r.earnedAt.toISOString().slice(0, 10) }));
    if (opts.collect) for (const k of [...rollupKeys, ...after]) opts.collect.set(`${k.engineerId}:${k.day}`, k);
    else await refreshRollups(db, [...rollupKeys, ...after]);
  }
  return { written: changed.length, removed: staleIds.length };
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

/**
 * Rescores every stored ticket: the streaming rebuild (lib/sync/rebuild.ts), one transaction, the
 * old ledger in place until it commits. Gives the same ledger as rescoring every ticket with
 * rescoreTickets (tests/integration/scoring-rescore.test.ts).
 */
export async function rescoreAll(db: Db, now: Date, range?: number): Promise<RescoreResult> {
  const r = await rebuildLedger(db, now, { range });
  return { tickets: r.tickets, written: r.written, removed: r.removed };
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
    if (batch.length === 0) {
      await db.transaction((tx) => rebuildRollups(tx, effectiveFrom.toISOString().slice(0, 10))); // ROLLUPS (issue 5)
      return total;
    }
    const r = await db.transaction((tx) => rescoreTickets(tx, batch.map((b) => b.id), now, { rollups: false }));
    total.tickets += r.tickets;
    total.written += r.written;
    total.removed += r.removed;
    after = batch[batch.length - 1]!.id;
  }
}
