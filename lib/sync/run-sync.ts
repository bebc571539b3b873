import { and, eq, sql } from "drizzle-orm";
import type { Db, DbHandle } from "@/db/client";
import { connections, syncCursors, syncRuns, type SyncReject, type SyncRun, type SyncRunProgress } from "@/db/schema";
import { createConnector as defaultCreateConnector } from "@/lib/connectors/registry";
import type { Connector, ConnectorConfig, RawPage } from "@/lib/connectors/types";
import { decryptJson, getEncryptionKey } from "@/lib/crypto/secrets";
import { normalizeRating } from "@/lib/scoring/normalize-rating";
import { ticketsOfIdentities, upsertDirectory } from "./identities";
import { pageSpan, progressOf, type StreamClock } from "./progress";
import { rescoreTickets, rescoreWrittenTickets } from "./rescore";
import { rebuildRollups, refreshRollups, type RollupKey } from "@/lib/rollups";
import { storeRatings, storeTickets, type PreparedRating } from "./store";

/**
 * One sync run of a connection: directory, then ratings, then tickets, page by page. Each page
 * is stored, rescored and followed by its cursor in ONE transaction, so a crash at any moment
 * loses nothing and doubles nothing: the next run starts after the last committed page.
 */

export type SyncTrigger = "schedule" | "manual" | "webhook" | "backfill";

export type SyncProgress = { runId: number; stream: "tickets" | "ratings"; page: number; records: number; stored: number; rejected: number; cursor: string };

export type SyncOptions = {
  trigger: SyncTrigger;
  /** The moment the source is read at (default: the clock). */
  now?: Date;
  /** Pages per stream in this run; the next run continues from the cursor. */
  maxPages?: number;
  /** Checked between pages: a cancelled run stops after its last committed page. */
  signal?: AbortSignal;
  /** Called after each committed page (awaited: the next page is stored after it returns). */
  onPage?: (p: SyncProgress) => void | Promise<void>;
  /** Tests wrap the connector to inject failures. */
  createConnector?: (config: ConnectorConfig) => Connector;
};

export const DEFAULT_MAX_PAGES = 200;
/** Rejects kept on the run row; the count goes on. */
export const MAX_REJECTS = 100;

export class SyncBusyError extends Error {
  constructor(connectionId: number) {
    super(`Connection ${connectionId} is already being synced.`);
    this.name = "SyncBusyError";
  }
}

type Totals = Pick<SyncRun, "pages" | "ticketsStored" | "ratingsStored" | "agentsStored" | "ticketsRescored" | "rejected"> & {
  rejects: SyncReject[];
  progress: SyncRunProgress | null;
};

/**
 * The message for the run row and the admin screen. Drizzle wraps driver errors in "Failed
 * query: <sql> params: <page JSON>"; the driver's own reason underneath is the useful part.
 */
