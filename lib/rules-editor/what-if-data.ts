import type { Db } from "@/db/client";
import type { ScoringEngineer, ScoringTicket } from "@/lib/scoring/types";
import { rawRows } from "@/lib/sync/raw";
import { loadScoringContext, loadTicketRange } from "@/lib/sync/scoring-range";

/**
 * The what-if's input — a quarter's tickets as scoring sees them — kept in memory between
 * previews, keyed by the period and a fingerprint of everything scoring reads: a lead tries several
 * drafts in a row, and re-reading ~250,000 tickets with their histories for each costs seconds,
 * while scoring them costs a fraction of that.
 *
 * The fingerprint changes whenever a sync run starts or finishes (tickets, ratings, identities all
 * arrive through sync runs), a rule version is added, or engineers, skills or identities change,
 * so a preview never scores stale data. One entry per process (the quarter being edited).
 */

export type QuarterInput = { tickets: ScoringTicket[]; engineers: Map<number, ScoringEngineer>; loadMs: number };

type Entry = { key: string; data: Promise<QuarterInput> };
const CACHE_KEY = Symbol.for("podium.whatIfQuarter");
const store = globalThis as unknown as { [CACHE_KEY]?: Entry };

async function fingerprint(db: Db): Promise<string> {
  const rows = await rawRows(
    db,
    `select (select concat_ws('/', count(*), max(id), max(finished_at)) from sync_runs),
            (select concat_ws('/', count(*), max(id)) from rule_sets),
            (select concat_ws('/', count(*), sum(id::bigint * 7 + coalesce(line_id, 0))) from engineers),
            (select concat_ws('/', count(*), sum(engineer_id::bigint * 31 + skill_group_id)) from engineer_skill_groups),
            (select concat_ws('/', count(*), sum(id::bigint * 7 + coalesce(engineer_id, 0))) from engineer_identities)`,
  );
  return rows[0]!.join("|");
}

/** Tickets that may have points in [start, end): solved in it (by the field), or in the ledger for it (a first solve known from the history). */
export async function quarterTicketIds(db: Db, start: Date, end: Date): Promise<number[]> {
  const rows = await rawRows(
    db,
    `select id::int from tickets where solved_at >= $1 and solved_at < $2
     union select ticket_id::int from points_ledger where earned_at >= $1 and earned_at < $2
     order by 1`,
    [start.toISOString(), end.toISOString()],
  );
  return rows.map((r) => r[0] as number);
}

async function load(db: Db, start: Date, end: Date): Promise<QuarterInput> {
  const t0 = performance.now();
  const [ids, ctx] = await Promise.all([quarterTicketIds(db, start, end), loadScoringContext(db)]);
  const wanted = new Set(ids);
  const tickets: ScoringTicket[] = [];
  // Contiguous id ranges (a quarter's tickets are mostly one block of ids), two reads in flight.
  const RANGE = 5_000; // small reads: their raw rows die young (see lib/sync/rebuild.ts)
  const ranges: [number, number][] = [];
  for (let i = 0; i < ids.length; ) {
    const lo = ids[i]!;
    let j = i;
    while (j + 1 < ids.length && ids[j + 1]! < lo + RANGE) j++;
    ranges.push([lo, ids[j]!]);
    i = j + 1;
  }
  let next = ranges.length ? loadTicketRange(db, ctx, ranges[0]![0], ranges[0]![1]) : null;
  for (let k = 0; next; k++) {
    const batch = await next;
    next = k + 1 < ranges.length ? loadTicketRange(db, ctx, ranges[k + 1]![0], ranges[k + 1]![1]) : null;
    for (const t of batch) if (wanted.has(t.id)) tickets.push(t);
  }
  return { tickets, engineers: ctx.engineers, loadMs: performance.now() - t0 };
}

/** The quarter's scoring input, from memory when nothing it depends on changed. */
export async function quarterInput(db: Db, start: Date, end: Date): Promise<QuarterInput & { cached: boolean }> {
  const key = `${start.toISOString()}|${end.toISOString()}|${await fingerprint(db)}`;
  const hit = store[CACHE_KEY];
  if (hit && hit.key === key) {
    try {
      return { ...(await hit.data), cached: true };
    } catch {
      // A failed load is not kept: load again below.
    }
  }
  const entry: Entry = { key, data: load(db, start, end) };
  store[CACHE_KEY] = entry;
  try {
    return { ...(await entry.data), cached: false };
  } catch (e) {
    if (store[CACHE_KEY] === entry) delete store[CACHE_KEY];
    throw e;
  }
}

/** Drops the cached quarter (tests; after an admin rewrites data outside sync runs). */
export function forgetQuarterInput(): void {
  delete store[CACHE_KEY];
}
