import type { Db } from "@/db/client";
import { rebuildRollups } from "@/lib/rollups";
import { LedgerDays, type LedgerDayTicket } from "@/lib/rollups/ledger-days";
import { compactBreakdown } from "@/lib/scoring/compact";
import { firstSolvedAt, rulesPicker, scoreTicket } from "@/lib/scoring/score";
import type { ScoringTicket } from "@/lib/scoring/types";
import { clientOf, openCopy, rawRows } from "./raw";
import { loadRuleVersions } from "./rule-sets";
import { buildNextRollups, STATS, swapInNextRollups } from "./rollups-swap";
import { createNextTable, dropRetiredTables, finishNextTable, ledgerShape, lockReferencedTables, NEXT, swapInNextTable } from "./ledger-swap";
import { loadScoringContext, loadTicketRange, loadTicketRangeWithFacts, type TicketRollupFacts } from "./scoring-range";

/**
 * The whole-ledger rebuild: every ticket rescored in one streaming pass, staged, then merged into
 * `points_ledger` in ONE transaction, so readers see the old ledger until it commits and a failure
 * leaves it untouched.
 *
 * 1. Lock the ledger against writers (SHARE ROW EXCLUSIVE: pages still read it). A sync page that
 *    changes points waits for the rebuild and then writes its newer result on top.
 * 2. Read tickets by id range (range scans, arrays, epoch times: lib/sync/scoring-range.ts), reading
 *    the next range while the current one is scored and staged.
 * 3. Stage rows in a temporary table: COPY on PostgreSQL, JSON batches on PGlite.
 * 4. Merge set-based: delete rows no longer credited (their disputes go with them, as in the
 *    incremental path), update rows that differ, insert new ones. Row ids of kept rows stay (disputes
 *    point at them). When most rows are new, the secondary indexes are dropped and rebuilt after the
 *    insert, which is several times faster than maintaining them row by row.
 * An empty ledger on PostgreSQL (first build, after a wipe) instead streams into a fresh table that
 * then takes the ledger's place (lib/sync/ledger-swap.ts): no per-row foreign-key checks, no indexes
 * maintained row by row, and no second copy of the rows. Its rollups are summed while scoring
 * (lib/rollups/ledger-days.ts) and built on another connection while this one indexes the ledger,
 * then swapped in with it (lib/sync/rollups-swap.ts).
 */

// Tickets per read. Small enough that a range's rows and tickets mostly die young: with 25,000 they
// outlived the young generation and garbage collection took ~40 % of this process's CPU.
const RANGE = 5_000;

export type RebuildResult = { tickets: number; written: number; removed: number; staged: number; phasesMs: Record<string, number> };

const STAGE_COLUMNS =
  "ticket_id bigint not null, engineer_id integer not null, rule_set_id integer not null, points numeric(10, 3) not null, " +
  "state ledger_state not null, breakdown jsonb not null, earned_at timestamptz not null, confirm_after timestamptz not null";
const COLS = "ticket_id, engineer_id, rule_set_id, points, state, breakdown, earned_at, confirm_after";

type StageRow = [number, number, number, number, string, string, string, string];

/** A Date's ISO string, remembered for the next call with the same instant (a ticket's rows share theirs). */
function isoCache(): (d: Date) => string {
  let ms = NaN;
  let iso = "";
  return (d) => {
    const t = d.getTime();
    if (t !== ms) {
      ms = t;
      iso = d.toISOString();
    }
    return iso;
  };
}

async function nextLedgerId(tx: Db, sequence: string): Promise<number> {
  const [[id]] = (await rawRows(tx, `select nextval('${sequence}')::float8`)) as [[number]];
  return id;
}

