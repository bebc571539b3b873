import { test } from "node:test";
import assert from "node:assert/strict";
import { connections, engineers } from "@/db/schema";
import { encryptJson, generateKey, getEncryptionKey } from "@/lib/crypto/secrets";
import { runSync } from "@/lib/sync/run-sync";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";
import { counts, ledgerSnapshot } from "../helpers/sync-snapshot";
import { startFreshdeskEmulator } from "../emulators/freshdesk";
import { startZendeskEmulator, type ZendeskEmulator } from "../emulators/zendesk";

/**
 * Zendesk and Freshdesk connectors syncing through the emulators into real PGlite and PostgreSQL:
 * nothing lost, nothing doubled, faults survived, 401/403 stop with a clear message, the budget
 * respected, and a failed page leaves the data as it was.
 */

process.env.PODIUM_ENCRYPTION_KEY ??= generateKey();
type Handle = Awaited<ReturnType<typeof openTestDb>>;

const fastRetries = { maxRetries: 4, backoffBaseMs: 5, timeoutMs: 1500 };

async function addConnection(h: Handle, kind: string, settings: Record<string, unknown>, credentials: Record<string, string>): Promise<number> {
  const [c] = await h.db
    .insert(connections)
    .values({ kind, name: kind, settings, credentialsEncrypted: encryptJson(credentials, getEncryptionKey()) })
    .returning();
  return c!.id;
}

async function addEngineers(h: Handle, emails: string[]) {
  await h.db.insert(engineers).values(emails.map((email, i) => ({ displayName: `Eng ${i}`, email })));
}

const zendeskSettings = (emu: ZendeskEmulator, extra: Record<string, unknown> = {}) => ({
  subdomain: "acme",
  apiBaseUrl: emu.url,
  backfillStart: "2000-01-01",
  pageSize: 40,
  // The emulator's export limit is off here; the budget's pacing of it is a unit test.
  exportLimitPerMinute: 1000,
  ...fastRetries,
  ...extra,
});

async function syncToEnd(h: Handle, connectionId: number) {
  const run = await runSync(h, connectionId, { trigger: "backfill", maxPages: 1000 });
  return run;
}

