import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase, type DbHandle } from "@/db/client";
import { connections, syncRuns } from "@/db/schema";
import { runSync } from "@/lib/sync/run-sync";
import { createPgDatabase, openTestDb } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";
import { counts, ledgerSnapshot } from "../helpers/sync-snapshot";

/**
 * A sync killed with SIGKILL in the middle, then run again, must end exactly where a clean sync
 * ends: the page being written when the process died is rolled back, its cursor with it.
 */

const HISTORY_DAYS = 20;
/** Small pages: many commits, so the kill lands in the middle of the run. */
const PAGE_SIZE = 100;

/** The child sets the database up (migrations, demo organisation, small pages), then syncs. */
function startChild(target: string): { child: ChildProcess; committed: () => number; exited: Promise<void> } {
  const args = ["--import", "tsx", "tests/helpers/sync-child.ts", target, TEST_NOW.toISOString(), String(HISTORY_DAYS), String(PAGE_SIZE)];
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let pages = 0;
  let stderr = "";
  // Ticket pages (the ratings stream comes first; the kill must land in the tickets stream).
  child.stdout!.on("data", (d: Buffer) => (pages += (d.toString().match(/^committed tickets /gm) ?? []).length));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  exited.then(() => stderr && process.stderr.write(stderr));
  return { child, committed: () => pages, exited };
}

async function waitFor(cond: () => Promise<boolean> | boolean, what: string, ms = 60_000) {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The reference: the same history synced in one clean run (default page size) into a fresh database. */
async function cleanReference() {
  const h = await openTestDb("postgres");
  try {
    const org = await createDemoOrg(h.db, { historyDays: HISTORY_DAYS });
    const run = await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 100_000 });
    assert.equal(run.status, "succeeded", run.error ?? "");
    return { counts: await counts(h), ledger: await ledgerSnapshot(h) };
  } finally {
    await h.close();
  }
}

let reference: Promise<Awaited<ReturnType<typeof cleanReference>>> | undefined;

async function finishAndCompare(h: DbHandle) {
  const [conn] = await h.db.select({ id: connections.id }).from(connections).where(eq(connections.kind, "demo"));
  const connectionId = conn!.id;
  const run = await runSync(h, connectionId, { trigger: "manual", now: TEST_NOW, maxPages: 100_000 });
  assert.equal(run.status, "succeeded", run.error ?? "");
  // The killed run is marked as interrupted, not left "running" forever.
  const runs = await h.db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId)).orderBy(syncRuns.id);
  assert.equal(runs.length, 2);
  assert.equal(runs[0]!.status, "failed");
  assert.match(runs[0]!.error ?? "", /^Interrupted/);
  const ref = await (reference ??= cleanReference());
  const got = await counts(h);
  assert.equal(got.distinctTickets, got.tickets, "no duplicate external ids");
  assert.deepEqual(got, ref.counts);
  assert.deepEqual(await ledgerSnapshot(h), ref.ledger);
}

test("postgres: a sync killed mid-way and run again equals a clean sync", async () => {
  const { url, drop } = await createPgDatabase();
  const h = await openDatabase({ kind: "postgres", url, max: 4 });
  try {
    const { child, committed, exited } = startChild(url);
    const ticketCount = async () => (await counts(h)).tickets;
    // Polls the database itself, not the child's word, for committed pages.
    await waitFor(async () => committed() > 0 && (await ticketCount()) >= 3 * PAGE_SIZE, "the first pages to be committed");
    child.kill("SIGKILL");
    await exited;
    const atKill = await ticketCount();
    const [cursor] = await h.query<{ cursor: string }>("select cursor from sync_cursors where stream = 'tickets'");
    assert.ok(cursor, "the cursor of the committed pages is saved");
    // Every committed page is whole: tickets come in full pages while the ticket stream runs.
    assert.equal(atKill % PAGE_SIZE, 0, `${atKill} tickets at the kill`);
    assert.ok(atKill < (await cleanCount()), "killed before the end");
    await finishAndCompare(h);
  } finally {
    await h.close();
    await drop();
  }
});

test("pglite: a sync killed mid-way (data folder left locked) and run again equals a clean sync", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "podium-kill-"));
  try {
    const { child, committed, exited } = startChild(`pglite:${dir}`);
    await waitFor(() => committed() >= 3, "the first pages to be committed");
    child.kill("SIGKILL");
    await exited;
    assert.ok(fs.existsSync(path.join(dir, "podium.lock")), "the killed process left its lock behind");
    const h = await openDatabase({ kind: "pglite", dataDir: dir }); // a stale lock: taken over
    try {
      const atKill = (await counts(h)).tickets;
      assert.ok(atKill >= 3 * PAGE_SIZE && atKill % PAGE_SIZE === 0, `${atKill} tickets at the kill`);
      await finishAndCompare(h);
    } finally {
      await h.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function cleanCount(): Promise<number> {
  return (await (reference ??= cleanReference())).counts.tickets;
}