export async function rebuildLedger(
  db: Db,
  now: Date,
  /** `direct`: force (true) or forbid (false) the empty-ledger path; by default taken for a large empty ledger on PostgreSQL. */
  opts: { range?: number; direct?: boolean } = {},
): Promise<RebuildResult> {
  const range = opts.range ?? RANGE;
  // `read` overlaps score and stage (the next range is read meanwhile); `readWait` is the part the
  // loop spent waiting for it, i.e. how far reading, not scoring, sets the pace.
  const phases: Record<string, number> = { read: 0, readWait: 0, score: 0, stage: 0, merge: 0, rollups: 0 };
  const lap = async <T>(k: string, f: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    try {
      return await f();
    } finally {
      phases[k]! += performance.now() - t;
    }
  };
  const pg = isPostgres(db);
  // An empty ledger (first build, or after a wipe) on PostgreSQL takes the fresh-table path
  // (lib/sync/ledger-swap.ts). Checked once before the locks (the referenced tables must be locked
  // first) and again under them.
  const fresh = pg && (opts.direct ?? true) && (await ledgerIsEmpty(db)) && (opts.direct ?? (await maxTicketId(db)) > 50_000);
  // Work on another connection that the transaction started; awaited even when it fails, so the
  // rebuild has finished everything it began when it returns or throws.
  let sideWork: Promise<unknown> | null = null;
  const result = await db.transaction(async (tx) => {
    if (fresh) await lockReferencedTables(tx);
    // The rebuild's whole-table statements (key checks, rollups) are big enough to trigger JIT,
    // whose compiling cost ~3 s of CPU and saved less; sorts of a million rows fit in 64 MB.
    if (pg) for (const q of ["set local jit = off", "set local work_mem = '64MB'"]) await rawRows(tx, q);
    await rawRows(tx, "lock table points_ledger in share row exclusive mode");
    const versions = await loadRuleVersions(tx);
    const pick = rulesPicker(versions);
    // Reads go through `db` (other pooled connections on PostgreSQL, in parallel) — safe, since no
    // writer can change the ledger now; PGlite has one connection, so `db` is `tx` there anyway.
    const reader = pg && db !== tx ? db : tx;
    const ctx = await loadScoringContext(reader);
    const maxId = await maxTicketId(tx);
    const direct = fresh && (await ledgerIsEmpty(tx));
    const shape = direct ? await ledgerShape(tx) : null;
    if (direct) await createNextTable(tx);
    const target = direct ? NEXT : "ledger_rebuild";
    if (!direct) await rawRows(tx, `create temp table ledger_rebuild (${STAGE_COLUMNS}) on commit drop`);
    let tickets = 0;
    let staged = 0;
    // The next table's ids, reserved from the ledger's sequence as one block (no writer can take
    // any meanwhile): a default nextval() per row cost ~1 s of a million-row COPY.
    const ids = direct ? { start: await nextLedgerId(tx, shape!.sequence), next: 0 } : null;
    if (ids) ids.next = ids.start;
    const earnedIso = isoCache();
    const confirmIso = isoCache();
    // FREEZE: the next table was created in this transaction, so its rows can be written frozen
    // (no hint-bit rewrite by the first readers or vacuum); nobody else can see them before commit.
    const copy = pg ? await openCopy(tx, target, direct ? `id, ${COLS}` : COLS, direct) : null;
    // The fresh table has no disputes yet: its rollups' ledger half is summed here as rows are
    // scored (lib/rollups/ledger-days.ts), not aggregated from the million rows after the load.
    const days = direct ? new LedgerDays() : null;
    const skillsOf = (engineerId: number) => ctx.engineers.get(engineerId)?.skillGroupIds;
    const dayTicket: LedgerDayTicket = { skillGroupId: null, lineCode: null, solved: false, reopened: false, resolutionMicros: null };
    const load = async (lo: number, hi: number): Promise<{ tickets: ScoringTicket[]; facts: TicketRollupFacts | null }> =>
      days ? loadTicketRangeWithFacts(reader, ctx, lo, hi) : { tickets: await loadTicketRange(reader, ctx, lo, hi), facts: null };
    let next = maxId >= 1 ? lap("read", () => load(1, range)) : null;
    for (let lo = 1; next; lo += range) {
      const waited = performance.now();
      const batch = await next;
      phases.readWait! += performance.now() - waited;
      const hi = lo + range;
      // Prefetch the next range while this one is scored and staged.
      next = hi <= maxId ? lap("read", () => load(hi, hi + range - 1)) : null;
      const scored = await lap("score", () => {
        // PostgreSQL: COPY text built straight from the results (no row arrays in between, ISO
        // strings reused for a ticket's rows): a million rows' garbage cost more than scoring them.
        let text = "";
        const rows: StageRow[] = [];
        let n = 0;
        for (let i = 0; i < batch.tickets.length; i++) {
          const t = batch.tickets[i]!;
          const rules = pick(firstSolvedAt(t) ?? now)!;
          const f = batch.facts;
          if (f) {
            // One scratch object for every ticket: LedgerDays.add reads it and keeps nothing.
            dayTicket.skillGroupId = t.skillGroupId;
            dayTicket.lineCode = t.lineCode;
            dayTicket.solved = t.solvedAt !== null;
            dayTicket.reopened = f.reopened[i] === 1;
            dayTicket.resolutionMicros = Number.isNaN(f.resolutionMicros[i]) ? null : f.resolutionMicros[i]!;
          }
          for (const r of scoreTicket(t, ctx.engineers, rules, now)) {
            if (f) days!.add(r, dayTicket, skillsOf);
            const json = JSON.stringify(compactBreakdown(r.breakdown));
            if (copy) {
              const id = ids ? `${ids.next++}\t` : "";
              text += `${id}${r.ticketId}\t${r.engineerId}\t${rules.id}\t${r.points}\t${r.state}\t${json.replaceAll("\\", "\\\\")}\t${earnedIso(r.earnedAt)}\t${confirmIso(r.confirmAfter)}\n`;
            } else rows.push([r.ticketId, r.engineerId, rules.id, r.points, r.state, json, r.earnedAt.toISOString(), r.confirmAfter.toISOString()]);
            n++;
          }
        }
        return { n, text, rows };
      });
      tickets += batch.tickets.length;
      staged += scored.n;
      await lap("stage", async () => {
        if (copy) await copy.write(scored.text);
        else await stageJson(tx, scored.rows);
      });
    }
    // The rollups of the fresh table are built on another connection while this one indexes the
    // ledger (lib/sync/rollups-swap.ts); settled into a value so a failure is never unhandled.
    // (Only with a connection of its own: not when `db` itself is a caller's transaction.)
    const nextRollups = direct && days!.exact && isPool(db) ? settle(buildNextRollups(db, days!)) : null;
    sideWork = nextRollups;
    if (copy) await lap("stage", () => copy.end());
    if (ids && ids.next > ids.start) await rawRows(tx, `select setval('${shape!.sequence}', ${ids.next - 1})`);

    const merged = direct
      ? await lap("merge", async () => {
          await finishNextTable(tx, shape!);
          return { written: staged, removed: 0 };
        })
      : await lap("merge", () => mergeStaged(tx, pg, staged));
    // The board rollups are derived from the ledger: rebuilt in the same transaction (or, for the
    // fresh table, swapped in with it), so readers never see a new ledger beside old rollups. For
    // the fresh table, `rollups` is only the wait for the other connection.
    const stats = await lap("rollups", async () => {
      if (nextRollups) {
        const r = await nextRollups;
        if (!r.ok) throw r.error;
        return r.value;
      }
      await rebuildRollups(tx, undefined, { ledger: direct ? NEXT : undefined });
      return null;
    });
    if (direct) {
      await lap("merge", async () => {
        await swapInNextTable(tx, shape!, Date.now(), stats ? [STATS] : []);
        if (stats) await swapInNextRollups(tx, stats);
      });
    }
    return { tickets, staged, ...merged, phasesMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])) };
  }).catch(async (e: unknown) => {
    await sideWork;
    throw e;
  });
  if (fresh) await dropRetiredTables(db);
  return result;
}