async function ticketRows(h: Handle) {
  return h.query<{ external_id: string; status: string; is_deleted: boolean; is_merged: boolean; reopen_count: number }>(
    "select external_id, status, is_deleted, is_merged, reopen_count from tickets order by external_id::int",
  );
}

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: Zendesk backfill through the emulator stores every ticket and rating once; a second run changes nothing`, async () => {
    const emu = await startZendeskEmulator({ tickets: 230 });
    const h = await openTestDb(kind);
    try {
      await addEngineers(h, emu.account.agents.map((a) => a.email));
      const id = await addConnection(h, "zendesk", zendeskSettings(emu), { email: emu.account.email, apiToken: emu.account.apiToken });
      const run = await syncToEnd(h, id);
      assert.equal(run.status, "succeeded", run.error ?? "");
      const rows = await ticketRows(h);
      assert.equal(rows.length, 230, "every ticket, deleted ones included");
      assert.deepEqual(rows.map((r) => Number(r.external_id)), emu.account.tickets.map((t) => t.id));
      const deleted = emu.account.tickets.filter((t) => t.status === "deleted").length;
      assert.equal(rows.filter((r) => r.is_deleted).length, deleted);
      assert.equal(rows.filter((r) => r.reopen_count > 0).length, emu.account.tickets.filter((t) => t.reopens > 0).length, "reopens from metric sets");
      const c = await counts(h);
      assert.equal(c.ratings, emu.account.ratings.length);
      assert.equal(c.identities, emu.account.agents.length);
      assert.ok(c.ledgerRows > 50, `${c.ledgerRows} ledger rows: solved tickets score for the matched engineers`);
      // Deleted and merged tickets earn nothing.
      const earnedDeleted = await h.query("select 1 from points_ledger l join tickets t on t.id = l.ticket_id where (t.is_deleted or t.is_merged) and l.points > 0");
      assert.equal(earnedDeleted.length, 0);
      // The emulator never saw more than half its quota in any minute.
      assert.ok(emu.peakPerWindow() <= 350, `peak ${emu.peakPerWindow()}`);

      const before = { counts: c, ledger: await ledgerSnapshot(h) };
      const again = await syncToEnd(h, id);
      assert.equal(again.status, "succeeded", again.error ?? "");
      assert.equal(again.ticketsStored, 0, "the cursor continues after the last stored page");
      assert.deepEqual({ counts: await counts(h), ledger: await ledgerSnapshot(h) }, before);

      // A changed rating: the newest wins; a ticket deleted later stops earning.
      // Edits are caught within the lookback window (72 h): the newest good rating changes.
      const rated = [...emu.account.ratings].reverse().find((r) => r.score === "good")!;
      emu.rate(rated.ticket_id, "bad");
      const solvedTicket = emu.account.tickets.find((t) => t.status === "solved" && t.assignee_id !== null && t.id !== rated.ticket_id)!;
      emu.touchTicket(solvedTicket.id, { status: "deleted" });
      const third = await syncToEnd(h, id);
      assert.equal(third.status, "succeeded", third.error ?? "");
      const [r] = await h.query<{ raw_value: string; n: number }>(`select raw_value, (select count(*)::int from ratings) as n from ratings where external_id = '${rated.id}'`);
      assert.equal(r!.raw_value, "bad");
      assert.equal(r!.n, emu.account.ratings.length);
      const pts = await h.query<{ points: number }>(`select coalesce(sum(l.points),0)::float8 as points from points_ledger l join tickets t on t.id = l.ticket_id where t.external_id = '${solvedTicket.id}'`);
      assert.equal(pts[0]!.points, 0);
    } finally {
      await h.close();
      await emu.close();
    }
  });

  test(`${kind}: Zendesk faults — 429 bursts, 500s, a hung call, a malformed record, a page served twice, a ticket deleted between pages`, async () => {
    const emu = await startZendeskEmulator({ tickets: 200, seed: 3 });
    const h = await openTestDb(kind);
    try {
      const id = await addConnection(h, "zendesk", zendeskSettings(emu), { email: emu.account.email, apiToken: emu.account.apiToken });
      Object.assign(emu.faults, { burst429: 2, retryAfterSeconds: 1, fail500: 2, hang: 1, malformedTicketIds: ["17"], pageTwice: 1, deleteAfterPage: "150" });
      const run = await syncToEnd(h, id);
      assert.equal(run.status, "partial", run.error ?? "");
      assert.equal(run.rejected, 1);
      assert.match(run.rejects[0]!.reason, /Ticket 17 is malformed/);
      assert.ok(emu.calls.some((c) => c.status === 429) && emu.calls.some((c) => c.status === 500) && emu.calls.some((c) => c.status === 0));
      const rows = await ticketRows(h);
      assert.equal(rows.length, 199, "all but the malformed one, none twice");
      assert.equal(new Set(rows.map((r) => r.external_id)).size, rows.length);
      assert.equal(rows.find((r) => r.external_id === "150")!.is_deleted, true, "the deletion between pages arrives later in the stream");

      // Fixed at the source: the malformed ticket arrives on a later run.
      emu.faults.malformedTicketIds = [];
      emu.touchTicket(17, {});
      const next = await syncToEnd(h, id);
      assert.equal(next.status, "succeeded", next.error ?? "");
      assert.equal((await ticketRows(h)).length, 200);
    } finally {
      await h.close();
      await emu.close();
    }
  });

  test(`${kind}: Zendesk reopens and solvers from ticket audits; a later reopen arrives like a clean run; a 403 on audits falls back to metric sets`, async () => {
    const emu = await startZendeskEmulator({ tickets: 150, seed: 11 });
    const h = await openTestDb(kind);
    try {
      const creds = { email: emu.account.email, apiToken: emu.account.apiToken };
      const id = await addConnection(h, "zendesk", zendeskSettings(emu), creds);
      const run = await syncToEnd(h, id);
      assert.equal(run.status, "succeeded", run.error ?? "");
      const reopened = emu.account.tickets.filter((t) => t.reopens > 0 && t.status !== "deleted");
      assert.ok(reopened.length >= 5, `${reopened.length} reopened tickets in the account`);
      const auditCalls = emu.calls.filter((c) => /\/audits\.json/.test(c.path));
      assert.equal(auditCalls.length, reopened.length, "one audits call per reopened ticket, none for the others");
      for (const t of reopened) {
        const [row] = await h.query<{ solver: string; reopen_count: number }>(
          `select i.external_id as solver, t.reopen_count from tickets t join engineer_identities i on i.id = t.solver_identity_id where t.connection_id = ${id} and t.external_id = '${t.id}'`,
        );
        assert.equal(row?.solver, String(t.solver_id), `ticket ${t.id}: the agent who solved it, not the assignee ${t.assignee_id}`);
        assert.equal(row?.reopen_count, t.reopens);
        const reopenAt = await h.query<{ at: Date }>(
          `select e.at from ticket_status_events e join tickets t on t.id = e.ticket_id where t.connection_id = ${id} and t.external_id = '${t.id}' and e.from_status = 'solved' and e.to_status = 'open'`,
        );
        const firstSolve = Date.parse(t.created_at) + t.first_resolution_minutes! * 60_000;
        assert.deepEqual(reopenAt.map((r) => new Date(r.at).getTime()), [Math.floor((firstSolve + 30 * 60_000) / 1000) * 1000], `ticket ${t.id}: the reopen at its audit's time`);
      }

      // The requester reopens a solved ticket that was never reopened: the incremental run stores
      // the same history a clean run of another connection stores.
      const t = emu.account.tickets.find((x) => x.status === "solved" && x.reopens === 0)!;
      emu.touchTicket(t.id, { status: "open", reopens: 1 }, 1);
      const next = await syncToEnd(h, id);
      assert.equal(next.status, "succeeded", next.error ?? "");
      const clean = await addConnection(h, "zendesk", zendeskSettings(emu), creds);
      assert.equal((await syncToEnd(h, clean)).status, "succeeded");
      const history = (c: number) =>
        h.query(
          `select t.external_id, e.seq, e.at, e.from_status, e.to_status, i.external_id as actor from ticket_status_events e join tickets t on t.id = e.ticket_id left join engineer_identities i on i.id = e.actor_identity_id where t.connection_id = ${c} order by t.external_id::int, e.seq`,
        );
      const mine = await history(id);
      assert.deepEqual(mine, await history(clean));
      const touched = mine.filter((e) => (e as { external_id: string }).external_id === String(t.id)).map((e) => (e as { to_status: string }).to_status);
      assert.deepEqual(touched.slice(-2), ["solved", "open"], "the reopen is stored");
      const [row] = await h.query<{ reopen_count: number; solver: number | null }>(`select reopen_count, solver_identity_id as solver from tickets where connection_id = ${id} and external_id = '${t.id}'`);
      assert.deepEqual(row, { reopen_count: 1, solver: null });

      // A plan or role without audits: the run succeeds on metric sets (counts, assignee solves).
      emu.faults.auditsStatus = 403;
      const fallback = await addConnection(h, "zendesk", zendeskSettings(emu), creds);
      const before = emu.calls.length;
      const fb = await syncToEnd(h, fallback);
      assert.equal(fb.status, "succeeded", fb.error ?? "");
      assert.equal(emu.calls.slice(before).filter((c) => c.status === 403).length, 1, "asked once, then metric sets for the run");
      const counted = await h.query<{ n: number }>(`select count(*)::int as n from tickets where connection_id = ${fallback} and reopen_count > 0`);
      assert.equal(counted[0]!.n, reopened.length + 1);
      const r0 = reopened[0]!;
      const [fbRow] = await h.query<{ solver: string }>(
        `select i.external_id as solver from tickets t join engineer_identities i on i.id = t.solver_identity_id where t.connection_id = ${fallback} and t.external_id = '${r0.id}'`,
      );
      assert.equal(fbRow?.solver, String(r0.assignee_id));
    } finally {
      await h.close();
      await emu.close();
    }
  });

  test(`${kind}: Zendesk new CSAT — survey responses instead of satisfaction ratings, good/neutral/bad on three levels, a second run changes nothing`, async () => {
    const emu = await startZendeskEmulator({ tickets: 120, seed: 21 });
    const h = await openTestDb(kind);
    try {
      await addEngineers(h, emu.account.agents.map((a) => a.email));
      const id = await addConnection(h, "zendesk", zendeskSettings(emu, { csatSource: "survey_responses" }), { email: emu.account.email, apiToken: emu.account.apiToken });
      const run = await syncToEnd(h, id);
      assert.equal(run.status, "succeeded", run.error ?? "");
      assert.ok(!emu.calls.some((c) => c.path.startsWith("/api/v2/satisfaction_ratings")), "one source, never both");
      const rows = await h.query<{ external_id: string; raw_value: string; score: number; linked: boolean }>(
        "select external_id, raw_value, score::float8 as score, ticket_id is not null as linked from ratings order by external_id",
      );
      assert.equal(rows.length, emu.account.ratings.length);
      const expected = emu.account.ratings.map((r) => (r.id % 7 === 0 ? 3 : r.score === "good" ? 5 : 1)).sort();
      assert.deepEqual(rows.map((r) => r.score).sort(), expected);
      assert.ok(expected.includes(3), "some neutral answers in the account");
      assert.ok(rows.every((r) => r.linked && r.external_id.startsWith("survey:")));
      const before = { counts: await counts(h), ledger: await ledgerSnapshot(h) };
      const again = await syncToEnd(h, id);
      assert.equal(again.status, "succeeded", again.error ?? "");
      assert.deepEqual({ counts: await counts(h), ledger: await ledgerSnapshot(h) }, before);
    } finally {
      await h.close();
      await emu.close();
    }
  });

  test(`${kind}: 401 and 403 stop the run with a clear message; a failed page leaves the data as it was`, async () => {
    const emu = await startZendeskEmulator({ tickets: 120, seed: 5 });
    const h = await openTestDb(kind);
    try {
      const bad = await addConnection(h, "zendesk", zendeskSettings(emu), { email: emu.account.email, apiToken: "wrong" });
      const refused = await syncToEnd(h, bad);
      assert.equal(refused.status, "failed");
      assert.match(refused.error ?? "", /Zendesk refused the credentials \(HTTP 401\).*check the email and API token/);
      const calls401 = emu.calls.filter((c) => c.status === 401).length;
      assert.equal(calls401, 1, "no retries on 401");

      const good = await addConnection(h, "zendesk", zendeskSettings(emu), { email: emu.account.email, apiToken: emu.account.apiToken });
      const first = await runSync(h, good, { trigger: "backfill", maxPages: 1 });
      assert.equal(first.status, "succeeded", first.error ?? "");
      const snapshot = { counts: await counts(h), cursors: await h.query("select stream, cursor from sync_cursors order by stream") };
      emu.faults.authStatus = 403;
      const denied = await syncToEnd(h, good);
      assert.equal(denied.status, "failed");
      assert.match(denied.error ?? "", /Zendesk denied access \(HTTP 403\).*agent or admin role/);
      assert.deepEqual({ counts: await counts(h), cursors: await h.query("select stream, cursor from sync_cursors order by stream") }, snapshot);

      // 500s until retries run out: the run fails, nothing of that page is stored, the cursor stays.
      emu.faults.authStatus = null;
      emu.faults.fail500 = 100;
      const broken = await syncToEnd(h, good);
      assert.equal(broken.status, "failed");
      assert.match(broken.error ?? "", /HTTP 500.*gave up after 5 tries/);
      assert.deepEqual({ counts: await counts(h), cursors: await h.query("select stream, cursor from sync_cursors order by stream") }, snapshot);
      emu.faults.fail500 = 0;
      const healed = await syncToEnd(h, good);
      assert.equal(healed.status, "succeeded", healed.error ?? "");
      assert.equal((await ticketRows(h)).length, 120);
    } finally {
      await h.close();
      await emu.close();
    }
  });

  test(`${kind}: Freshdesk reopens and solvers from the ticket activities export; the key never goes to the file link; a 403 falls back to stats`, async () => {
    const emu = await startFreshdeskEmulator({ tickets: 200, seed: 13 });
    const h = await openTestDb(kind);
    try {
      const settings = { domain: "acme.freshdesk.com", apiBaseUrl: emu.url, backfillStart: "2000-01-01", pageSize: 50, ...fastRetries };
      const creds = { apiKey: emu.account.apiKey };
      const id = await addConnection(h, "freshdesk", settings, creds);
      const run = await syncToEnd(h, id);
      assert.equal(run.status, "succeeded", run.error ?? "");
      const today = new Date().toISOString().slice(0, 10);
      const reopened = emu.account.tickets.filter((t) => t.reopened_at);
      // A day's file exists once the day is over: a history reaching into today stays on stats.
      const exact = reopened.filter((t) => t.updated_at.slice(0, 10) < today);
      assert.ok(exact.length >= 5, `${exact.length} reopened tickets with every day's file`);
      assert.ok(emu.fileCalls.length > 0 && emu.fileCalls.every((c) => c.status === 200), "the signed file link never got the API key");
      const files = emu.fileCalls.length;
      const days = new Set(exact.flatMap((t) => [t.created_at.slice(0, 10), t.updated_at.slice(0, 10)]));
      assert.ok(files >= 1 && files <= days.size + 1, `${files} day files for ${days.size} days: each day read once`);
      const one = async (conn: number, ext: number) =>
        (
          await h.query<{ solver: string; solved_at: Date; reopen_count: number }>(
            `select i.external_id as solver, t.solved_at, t.reopen_count from tickets t left join engineer_identities i on i.id = t.solver_identity_id where t.connection_id = ${conn} and t.external_id = '${ext}'`,
          )
        )[0]!;
      for (const t of exact) {
        const row = await one(id, t.id);
        assert.equal(row.solver, String(t.solver_id), `ticket ${t.id}: the agent who resolved it, not the responder ${t.responder_id}`);
        assert.equal(new Date(row.solved_at).toISOString(), new Date(Date.parse(t.created_at) + 5 * 60_000).toISOString(), "the first resolve, from the activities");
        assert.equal(row.reopen_count, 1);
      }
      for (const t of reopened.filter((x) => !exact.includes(x))) assert.equal((await one(id, t.id)).solver, String(t.responder_id));

      // Not on this plan: the export answers 403 once, the run succeeds on stats.
      emu.faults.activitiesStatus = 403;
      const fallback = await addConnection(h, "freshdesk", settings, creds);
      const before = emu.calls.length;
      const fb = await syncToEnd(h, fallback);
      assert.equal(fb.status, "succeeded", fb.error ?? "");
      assert.equal(emu.calls.slice(before).filter((c) => c.path.startsWith("/api/v2/export/")).length, 1, "asked once, then stats for the run");
      const t0 = exact[0]!;
      const row = await one(fallback, t0.id);
      assert.equal(row.solver, String(t0.responder_id));
      assert.equal(row.reopen_count, 1);
    } finally {
      await h.close();
      await emu.close();
    }
  });

  test(`${kind}: Freshdesk — a reopen today waits for tomorrow's activities file, then its history equals a clean run's`, async () => {
    const emu = await startFreshdeskEmulator({ tickets: 150, seed: 17 });
    const h = await openTestDb(kind);
    try {
      const settings = { domain: "acme.freshdesk.com", apiBaseUrl: emu.url, backfillStart: "2000-01-01", pageSize: 50, ...fastRetries };
      const creds = { apiKey: emu.account.apiKey };
      const id = await addConnection(h, "freshdesk", settings, creds);
      assert.equal((await syncToEnd(h, id)).status, "succeeded");
      const today = new Date().toISOString().slice(0, 10);
      // Within activityDaysMax (14) of today, so its whole history fits the files read.
      const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
      const t = emu.account.tickets.find((x) => x.status === 4 && !x.reopened_at && x.created_at.slice(0, 10) < today && x.created_at.slice(0, 10) > tenDaysAgo)!;
      emu.touchTicket(t.id, { status: 2, reopened_at: new Date(Date.now() - 2000).toISOString().replace(/\.\d{3}Z$/, "Z") });
      assert.equal((await syncToEnd(h, id)).status, "succeeded");
      const history = (c: number) =>
        h.query(
          `select t.external_id, e.seq, e.at, e.from_status, e.to_status, i.external_id as actor from ticket_status_events e join tickets t on t.id = e.ticket_id left join engineer_identities i on i.id = e.actor_identity_id where t.connection_id = ${c} order by t.external_id::int, e.seq`,
        );
      const of = (rows: unknown[], ext: number) => rows.filter((r) => (r as { external_id: string }).external_id === String(ext)).map((r) => (r as { to_status: string }).to_status);
      assert.deepEqual(of(await history(id), t.id), ["new", "solved", "open"], "today: stats (today's file is not there yet)");

      // Tomorrow: the waiting ticket is read again with its activities; a clean run agrees.
      emu.setDaysAhead(1);
      const tomorrow = new Date(Date.now() + 86_400_000);
      const before = emu.calls.length;
      const next = await runSync(h, id, { trigger: "backfill", maxPages: 1000, now: tomorrow });
      assert.equal(next.status, "succeeded", next.error ?? "");
      assert.ok(emu.calls.slice(before).some((c) => c.path.startsWith(`/api/v2/tickets/${t.id}?`)), "the waiting ticket was read again");
      const clean = await addConnection(h, "freshdesk", settings, creds);
      assert.equal((await runSync(h, clean, { trigger: "backfill", maxPages: 1000, now: tomorrow })).status, "succeeded");
      const mine = await history(id);
      assert.deepEqual(of(mine, t.id), ["new", "open", "solved", "open"], "from the activities: created open, resolved, reopened");
      assert.deepEqual(mine, await history(clean));
    } finally {
      await h.close();
      await emu.close();
    }
  });

  test(`${kind}: Freshdesk backfill moves the window at the page cap, stores everything once, ratings on the −103…103 scale`, async () => {
    // A 5-page cap with 10 per page: 230 tickets need the window moved several times.
    const emu = await startFreshdeskEmulator({ tickets: 230, maxPage: 5 });
    const h = await openTestDb(kind);
    try {
      await addEngineers(h, emu.account.agents.map((a) => a.email));
      const id = await addConnection(
        h,
        "freshdesk",
        { domain: "acme.freshdesk.com", apiBaseUrl: emu.url, backfillStart: "2000-01-01", pageSize: 10, maxPage: 5, ...fastRetries },
        { apiKey: emu.account.apiKey },
      );
      Object.assign(emu.faults, { burst429: 1, retryAfterSeconds: 1, fail500: 1 });
      const run = await syncToEnd(h, id);
      assert.equal(run.status, "succeeded", run.error ?? "");
      assert.ok(!emu.calls.some((c) => c.status === 400), "never asked for a page beyond the cap");
      const rows = await ticketRows(h);
      assert.deepEqual(rows.map((r) => Number(r.external_id)), emu.account.tickets.map((t) => t.id));
      assert.equal(rows.filter((r) => r.reopen_count > 0).length, emu.account.tickets.filter((t) => t.reopened_at).length);
      const c = await counts(h);
      assert.equal(c.ratings, emu.account.ratings.length);
      const scores = await h.query<{ score: number }>("select distinct score::float8 as score from ratings order by 1");
      assert.ok(scores.every((s) => s.score >= 1 && s.score <= 5));
      assert.ok(c.ledgerRows > 50);
      const before = { counts: c, ledger: await ledgerSnapshot(h) };
      emu.touchTicket(3, { status: 2, reopened_at: new Date(Date.now() - 2000).toISOString() });
      const again = await syncToEnd(h, id);
      assert.equal(again.status, "succeeded", again.error ?? "");
      assert.equal((await ticketRows(h)).length, 230);
      assert.equal((await ticketRows(h)).find((r) => r.external_id === "3")!.status, "open");
      assert.equal((await counts(h)).ratings, before.counts.ratings);

      const bad = await addConnection(h, "freshdesk", { domain: "acme", apiBaseUrl: emu.url, backfillStart: "2000-01-01" }, { apiKey: "nope" });
      const refused = await syncToEnd(h, bad);
      assert.match(refused.error ?? "", /Freshdesk refused the credentials \(HTTP 401\).*check the API key/);
    } finally {
      await h.close();
      await emu.close();
    }
  });
}