export function errorMessage(e: unknown): string {
  let err = e;
  while (err instanceof Error && err.message.startsWith("Failed query:") && err.cause instanceof Error) err = err.cause;
  const text = err instanceof Error ? (err !== e ? `Database error: ${err.message}` : err.message) : String(err);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

/** Runs a sync of the connection, unless one is already running (then throws SyncBusyError). */
export async function runSync(handle: DbHandle, connectionId: number, opts: SyncOptions): Promise<SyncRun> {
  const r = await handle.withLock(`podium:sync-connection:${connectionId}`, () => syncUnderLock(handle.db, connectionId, opts, handle.kind === "postgres"));
  if (!r.acquired) throw new SyncBusyError(connectionId);
  return r.result;
}

async function syncUnderLock(db: Db, connectionId: number, opts: SyncOptions, asyncCommit = false): Promise<SyncRun> {
  const now = opts.now ?? new Date();
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const [conn] = await db.select().from(connections).where(eq(connections.id, connectionId));
  if (!conn) throw new Error(`Connection ${connectionId} does not exist.`);

  // We hold the lock, so runs still marked running were cut short by a process that died.
  const interrupted = await db
    .update(syncRuns)
    .set({ status: "failed", finishedAt: sql`now()`, error: "Interrupted: the process stopped before the run finished; the next run continued from the last saved page." })
    .where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.status, "running")))
    .returning({ id: syncRuns.id });
  // Its committed pages' board rollups were due at the end of their stream: rebuild them now.
  if (interrupted.length > 0) await db.transaction((tx) => rebuildRollups(tx));
  const [run] = await db.insert(syncRuns).values({ connectionId, trigger: opts.trigger }).returning();
  const runId = run!.id;
  const totals: Totals = { pages: 0, ticketsStored: 0, ratingsStored: 0, agentsStored: 0, ticketsRescored: 0, rejected: 0, rejects: [], progress: null };
  const addRejects = (t: Totals, rejects: SyncReject[]) => {
    t.rejected += rejects.length;
    t.rejects = [...t.rejects, ...rejects].slice(0, MAX_REJECTS);
  };

  let status: SyncRun["status"];
  let error: string | null = null;
  try {
    const credentials = conn.credentialsEncrypted ? decryptJson<Record<string, string>>(conn.credentialsEncrypted, getEncryptionKey()) : null;
    const connector = (opts.createConnector ?? defaultCreateConnector)({ id: conn.id, kind: conn.kind, settings: conn.settings, credentials });
    const ctx = { now, signal: opts.signal };

    // Directory: small, fetched whole; newly linked identities may make stored tickets score.
    const dir = await connector.fetchDirectory(ctx);
    const rejects: SyncReject[] = [];
    const agents = collect(dir.agents, (raw) => connector.normalizeAgent(raw), "agents", connector, rejects);
    const groups = collect(dir.groups, (raw) => connector.normalizeGroup(raw), "groups", connector, rejects);
    const afterDirectory = await db.transaction(async (tx) => {
      const d = await upsertDirectory(tx, connectionId, agents, groups);
      const rescored = await rescoreTickets(tx, await ticketsOfIdentities(tx, d.newlyLinkedIdentityIds), now);
      const next = { ...totals, agentsStored: totals.agentsStored + d.agents, ticketsRescored: totals.ticketsRescored + rescored.tickets };
      addRejects(next, rejects);
      await saveTotals(tx, runId, next);
      return next;
    });
    Object.assign(totals, afterDirectory);

    const pageRun = { db, runId, connectionId, now, maxPages, connector, totals, addRejects, opts, dirty: new Map<string, RollupKey>(), analyzeAt: ANALYZE_FIRST, asyncCommit };
    // Ratings before tickets: a rating whose ticket is not stored yet waits unlinked, and the
    // ticket's page links it and scores the ticket with it. A backfill then scores each ticket
    // once; tickets first, every rated ticket was scored again by the ratings page (a quarter of
    // the backfill's time). Either order gives the same rows: each stream stands alone.
    await syncStream(
      pageRun,
      "ratings",
      (c) => connector.fetchRatings(c, ctx),
      (raw): PreparedRating => {
        const r = connector.normalizeRating(raw);
        return { ...r, score: normalizeRating(r.scale, r.rawValue, r.scaleMax) };
      },
      async (tx, items, dirty) => {
        const s = await storeRatings(tx, connectionId, items);
        const rescored = await rescoreTickets(tx, s.ticketIds, now, { collect: dirty });
        return { stored: s.stored, rescored: rescored.tickets };
      },
    );
    await syncStream(pageRun, "tickets", (c) => connector.fetchTickets(c, ctx), (raw) => connector.normalizeTicket(raw), async (tx, items, dirty) => {
      const s = await storeTickets(tx, connectionId, items);
      // Scored from what the page wrote, not read back (lib/sync/rescore.ts).
      const rescored = await rescoreWrittenTickets(tx, s.written, s.inserted, now, { collect: dirty });
      return { stored: s.ids.length, rescored: rescored.tickets };
    });
    status = totals.rejected > 0 ? "partial" : "succeeded";
  } catch (e) {
    status = "failed";
    error = errorMessage(e);
  }
  const [finished] = await db
    .update(syncRuns)
    .set({ ...totals, status, error, finishedAt: sql`now()` })
    .where(eq(syncRuns.id, runId))
    .returning();
  return finished!;
}