async function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

async function ledgerIsEmpty(db: Db): Promise<boolean> {
  const [[empty]] = (await rawRows(db, "select not exists (select 1 from points_ledger)")) as [[boolean]];
  return empty;
}

async function maxTicketId(db: Db): Promise<number> {
  const [[maxId]] = (await rawRows(db, "select coalesce(max(id), 0)::float8 from tickets")) as [[number]];
  return maxId;
}

const isPostgres = (db: Db) => "unsafe" in clientOf(db);
/** A postgres.js pool (a transaction's client has `savepoint` instead of `begin`). */
const isPool = (db: Db) => typeof (clientOf(db) as { begin?: unknown }).begin === "function";

async function stageJson(tx: Db, rows: StageRow[]) {
  for (let i = 0; i < rows.length; i += 2000) {
    const json = JSON.stringify(
      rows.slice(i, i + 2000).map((r) => ({
        ticket_id: r[0],
        engineer_id: r[1],
        rule_set_id: r[2],
        points: r[3],
        state: r[4],
        breakdown: JSON.parse(r[5]),
        earned_at: r[6],
        confirm_after: r[7],
      })),
    );
    await rawRows(tx, `insert into ledger_rebuild (${COLS}) select ${COLS} from jsonb_to_recordset($1::jsonb) as x(${STAGE_COLUMNS.replaceAll(" not null", "")})`, [json]);
  }
}

