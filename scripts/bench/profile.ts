import type { Db, DbHandle } from "@/db/client";
import { pointsLedger } from "@/db/schema";
import { anyOf } from "@/lib/sync/bulk";
import type { RuleVersion } from "@/lib/sync/rule-sets";
import { loadScoringContext, loadTicketsByIds } from "@/lib/sync/scoring-range";
import { diffLedger, loadLedgerOf, scoreLoaded, writeLedgerRows } from "@/lib/sync/rescore";

/**
 * Where a rescoring batch spends its time. Replays the steps of lib/sync/rescore.ts
 * `rescoreTickets` (same app functions, same order) with a clock around each one, inside a
 * transaction that is rolled back. Only for profiling: the budget figures call the real function.
 */

export type BatchPhases = {
  loadInput: number;
  score: number;
  selectLedger: number;
  compare: number;
  write: number;
  rows: number;
  written: number;
};

class Rollback extends Error {}

/** Runs `fn` in a transaction and rolls it back; returns what `fn` returned. */
export async function inRolledBackTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  let out: T | undefined;
  try {
    await db.transaction(async (tx) => {
      out = await fn(tx as unknown as Db);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return out as T;
}

export async function profileBatch(db: Db, ids: number[], versions: RuleVersion[], now: Date, newTickets: boolean): Promise<BatchPhases> {
  return inRolledBackTx(db, async (tx) => {
    if (newTickets) await tx.delete(pointsLedger).where(anyOf(pointsLedger.ticketId, ids));
    const p: BatchPhases = { loadInput: 0, score: 0, selectLedger: 0, compare: 0, write: 0, rows: 0, written: 0 };
    let t = performance.now();
    const lap = () => {
      const n = performance.now();
      const d = n - t;
      t = n;
      return d;
    };
    const ctx = await loadScoringContext(tx);
    const input = { tickets: await loadTicketsByIds(tx, ctx, ids), engineers: ctx.engineers };
    p.loadInput = lap();
    const fresh = scoreLoaded(input, versions, now);
    p.score = lap();
    p.rows = fresh.length;
    const existing = await loadLedgerOf(tx, ids);
    p.selectLedger = lap();
    const { changed } = diffLedger(existing, fresh);
    p.compare = lap();
    p.written = changed.length;
    await writeLedgerRows(tx, changed);
    p.write = lap();
    return p;
  });
}

/**
 * The queries of loadTicketsByIds (what rescoreTickets reads) for a batch, each timed from the client (send, execute,
 * receive, parse rows) and on the server (EXPLAIN ANALYZE execution time), so query time and
 * driver/JS time can be told apart. PostgreSQL and PGlite alike.
 */
export async function profileInputQueries(handle: DbHandle, ids: number[]): Promise<Record<string, { clientMs: number; serverMs: number; rows: number }>> {
  const arr = `{${ids.join(",")}}`;
  const queries: Record<string, string> = {
    tickets: `select id::int, status::text, line_id, skill_group_id, floor(extract(epoch from solved_at) * 1000)::float8, is_merged, is_deleted, is_spam, solved_by_automation, assignee_identity_id, solver_identity_id, priority, ticket_type from tickets where id = any($1::bigint[]) order by id`,
    events: `select ticket_id::int, string_agg(concat_ws(',', seq, floor(extract(epoch from at) * 1000)::int8, coalesce(from_status::text, ''), to_status::text, public_agent_reply::int), ';') from (select ticket_id, seq, at, from_status, to_status, public_agent_reply, min(seq) filter (where to_status in ('solved', 'closed')) over (partition by ticket_id) as first_solve from ticket_status_events where ticket_id = any($1::bigint[]) order by ticket_id, seq) e where seq >= first_solve or first_solve is null group by ticket_id order by ticket_id`,
    contributors: `select c.ticket_id::int, i.engineer_id, c.public_replies, c.handle_seconds from ticket_contributors c join engineer_identities i on i.id = c.identity_id where c.ticket_id = any($1::bigint[]) and i.engineer_id is not null order by c.ticket_id`,
    ratings: `select distinct on (ticket_id) ticket_id::int, score::float8 from ratings where ticket_id = any($1::bigint[]) order by ticket_id, rated_at desc, updated_at_source desc, external_id desc`,
    ledger: `select id::float8, ticket_id::float8, engineer_id, rule_set_id, points::float8, state::text, breakdown, earned_at, confirm_after from points_ledger where ticket_id = any($1::bigint[])`,
  };
  const out: Record<string, { clientMs: number; serverMs: number; rows: number }> = {};
  for (const [name, q] of Object.entries(queries)) {
    await handle.query(q, [arr]); // warm
    const t0 = performance.now();
    const rows = await handle.query(q, [arr]);
    const clientMs = performance.now() - t0;
    const plan = await handle.query<Record<string, unknown>>(`explain (analyze, timing off, format json) ${q}`, [arr]);
    const json = Object.values(plan[0]!)[0];
    const parsed = (typeof json === "string" ? JSON.parse(json) : json) as { "Execution Time": number }[];
    out[name] = { clientMs: Math.round(clientMs * 10) / 10, serverMs: Math.round(parsed[0]!["Execution Time"] * 10) / 10, rows: rows.length };
  }
  return out;
}
