import type { Db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import type { SourceAgent, SourceGroup, SourceTicket } from "@/lib/connectors/types";
import { t, template } from "@/lib/i18n";
import { chunks } from "@/lib/sync/bulk";
import { ticketsOfIdentities, upsertDirectory } from "@/lib/sync/identities";
import { rescoreTickets } from "@/lib/sync/rescore";
import { storeRatings, storeTickets, type PreparedRating } from "@/lib/sync/store";
import { validateRecord, type ImportStream } from "./columns";
import { checkObject, FileProblem, readRows, type FileRow } from "./read";

/**
 * File import and push: validate every row first, then store everything through the sync's own
 * store + rescore in ONE transaction. Policy: one bad row rejects the whole file (or batch), with
 * every problem listed, and nothing is written; fix the rows and send it again. Storing is
 * idempotent by (connection, external id), so the same file twice changes nothing. Problems are
 * worded in `locale`: the admin's on the dry run page, English for scripts unless they ask.
 */

export const MAX_LISTED_ERRORS = 100;
const BATCH = 1000;

export type RowError = { row: string; message: string };
export type CheckResult = {
  rows: number;
  valid: number;
  invalid: number;
  /** The first MAX_LISTED_ERRORS problems, in file order; a file-level problem has row "file". */
  errors: RowError[];
  fileError: string | null;
};
export type ImportResult = CheckResult & { imported: boolean; stored: number; rescored: number; runId: number | null };

type Collected = { check: CheckResult; items: (SourceTicket | PreparedRating)[] };

/** One pass over the rows: counts, problems and (when asked) the valid records. */
async function collect(stream: ImportStream, rows: AsyncIterable<FileRow> | Iterable<FileRow>, keep: boolean, L: string): Promise<Collected> {
  const check: CheckResult = { rows: 0, valid: 0, invalid: 0, errors: [], fileError: null };
  const items: (SourceTicket | PreparedRating)[] = [];
  const fail = (row: string, message: string) => {
    check.invalid++;
    if (check.errors.length < MAX_LISTED_ERRORS) check.errors.push({ row, message });
  };
  try {
    for await (const r of rows) {
      check.rows++;
      if ("error" in r) {
        fail(r.label, `${r.label}: ${r.error}`);
        continue;
      }
      const v = validateRecord(stream, r.record, L);
      if (!v.ok) fail(r.label, `${r.label}: ${v.reason}`);
      else {
        check.valid++;
        if (keep && check.invalid === 0) items.push(v.record.value);
      }
    }
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    check.fileError = t(L, "impRow.cannotRead", { problem: e.message });
    check.errors.unshift({ row: "file", message: check.fileError });
  }
  if (check.rows === 0 && !check.fileError) {
    check.fileError = t(L, "impRow.noRows");
    check.errors.unshift({ row: "file", message: check.fileError });
  }
  return { check, items };
}

/** A dry run that needs no database: counts and problems only. */
export async function checkRows(stream: ImportStream, rows: AsyncIterable<FileRow>, locale = "en"): Promise<CheckResult> {
  return (await collect(stream, rows, false, locale)).check;
}

const accepted = (c: CheckResult) => c.invalid === 0 && c.fileError === null;

/**
 * Checks a file and, unless `dryRun` or a row is bad, imports it. `open` is called once per pass
 * (a dry run reads once; an import reads twice), so a 100,000-row file is never held as rows.
 */
export async function importFile(
  db: Db,
  connectionId: number,
  stream: ImportStream,
  open: () => AsyncIterable<FileRow>,
  opts: { dryRun: boolean; now: Date; trigger?: string; locale?: string },
): Promise<ImportResult> {
  const first = await collect(stream, open(), false, opts.locale ?? "en");
  if (opts.dryRun || !accepted(first.check)) return { ...first.check, imported: false, stored: 0, rescored: 0, runId: null };
  // Second pass: batches into one transaction.
  return storeAll(db, connectionId, stream, first.check, opts.now, opts.trigger ?? "import", async (put) => {
    const batch: (SourceTicket | PreparedRating)[] = [];
    for await (const r of open()) {
      if ("error" in r) throw new Error("The file changed between its check and its import; nothing was imported.");
      const v = validateRecord(stream, r.record);
      if (!v.ok) throw new Error("The file changed between its check and its import; nothing was imported.");
      batch.push(v.record.value);
      if (batch.length >= BATCH) await put(batch.splice(0));
    }
    if (batch.length) await put(batch);
  });
}

/** The push API: a batch already parsed from JSON. */
export async function importRecords(db: Db, connectionId: number, stream: ImportStream, records: unknown[], now: Date, locale = "en"): Promise<ImportResult> {
  const label = template(locale, "impRow.record");
  const rows = records.flatMap((value, i) => [...checkObject(stream, label({ n: i + 1 }), value, locale)]);
  const first = await collect(stream, rows, true, locale);
  if (!accepted(first.check)) return { ...first.check, imported: false, stored: 0, rescored: 0, runId: null };
  return storeAll(db, connectionId, stream, first.check, now, "push", async (put) => {
    for (const part of chunks(first.items, BATCH)) await put(part);
  });
}

/** Text of a file as rows, for `importFile`. */
export function fileRows(stream: ImportStream, format: "csv" | "json", text: () => AsyncIterable<string>, locale = "en"): () => AsyncIterable<FileRow> {
  return () => readRows(stream, format, text(), locale);
}

async function storeAll(
  db: Db,
  connectionId: number,
  stream: ImportStream,
  check: CheckResult,
  now: Date,
  trigger: string,
  feed: (put: (batch: (SourceTicket | PreparedRating)[]) => Promise<void>) => Promise<void>,
): Promise<ImportResult> {
  let stored = 0;
  let rescored = 0;
  const runId = await db.transaction(async (tx) => {
    await feed(async (batch) => {
      const s = stream === "tickets" ? await storeTicketBatch(tx, connectionId, batch as SourceTicket[]) : await storeRatingBatch(tx, connectionId, batch as PreparedRating[]);
      stored += s.stored;
      rescored += (await rescoreTickets(tx, s.rescore, now)).tickets;
    });
    const [run] = await tx
      .insert(syncRuns)
      .values({
        connectionId,
        trigger,
        status: "succeeded",
        finishedAt: new Date(),
        pages: Math.ceil(check.rows / BATCH),
        ticketsStored: stream === "tickets" ? stored : 0,
        ratingsStored: stream === "ratings" ? stored : 0,
        ticketsRescored: rescored,
      })
      .returning({ id: syncRuns.id });
    return run!.id;
  });
  return { ...check, imported: true, stored, rescored, runId };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** People named in a file are agents of this connection; an email links them to an engineer. */
function agentsOf(ids: Iterable<string>): SourceAgent[] {
  return [...new Set(ids)].map((id) => ({ externalId: id, name: id, email: EMAIL.test(id) ? id : null, isAgent: true, groupExternalIds: [] }));
}

async function linkDirectory(tx: Db, connectionId: number, agentIds: string[], groups: SourceGroup[]): Promise<number[]> {
  const d = await upsertDirectory(tx, connectionId, agentsOf(agentIds), groups);
  return ticketsOfIdentities(tx, d.newlyLinkedIdentityIds);
}

async function storeTicketBatch(tx: Db, connectionId: number, batch: SourceTicket[]) {
  const people = batch.flatMap((t) => [t.assigneeExternalId, t.solverExternalId, ...t.contributors.map((c) => c.agentExternalId)].filter((x): x is string => !!x));
  const groups = [...new Set(batch.map((t) => t.groupExternalId).filter((g): g is string => !!g))].map((g) => ({ externalId: g, name: g }));
  const relinked = await linkDirectory(tx, connectionId, people, groups);
  const { ids } = await storeTickets(tx, connectionId, batch);
  return { stored: ids.length, rescore: [...new Set([...ids, ...relinked])] };
}

async function storeRatingBatch(tx: Db, connectionId: number, batch: PreparedRating[]) {
  const relinked = await linkDirectory(tx, connectionId, batch.map((r) => r.ratedAgentExternalId).filter((x): x is string => !!x), []);
  const s = await storeRatings(tx, connectionId, batch);
  return { stored: s.stored, rescore: [...new Set([...s.ticketIds, ...relinked])] };
}