async function mergeStaged(tx: Db, pg: boolean, staged: number): Promise<{ written: number; removed: number }> {
  if (pg) await rawRows(tx, "analyze ledger_rebuild");
  const key = "l.ticket_id = s.ticket_id and l.engineer_id = s.engineer_id";
  const count = async (q: string) => ((await rawRows(tx, `with w as (${q} returning 1) select count(*)::float8 from w`)) as [[number]])[0][0];
  const removed = await count(`delete from points_ledger l where not exists (select 1 from ledger_rebuild s where ${key})`);
  const updated = await count(
    `update points_ledger l set rule_set_id = s.rule_set_id, points = s.points, state = s.state, breakdown = s.breakdown,
       earned_at = s.earned_at, confirm_after = s.confirm_after, updated_at = now()
     from ledger_rebuild s where ${key}
       and (l.rule_set_id, l.points, l.state, l.earned_at, l.confirm_after, l.breakdown)
           is distinct from (s.rule_set_id, s.points, s.state, s.earned_at, s.confirm_after, s.breakdown)`,
  );
  const [[existing]] = (await rawRows(tx, "select count(*)::float8 from points_ledger")) as [[number]];
  const fresh = staged - existing;
  // Mostly new rows: build the secondary indexes once after the insert instead of row by row.
  const rebuildIndexes = pg && fresh > 50_000 && fresh > existing;
  const indexDefs = rebuildIndexes ? await dropSecondaryIndexes(tx) : [];
  const inserted = await count(
    `insert into points_ledger (${COLS}) select ${COLS.replaceAll(/(\w+)/g, "s.$1")} from ledger_rebuild s
      where not exists (select 1 from points_ledger l where ${key}) order by s.ticket_id, s.engineer_id`,
  );
  await createIndexes(tx, indexDefs);
  return { written: updated + inserted, removed };
}

/** Drops the ledger's indexes other than its primary key (inside the transaction); returns their definitions. */
async function dropSecondaryIndexes(tx: Db): Promise<[string, string][]> {
  const defs = (await rawRows(
    tx,
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = 'points_ledger'
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  )) as [string, string][];
  for (const [name] of defs) await rawRows(tx, `drop index "${name}"`);
  return defs;
}

async function createIndexes(tx: Db, defs: [string, string][]): Promise<void> {
  if (defs.length === 0) return;
  await rawRows(tx, "set local maintenance_work_mem = '256MB'");
  for (const [, def] of defs) await rawRows(tx, def);
}