type PageRun = {
  db: Db;
  runId: number;
  connectionId: number;
  now: Date;
  maxPages: number;
  connector: Connector;
  /** Counts of committed work only: updated after each commit. */
  totals: Totals;
  addRejects: (t: Totals, rejects: SyncReject[]) => void;
  opts: SyncOptions;
  /** Board rollup pairs touched by committed pages, refreshed when the stream ends. */
  dirty: Map<string, RollupKey>;
  /** Page commits without waiting for the WAL flush (PostgreSQL only; see pageLoop). */
  asyncCommit: boolean;
  /** Records stored by the current stream at which the statistics are next refreshed (analyzeIfGrown). */
  analyzeAt: number;
};

/** Above this many (engineer, day) pairs, rebuilding the rollups from the first day is cheaper. */
const REBUILD_ABOVE = 5000;

/**
 * Refreshes the board rollups of the pages a stream committed: once per stream instead of once
 * per page (a backfill touches the same engineer-days page after page). Boards lag the ledger by
 * at most one stream of one run; a run killed before this is repaired by the next run.
 */
async function flushRollups(r: PageRun): Promise<void> {
  if (r.dirty.size === 0) return;
  const keys = [...r.dirty.values()];
  r.dirty.clear();
  await r.db.transaction(async (tx) => {
    if (keys.length > REBUILD_ABOVE) await rebuildRollups(tx, keys.reduce((min, k) => (k.day < min ? k.day : min), keys[0]!.day));
    else await refreshRollups(tx, keys);
  });
}

/** Pages through one stream from its saved cursor: fetch, normalise, then store + rescore + cursor in one transaction. */
async function syncStream<T extends { updatedAt: Date }>(
  r: PageRun,
  stream: "tickets" | "ratings",
  fetch: (cursor: string | null) => Promise<RawPage>,
  prepare: (raw: unknown) => T,
  /** Stores and rescores one page (inside its transaction); the touched rollup pairs go to `dirty`. */
  store: (tx: Db, items: T[], dirty: Map<string, RollupKey>) => Promise<{ stored: number; rescored: number }>,
): Promise<void> {
  try {
    await pageLoop(r, stream, fetch, prepare, store);
  } catch (e) {
    // The committed pages stay committed: their rollups are refreshed before the run fails.
    await flushRollups(r).catch(() => {});
    throw e;
  }
  await flushRollups(r);
}

async function pageLoop<T extends { updatedAt: Date }>(
  r: PageRun,
  stream: "tickets" | "ratings",
  fetch: (cursor: string | null) => Promise<RawPage>,
  prepare: (raw: unknown) => T,
  /** Stores and rescores one page (inside its transaction); the touched rollup pairs go to `dirty`. */
  store: (tx: Db, items: T[], dirty: Map<string, RollupKey>) => Promise<{ stored: number; rescored: number }>,
): Promise<void> {
  let cursor = await readCursor(r.db, r.connectionId, stream);
  r.analyzeAt = ANALYZE_FIRST;
  const clock: StreamClock = { startedMs: Date.now(), fromMs: null };
  let position: number | null = null;
  // The next page is fetched and normalised while this one is stored (the helpdesk's time, our
  // parsing and the database's work overlap). Its cursor is still saved only after its own
  // records are stored.
  const read = (c: string | null) =>
    fetch(c).then((raw) => {
      const rejects: SyncReject[] = [];
      return { raw, items: collect(raw.records, prepare, stream, r.connector, rejects), rejects };
    });
  let ahead: ReturnType<typeof read> | null = null;
  for (let page = 1; page <= r.maxPages; page++) {
    if (r.opts.signal?.aborted) throw new Error("Cancelled: the run stopped after its last saved page; the next run continues from there.");
    const { raw, items, rejects: pageRejects } = await (ahead ?? read(cursor));
    ahead = null;
    if (raw.hasMore && page < r.maxPages && !r.opts.signal?.aborted) {
      ahead = read(raw.nextCursor);
      ahead.catch(() => {}); // awaited on the next turn; a store failure before then leaves it unread
    }
    const span = pageSpan(items);
    if (span) {
      clock.fromMs ??= span.min;
      position = Math.max(position ?? span.max, span.max);
    }
    const { next, stored } = await r.db.transaction(async (tx) => {
      // PostgreSQL: the page's commit does not wait for its WAL flush (both cores idle meanwhile).
      // Safe: a killed sync loses nothing the server accepted, and should the server itself crash,
      // it loses the last pages WITH their cursor (whole transactions, in order), read again next
      // run. Not on PGlite: there the database dies with the syncing process.
      if (r.asyncCommit) await tx.execute(sql`set local synchronous_commit = off`);
      const s = await store(tx, items, r.dirty);
      await saveCursor(tx, r.connectionId, stream, raw.nextCursor);
      const next: Totals = {
        ...r.totals,
        pages: r.totals.pages + 1,
        ticketsStored: r.totals.ticketsStored + (stream === "tickets" ? s.stored : 0),
        ratingsStored: r.totals.ratingsStored + (stream === "ratings" ? s.stored : 0),
        ticketsRescored: r.totals.ticketsRescored + s.rescored,
      };
      next.progress = progressOf({
        stream,
        nowWallMs: Date.now(),
        sourceNowMs: r.now.getTime(),
        clock,
        positionMs: raw.hasMore ? position : r.now.getTime(),
        ticketsSoFar: next.ticketsStored,
        ratingsSoFar: next.ratingsStored,
        api: r.connector.progress?.() ?? null,
      });
      r.addRejects(next, pageRejects);
      await saveTotals(tx, r.runId, next);
      return { next, stored: s.stored };
    });
    Object.assign(r.totals, next);
    await analyzeIfGrown(r, stream === "tickets" ? next.ticketsStored : next.ratingsStored);
    cursor = raw.nextCursor;
    await r.opts.onPage?.({ runId: r.runId, stream, page, records: raw.records.length, stored, rejected: pageRejects.length, cursor });
    if (!raw.hasMore) return;
  }
}

