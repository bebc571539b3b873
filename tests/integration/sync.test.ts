import { test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { connections, engineerIdentities, engineers, syncCursors, syncRuns } from "@/db/schema";
import { createDemoConnector } from "@/lib/connectors/demo/connector";
import type { Connector, ConnectorConfig } from "@/lib/connectors/types";
import { DAY, generateTicket, ratingExternalId } from "@/lib/connectors/demo/generator";
import { ratingAt, ticketAt } from "@/lib/connectors/demo/visible";
import { applyGroupMapping, applyIdentityLinks } from "@/lib/sync/remap";
import { confirmDuePoints, rescoreAll } from "@/lib/sync/rescore";
import { runSync } from "@/lib/sync/run-sync";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";
import { counts, ledgerSnapshot } from "../helpers/sync-snapshot";

/** What the demo helpdesk holds at `now` for a history that started `days` earlier (seed 42). */
function expectedSource(days: number, now = TEST_NOW) {
  const origin = Date.parse(new Date(now.getTime() - days * DAY).toISOString().slice(0, 10));
  let tickets = 0;
  let ratings = 0;
  for (let k = 0; ; k++) {
    const t = generateTicket(42, origin, k);
    if (t.createdAt > now.getTime()) break;
    if (ticketAt(t, now.getTime())) tickets++;
    if (ratingAt(t, now.getTime())) ratings++;
  }
  return { tickets, ratings };
}

type Outcome = { counts: Awaited<ReturnType<typeof counts>>; ledger: string[] };

/** What one clean 20-day sync at TEST_NOW leaves, per database kind: kept by the first test, else made here. */
const oneShot = new Map<string, Outcome>();
async function oneShotSync(kind: (typeof TEST_DB_KINDS)[number]): Promise<Outcome> {
  const known = oneShot.get(kind);
  if (known) return known;
  const h = await openTestDb(kind);
  try {
    const org = await createDemoOrg(h.db, { historyDays: 20 });
    const run = await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
    assert.equal(run.status, "succeeded", run.error ?? "");
    return { counts: await counts(h), ledger: await ledgerSnapshot(h) };
  } finally {
    await h.close();
  }
}

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: a full sync stores the demo history and scores it; syncing it again changes nothing`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 20 });
      // Installing the demo organisation again (as a restart would) changes nothing.
      const tables = ["lines", "skill_groups", "teams", "engineers", "engineer_skill_groups", "connections", "helpdesk_groups"];
      const rowsOf = async () => Promise.all(tables.map(async (t) => (await h.query(`select * from ${t} order by 1, 2`)).map((r) => JSON.stringify(r))));
      const installed = await rowsOf();
      assert.deepEqual(await createDemoOrg(h.db, { historyDays: 5, now: new Date(TEST_NOW.getTime() + 9 * DAY) }), org);
      assert.deepEqual(await rowsOf(), installed);
      assert.equal(org.skillGroupIds.length, 5);
      assert.equal(Object.keys(org.engineerIds).length, 60);
      const [conn] = await h.db.select().from(connections).where(eq(connections.id, org.connectionId));
      assert.deepEqual(conn!.settings, { seed: 42, historyStart: "2025-02-09" });

      const run = await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
      assert.equal(run.status, "succeeded", run.error ?? "");
      const want = expectedSource(20);
      const first = await counts(h);
      assert.equal(first.tickets, want.tickets);
      assert.equal(first.ratings, want.ratings);
      assert.equal(run.ticketsStored, want.tickets);
      assert.equal(run.ratingsStored, want.ratings);
      assert.equal(first.unlinkedRatings, 0);
      assert.ok(first.ledgerRows > want.tickets * 0.8, `${first.ledgerRows} ledger rows`);
      assert.ok(first.revoked > 0 && first.pending > 0 && first.confirmed > 0);
      // The 60 roster agents were linked by email; the contractor is stored but is nobody's.
      const identities = await h.db.select().from(engineerIdentities).where(eq(engineerIdentities.connectionId, org.connectionId));
      assert.equal(identities.length, 61);
      assert.equal(identities.filter((i) => i.engineerId !== null).length, 60);
      const [contractor] = await h.query<{ tickets: number; credited: number }>(
        `select count(*)::int as tickets, count(l.id)::int as credited from tickets t
           join engineer_identities i on i.id = t.assignee_identity_id and i.external_id = 'agent-990'
           left join points_ledger l on l.ticket_id = t.id`,
      );
      assert.ok(contractor!.tickets > 0);
      assert.equal(contractor!.credited, 0);
      const before = await ledgerSnapshot(h);

      // From the start again: the same rows, nothing doubled, nothing rewritten.
      await h.db.delete(syncCursors).where(eq(syncCursors.connectionId, org.connectionId));
      const again = await runSync(h, org.connectionId, { trigger: "manual", now: TEST_NOW, maxPages: 1000 });
      assert.equal(again.status, "succeeded", again.error ?? "");
      assert.deepEqual(await counts(h), first);
      assert.deepEqual(await ledgerSnapshot(h), before);
      // And a run with nothing new stores nothing.
      const idle = await runSync(h, org.connectionId, { trigger: "schedule", now: TEST_NOW });
      assert.equal(idle.ticketsStored + idle.ratingsStored, 0);
      assert.deepEqual(await counts(h), first);
      oneShot.set(kind, { counts: first, ledger: before });
    } finally {
      await h.close();
    }
  });

  test(`${kind}: malformed records are rejected with their reasons, the rest of their pages is stored`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 6 });
      const [conn] = await h.db.select().from(connections).where(eq(connections.id, org.connectionId));
      await h.db
        .update(connections)
        .set({ settings: { ...conn!.settings, faults: { malformedEvery: 7 } } })
        .where(eq(connections.id, org.connectionId));
      const run = await runSync(h, org.connectionId, { trigger: "manual", now: TEST_NOW });
      assert.equal(run.status, "partial");
      const want = expectedSource(6);
      const expectedRejects = Math.floor(want.tickets / 7);
      assert.ok(Math.abs(run.rejected - expectedRejects) <= 1, `${run.rejected} rejected, about ${expectedRejects} expected`);
      // More rejects than the run keeps: the first 100 with their reasons, and the full count.
      assert.ok(run.rejected > 100);
      assert.equal(run.rejects.length, 100);
      for (const r of run.rejects) {
        assert.equal(r.stream, "tickets");
        assert.match(r.externalId ?? "", /^\d+$/);
        assert.equal((Number(r.externalId) - 100_000 + 1) % 7, 0);
        assert.match(r.reason, new RegExp(`^Ticket ${r.externalId} is malformed: (created_at|status)`));
      }
      const c = await counts(h);
      assert.equal(c.tickets, want.tickets - run.rejected);
      assert.equal(run.ticketsStored, c.tickets);
      // Ratings of rejected tickets are kept, waiting for their ticket.
      const waiting = await h.query<{ external_id: string; ticket_external_id: string }>(
        "select external_id, ticket_external_id from ratings where ticket_id is null",
      );
      for (const w of waiting) assert.equal((Number(w.ticket_external_id) - 100_000 + 1) % 7, 0);
      assert.equal(c.unlinkedRatings, waiting.length);
      assert.ok(waiting.length > 0);
      for (const w of waiting) assert.equal(w.external_id, ratingExternalId(Number(w.ticket_external_id) - 100_000));
    } finally {
      await h.close();
    }
  });

  test(`${kind}: syncs in steps of a moving now equal one sync, and rescoring everything from scratch equals both`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 20 });
      for (const daysBack of [15, 11, 7, 4, 2, 0]) {
        const now = new Date(TEST_NOW.getTime() - daysBack * DAY + 3_600_000 * (daysBack % 5));
        const run = await runSync(h, org.connectionId, { trigger: "schedule", now, maxPages: 1000 });
        assert.equal(run.status, "succeeded", run.error ?? "");
      }
      // Rows scored pending at an earlier step are confirmed by the hourly job.
      await confirmDuePoints(h.db, TEST_NOW);
      const incremental = await ledgerSnapshot(h);
      const once = await oneShotSync(kind);
      assert.deepEqual(await counts(h), once.counts);
      assert.deepEqual(incremental, once.ledger);

      await h.query("delete from points_ledger");
      const redo = await rescoreAll(h.db, TEST_NOW, 700);
      assert.equal(redo.tickets, once.counts.tickets);
      assert.deepEqual(await ledgerSnapshot(h), incremental);
      // A second rescore finds nothing to write.
      assert.equal((await rescoreAll(h.db, TEST_NOW)).written, 0);
    } finally {
      await h.close();
    }
  });
  test(`${kind}: a failing run keeps the pages before the failure, with their cursor, and nothing of the failed page`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 5 });
      const [conn] = await h.db.select().from(connections).where(eq(connections.id, org.connectionId));
      await h.db.update(connections).set({ settings: { ...conn!.settings, pageSize: 100 } }).where(eq(connections.id, org.connectionId));
      const cursorNow = async () =>
        (await h.db.select().from(syncCursors).where(eq(syncCursors.connectionId, org.connectionId))).find((c) => c.stream === "tickets")?.cursor;

      // 1. The helpdesk stops answering on the third page.
      const handedOut: string[] = [];
      const flaky = (config: ConnectorConfig): Connector => {
        const c = createDemoConnector(config);
        return {
          ...c,
          fetchTickets: async (cursor, ctx) => {
            if (handedOut.length === 2) throw new Error("The helpdesk did not answer within 30 s.");
            const page = await c.fetchTickets(cursor, ctx);
            handedOut.push(page.nextCursor);
            return page;
          },
        };
      };
      // Ticket pages committed by each run (the ratings stream runs first, and commits its own).
      const ticketPages = () => {
        const seen: number[] = [];
        return { seen, onPage: (p: { stream: string; page: number }) => void (p.stream === "tickets" && seen.push(p.page)) };
      };
      const firstPages = ticketPages();
      const failed = await runSync(h, org.connectionId, { trigger: "manual", now: TEST_NOW, createConnector: flaky, onPage: firstPages.onPage });
      assert.equal(failed.status, "failed");
      assert.equal(failed.error, "The helpdesk did not answer within 30 s.");
      assert.deepEqual(firstPages.seen, [1, 2]);
      assert.equal(failed.ratingsStored, expectedSource(5).ratings, "the ratings stream ran whole before the tickets");
      assert.equal(failed.pages, 2 + Math.ceil(failed.ratingsStored / 100));
      assert.equal(failed.ticketsStored, 200);
      assert.equal((await counts(h)).tickets, 200);
      assert.equal(await cursorNow(), handedOut[1]);
      const afterTwoPages = { counts: await counts(h), ledger: await ledgerSnapshot(h) };
      assert.ok(afterTwoPages.counts.ledgerRows > 0);

      // 2. The next page fails while being stored (a value the database refuses): all of it rolls back.
      let spoiled = false;
      const poisoned = (config: ConnectorConfig): Connector => {
        const c = createDemoConnector(config);
        return {
          ...c,
          normalizeTicket: (raw) => {
            const t = c.normalizeTicket(raw);
            if (spoiled) return t;
            spoiled = true;
            return { ...t, assigneeExternalId: "agent-ghost", subject: null as unknown as string };
          },
        };
      };
      const brokenPages = ticketPages();
      const broken = await runSync(h, org.connectionId, { trigger: "manual", now: TEST_NOW, createConnector: poisoned, onPage: brokenPages.onPage });
      assert.equal(broken.status, "failed");
      assert.match(broken.error ?? "", /^Database error: null value in column "subject"/);
      assert.deepEqual(brokenPages.seen, [], "no ticket page committed");
      assert.equal(await cursorNow(), handedOut[1]);
      assert.deepEqual(await counts(h), afterTwoPages.counts);
      assert.deepEqual(await ledgerSnapshot(h), afterTwoPages.ledger);
      const ghosts = await h.db.select().from(engineerIdentities).where(eq(engineerIdentities.externalId, "agent-ghost"));
      assert.deepEqual(ghosts, [], "the placeholder identity of the failed page was rolled back too");

      // 3. A healthy run continues from page 3 and completes.
      const ok = await runSync(h, org.connectionId, { trigger: "manual", now: TEST_NOW });
      assert.equal(ok.status, "succeeded", ok.error ?? "");
      const want = expectedSource(5);
      assert.equal(ok.ticketsStored, want.tickets - 200);
      assert.equal((await counts(h)).tickets, want.tickets);
      const runs = await h.db.select().from(syncRuns).where(eq(syncRuns.connectionId, org.connectionId)).orderBy(syncRuns.id);
      assert.deepEqual(runs.map((r) => r.status), ["failed", "failed", "succeeded"]);
    } finally {
      await h.close();
    }
  });
  test(`${kind}: mapping edits in Podium (a late engineer, a remapped group, a hand link) rescore stored tickets`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 4 });
      // agent-101 has no engineer yet: their tickets are stored, and earn nothing.
      const [agent] = await h.db.select().from(engineers).where(eq(engineers.id, org.engineerIds["agent-101"]!));
      await h.db.delete(engineers).where(eq(engineers.id, agent!.id));
      const first = await runSync(h, org.connectionId, { trigger: "manual", now: TEST_NOW });
      assert.equal(first.status, "succeeded", first.error ?? "");
      const ledgerOf = async (email: string) =>
        h.query<{ n: number; total: number }>(
          "select count(*)::int as n, coalesce(sum(l.points), 0)::float8 as total from points_ledger l join engineers e on e.id = l.engineer_id where lower(e.email) = lower($1)",
          [email],
        );
      const [{ n: before }] = (await h.query<{ n: number }>(
        "select count(*)::int as n from tickets t join engineer_identities i on i.id = t.assignee_identity_id where i.external_id = 'agent-101'",
      )) as [{ n: number }];
      assert.ok(before > 0);

      // The admin adds the engineer (email in other case): the next run links and scores them.
      await h.db.insert(engineers).values({ displayName: agent!.displayName, email: agent!.email!.toUpperCase(), teamId: agent!.teamId, lineId: agent!.lineId });
      const second = await runSync(h, org.connectionId, { trigger: "manual", now: TEST_NOW });
      assert.equal(second.ticketsStored, 0);
      assert.ok(second.ticketsRescored >= before);
      const [late] = await ledgerOf(agent!.email!);
      assert.ok(late!.n > 0 && late!.total > 0, "the late engineer earns their tickets' points");

      // A lead moves group "L2 · Billing" to the L3 line: its tickets now earn L3 base points.
      const before2 = await h.query<{ base: number }>(
        "select distinct (coalesce(l.breakdown->>'b', l.breakdown->>'base'))::float8 as base from points_ledger l join tickets t on t.id = l.ticket_id where t.group_external_id = 'grp-L2-1' and l.state <> 'revoked'",
      );
      assert.deepEqual(before2.map((r) => r.base), [1]);
      await h.query("update helpdesk_groups set line_id = $1 where external_id = 'grp-L2-1'", [org.lineIds.L3]);
      const remapped = await applyGroupMapping(h.db, org.connectionId, "grp-L2-1", TEST_NOW);
      assert.ok(remapped.tickets > 0 && remapped.written > 0);
      const after2 = await h.query<{ base: number }>(
        "select distinct (coalesce(l.breakdown->>'b', l.breakdown->>'base'))::float8 as base from points_ledger l join tickets t on t.id = l.ticket_id where t.group_external_id = 'grp-L2-1' and l.state <> 'revoked'",
      );
      assert.deepEqual(after2.map((r) => r.base), [2]);

      // An admin links the contractor's identity to an engineer by hand.
      const [contractor] = await h.db.select().from(engineerIdentities).where(eq(engineerIdentities.externalId, "agent-990"));
      await h.db.update(engineerIdentities).set({ engineerId: org.engineerIds["agent-100"]! }).where(eq(engineerIdentities.id, contractor!.id));
      const linked = await applyIdentityLinks(h.db, [contractor!.id], TEST_NOW);
      assert.ok(linked.tickets > 0 && linked.written > 0);
    } finally {
      await h.close();
    }
  });
}