/** A stream's first statistics refresh, after this many stored records; then each time they double. */
const ANALYZE_FIRST = 10_000;
/** The tables a sync page writes, and the per-page queries read by ticket id. */
const SYNCED_TABLES = "tickets, ticket_status_events, ticket_contributors, ratings, points_ledger";

/**
 * Refreshes the planner's statistics of the synced tables as a backfill grows them (10,000
 * records, 20,000, 40,000…: a handful of ANALYZEs per run, each a sample). Without statistics
 * (autovacuum off, or lagging behind a bulk load, as PostgreSQL's docs warn) the planner takes
 * "ticket_id = any(a thousand ids)" for most of a table and scans it whole on every page, and
 * plans prepared while the tables were small stay as they were.
 */
async function analyzeIfGrown(r: PageRun, stored: number): Promise<void> {
  if (stored < r.analyzeAt) return;
  r.analyzeAt = stored * 2;
  await r.db.execute(sql.raw(`analyze ${SYNCED_TABLES}`));
}

/** Normalises each raw record; one that fails is recorded with its reason and left out. */
function collect<T>(records: unknown[], prepare: (raw: unknown) => T, stream: string, connector: Connector, rejects: SyncReject[]): T[] {
  const out: T[] = [];
  for (const raw of records) {
    try {
      out.push(prepare(raw));
    } catch (e) {
      let externalId: string | null = null;
      try {
        externalId = connector.externalIdOf(raw);
      } catch {
        /* the id is best effort */
      }
      rejects.push({ stream, externalId, reason: errorMessage(e) });
    }
  }
  return out;
}

async function readCursor(db: Db, connectionId: number, stream: string): Promise<string | null> {
  const [row] = await db
    .select({ cursor: syncCursors.cursor })
    .from(syncCursors)
    .where(and(eq(syncCursors.connectionId, connectionId), eq(syncCursors.stream, stream)));
  return row?.cursor ?? null;
}

async function saveCursor(db: Db, connectionId: number, stream: string, cursor: string): Promise<void> {
  await db
    .insert(syncCursors)
    .values({ connectionId, stream, cursor })
    .onConflictDoUpdate({ target: [syncCursors.connectionId, syncCursors.stream], set: { cursor, updatedAt: sql`now()` } });
}

async function saveTotals(db: Db, runId: number, t: Totals): Promise<void> {
  await db.update(syncRuns).set(t).where(eq(syncRuns.id, runId));
}
