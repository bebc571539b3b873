import { test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { connections, engineerIdentities, helpdeskGroups, syncCursors, tickets } from "@/db/schema";
import type { DbHandle } from "@/db/client";
import { encryptJson, getEncryptionKey } from "@/lib/crypto/secrets";
import type { Clock } from "@/lib/connectors/http";
import type { Connector, ConnectorConfig } from "@/lib/connectors/types";
import type { ConnectorOptions } from "@/lib/connectors/shared/client";
import { createZammadConnector } from "@/lib/connectors/zammad/connector";
import { createGlpiConnector } from "@/lib/connectors/glpi/connector";
import { createOtrsConnector } from "@/lib/connectors/otrs/connector";
import { createJiraConnector } from "@/lib/connectors/jira/connector";
import { runSync } from "@/lib/sync/run-sync";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";
import { startServer } from "../helpers/http-server";
import { serve, withFaults, type Handler } from "../emulators/serve";
import { ZAMMAD_TOKEN, zammadHandler } from "../emulators/zammad";
import { GLPI_APP_TOKEN, GLPI_USER_TOKEN, glpiEmulator } from "../emulators/glpi";
import { OTRS_BASE, OTRS_LOGIN, otrsEmulator } from "../emulators/otrs";
import { JIRA_CREDS, jiraHandler } from "../emulators/jira";
import { BACKFILL_FROM } from "../fixtures/scenario";
import { TZ as OTRS_TZ } from "../fixtures/otrs/bodies";

/**
 * Each helpdesk connector against a local emulator that serves the documented bodies of the
 * fixture story (tests/fixtures/): two-record pages, a 429 with Retry-After and a 500 on the
 * ticket search, then a full sync into Podium on both database kinds — tickets, the reopen,
 * ratings and points — a second sync that changes nothing, and bad credentials that fail clearly.
 */

process.env.PODIUM_ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString("base64");

/** A clock whose sleeps return at once but are remembered, so waits are checked, not waited. */
function fastClock() {
  let offset = 0;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      sleeps.push(ms);
      offset += ms;
    },
  };
  return { clock, sleeps };
}

type Helpdesk = {
  kind: string;
  emulator: () => { handler: Handler; check?: () => void };
  /** Requests that the faults hit: the ticket search. */
  faultOn: (url: URL) => boolean;
  base: string;
  settings: Record<string, unknown>;
  credentials: Record<string, string>;
  badCredentials: Record<string, string>;
  create: (c: ConnectorConfig, o: ConnectorOptions) => Connector;
  group: string;
  /** Agent ids the helpdesk cannot tell emails for: linked by hand before the sync. */
  linkByHand?: { anna: string; maria: string };
  ids: { t1: string; t2: string; t3: string | null };
  ratings: Record<string, number>;
};

const HELPDESKS: Helpdesk[] = [
  {
    kind: "zammad",
    emulator: () => ({ handler: zammadHandler }),
    faultOn: (u) => u.pathname === "/api/v1/tickets/search",
    base: "",
    settings: { csatAttribute: "csat" },
    credentials: { token: ZAMMAD_TOKEN },
    badCredentials: { token: "wrong" },
    create: createZammadConnector,
    group: "3",
    ids: { t1: "11", t2: "12", t3: "13" },
    ratings: { "11": 5, "12": 2 },
  },
  {
    kind: "glpi",
    emulator: () => {
      const e = glpiEmulator();
      return { handler: e.handler, check: () => assert.equal(e.sessions.killed, e.sessions.opened, "every GLPI session is killed") };
    },
    faultOn: (u) => u.pathname === "/apirest.php/search/Ticket",
    base: "",
    settings: { timeZone: "UTC", satisfactionMax: 5 },
    credentials: { appToken: GLPI_APP_TOKEN, userToken: GLPI_USER_TOKEN },
    badCredentials: { appToken: GLPI_APP_TOKEN, userToken: "wrong" },
    create: createGlpiConnector,
    group: "3",
    ids: { t1: "11", t2: "12", t3: "13" },
    ratings: { "11": 5, "12": 2.6 },
  },
  {
    kind: "otrs",
    emulator: () => otrsEmulator(),
    faultOn: (u) => u.pathname === `${OTRS_BASE}/Ticket`,
    base: OTRS_BASE,
    settings: { timeZone: OTRS_TZ, csatDynamicField: "CSAT" },
    credentials: OTRS_LOGIN,
    badCredentials: { userLogin: OTRS_LOGIN.userLogin, password: "wrong" },
    create: createOtrsConnector,
    group: "4",
    linkByHand: { anna: "2", maria: "3" },
    ids: { t1: "11", t2: "12", t3: "13" },
    ratings: { "11": 5, "12": 2 },
  },
  {
    kind: "jira",
    emulator: () => ({ handler: jiraHandler }),
    faultOn: (u) => u.pathname === "/rest/api/3/search/jql",
    base: "",
    settings: { timeZone: "UTC" },
    credentials: JIRA_CREDS,
    badCredentials: { email: JIRA_CREDS.email, apiToken: "wrong" },
    create: createJiraConnector,
    group: "SUP",
    ids: { t1: "SUP-11", t2: "SUP-12", t3: null },
    ratings: { "SUP-11": 5, "SUP-12": 2 },
  },
];

async function addConnection(h: DbHandle, hd: Helpdesk, url: string, credentials: Record<string, string>) {
  const [c] = await h.db
    .insert(connections)
    .values({
      kind: hd.kind,
      name: `${hd.kind} test`,
      settings: { baseUrl: url + hd.base, backfillFrom: BACKFILL_FROM, pageSize: 2, ...hd.settings },
      credentialsEncrypted: encryptJson(credentials, getEncryptionKey()),
    })
    .returning({ id: connections.id });
  return c!.id;
}

async function outcome(h: DbHandle, connectionId: number) {
  const rows = await h.query<{ external_id: string; status: string; events: number; reopens: number; email: string | null; points: number | null; state: string | null; rating: number | null }>(
    `select t.external_id, t.status,
            (select count(*)::int from ticket_status_events e where e.ticket_id = t.id) as events,
            (select count(*)::int from ticket_status_events e where e.ticket_id = t.id and e.from_status in ('solved','closed') and e.to_status not in ('solved','closed','deleted')) as reopens,
            lower(en.email) as email, l.points::float8 as points, l.state,
            (select r.score::float8 from ratings r where r.ticket_id = t.id) as rating
       from tickets t
       left join points_ledger l on l.ticket_id = t.id
       left join engineers en on en.id = l.engineer_id
      where t.connection_id = $1
      order by t.external_id`,
    [connectionId],
  );
  return rows;
}

for (const hd of HELPDESKS) {
  for (const kind of TEST_DB_KINDS) {
    test(`${kind}: ${hd.kind} syncs the story through paging, a 429 and a 500; reopen, ratings and points land; a second sync changes nothing`, async () => {
      const h = await openTestDb(kind);
      const emu = hd.emulator();
      const faulty = withFaults(emu.handler, hd.faultOn, 1);
      const server = await startServer(serve(faulty.handler));
      try {
        const org = await createDemoOrg(h.db);
        const connectionId = await addConnection(h, hd, server.url, hd.credentials);
        await h.db.insert(helpdeskGroups).values({ connectionId, externalId: hd.group, name: "Service Desk", skillGroupId: org.skillGroupIds[2], lineId: org.lineIds.L1 });
        if (hd.linkByHand) {
          await h.db.insert(engineerIdentities).values([
            { connectionId, externalId: hd.linkByHand.anna, name: "anna", engineerId: org.engineerIds["agent-100"] },
            { connectionId, externalId: hd.linkByHand.maria, name: "maria", engineerId: org.engineerIds["agent-102"] },
          ]);
        }
        const { clock, sleeps } = fastClock();
        const createConnector = (c: ConnectorConfig) => hd.create(c, { clock });
        const run = await runSync(h, connectionId, { trigger: "backfill", now: TEST_NOW, createConnector });
        assert.equal(run.status, "succeeded", run.error ?? JSON.stringify(run.rejects));
        assert.deepEqual(faulty.log, { throttled: 1, failed: 1 });
        // The pause is measured from the 429's arrival, so a few ms of it may have passed already.
        assert.ok(sleeps.some((ms) => ms > 900 && ms <= 1000), `Retry-After: 1 was honoured (sleeps ${sleeps.join(", ")})`);
        assert.ok(sleeps.every((ms) => Number.isFinite(ms) && ms >= 0), `backoff waits are real numbers (${sleeps.join(", ")})`);
        emu.check?.();
        const searches = server.arrivals.filter((a) => hd.faultOn(new URL(a.url, "http://x"))).length;
        assert.ok(searches >= 4, `two faulted searches and at least two pages of two tickets (${searches} searches)`);

        const rows = await outcome(h, connectionId);
        const byId = new Map(rows.map((r) => [r.external_id, r]));
        const expectedIds = [hd.ids.t1, hd.ids.t2, hd.ids.t3].filter((x): x is string => x !== null).sort();
        assert.deepEqual([...byId.keys()].sort(), expectedIds);
        // Page boundaries are re-read (idempotent), so "stored" counts some tickets twice.
        assert.ok(run.ticketsStored >= expectedIds.length);
        const t1 = byId.get(hd.ids.t1)!;
        const t2 = byId.get(hd.ids.t2)!;
        // T1: closed by Anna, points earned and kept.
        assert.equal(t1.email, "anna.smith.100@helpdesk.podium.demo");
        assert.ok(t1.points! > 0 && t1.state !== "revoked", JSON.stringify(t1));
        assert.equal(t1.reopens, 0);
        // T2: Maria's solve was reopened within the window: one reopen, points revoked.
        assert.equal(t2.email, "maria.kowalski.102@helpdesk.podium.demo");
        assert.equal(t2.reopens, 1);
        assert.equal(t2.events, 4);
        assert.equal(t2.state, "revoked", JSON.stringify(t2));
        if (hd.ids.t3) {
          const t3 = byId.get(hd.ids.t3)!;
          assert.equal(t3.points, null, "an open ticket earns nothing");
        }
        for (const [id, score] of Object.entries(hd.ratings)) assert.equal(byId.get(id)?.rating, score, `rating of ${id}`);
        assert.ok(run.ratingsStored >= Object.keys(hd.ratings).length);
        assert.equal((await h.query(`select count(*)::int as n from ratings r join tickets t on t.id = r.ticket_id where t.connection_id = $1`, [connectionId]))[0]!.n, Object.keys(hd.ratings).length);
        // The cursors rest on the newest change seen.
        const cursors = await h.db.select().from(syncCursors).where(eq(syncCursors.connectionId, connectionId));
        assert.deepEqual(cursors.map((c) => [c.stream, JSON.parse(c.cursor).rest]).sort(), [["ratings", true], ["tickets", true]]);

        // Again: the overlap re-reads the last changes; nothing changes.
        const again = await runSync(h, connectionId, { trigger: "schedule", now: TEST_NOW, createConnector });
        assert.equal(again.status, "succeeded", again.error ?? "");
        assert.deepEqual(await outcome(h, connectionId), rows);
        emu.check?.();
      } finally {
        await server.close();
        await h.close();
      }
    });
  }
}

for (const hd of HELPDESKS) {
  test(`pglite: ${hd.kind} with wrong credentials fails the run with a plain message and stores nothing`, async () => {
    const h = await openTestDb("pglite");
    const server = await startServer(serve(hd.emulator().handler));
    try {
      await createDemoOrg(h.db);
      const connectionId = await addConnection(h, hd, server.url, hd.badCredentials);
      const { clock } = fastClock();
      const run = await runSync(h, connectionId, { trigger: "manual", now: TEST_NOW, createConnector: (c) => hd.create(c, { clock }) });
      assert.equal(run.status, "failed");
      assert.match(run.error ?? "", /refused the credentials|AuthFail|session_token/i);
      assert.doesNotMatch(run.error ?? "", /wrong/, "the secret is not in the message");
      const stored = await h.db.select().from(tickets).where(and(eq(tickets.connectionId, connectionId)));
      assert.equal(stored.length, 0);
    } finally {
      await server.close();
      await h.close();
    }
  });
}

test("pglite: OTRS with UserLogin/Password on every request (no session) syncs the same tickets", async () => {
  const hd = HELPDESKS.find((x) => x.kind === "otrs")!;
  const h = await openTestDb("pglite");
  const server = await startServer(serve(otrsEmulator().handler));
  try {
    await createDemoOrg(h.db);
    const connectionId = await addConnection(h, { ...hd, settings: { ...hd.settings, authMode: "login" } }, server.url, hd.credentials);
    const run = await runSync(h, connectionId, { trigger: "manual", now: TEST_NOW, createConnector: (c) => hd.create(c, {}) });
    assert.equal(run.status, "succeeded", run.error ?? "");
    assert.deepEqual((await outcome(h, connectionId)).map((r) => r.external_id), ["11", "12", "13"]);
    assert.ok(!server.arrivals.some((a) => a.url.includes("/Session")), "no session was created");
  } finally {
    await server.close();
    await h.close();
  }
});

test("testConnection: each connector says ok with good credentials and names the credentials with bad ones", async () => {
  for (const hd of HELPDESKS) {
    const server = await startServer(serve(hd.emulator().handler));
    try {
      const config = (credentials: Record<string, string>): ConnectorConfig => ({
        id: 1,
        kind: hd.kind,
        settings: { baseUrl: server.url + hd.base, ...hd.settings },
        credentials,
      });
      const ctx = { now: TEST_NOW };
      const good = await hd.create(config(hd.credentials), {}).testConnection!(ctx);
      assert.equal(good.ok, true, `${hd.kind}: ${JSON.stringify(good)}`);
      const bad = await hd.create(config(hd.badCredentials), {}).testConnection!(ctx);
      assert.equal(bad.ok, false, hd.kind);
      assert.equal(!bad.ok && bad.problem, "credentials", `${hd.kind}: ${JSON.stringify(bad)}`);
    } finally {
      await server.close();
    }
  }
});

test("pglite: an OTRS web service without TicketHistoryGet fails with how to fix it; with historyRoute \"\" it syncs without reopens", async () => {
  const hd = HELPDESKS.find((x) => x.kind === "otrs")!;
  const h = await openTestDb("pglite");
  const server = await startServer(serve(otrsEmulator().handler));
  try {
    await createDemoOrg(h.db);
    const missing = await addConnection(h, { ...hd, settings: { ...hd.settings, historyRoute: "/NoSuchHistory/:TicketID" } }, server.url, hd.credentials);
    const failed = await runSync(h, missing, { trigger: "manual", now: TEST_NOW, createConnector: (c) => hd.create(c, {}) });
    assert.equal(failed.status, "failed");
    assert.match(failed.error ?? "", /historyRoute/);
    const without = await addConnection(h, { ...hd, settings: { ...hd.settings, historyRoute: "" } }, server.url, hd.credentials);
    const run = await runSync(h, without, { trigger: "manual", now: TEST_NOW, createConnector: (c) => hd.create(c, {}) });
    assert.equal(run.status, "succeeded", run.error ?? "");
    const rows = await outcome(h, without);
    assert.deepEqual(rows.map((r) => [r.external_id, r.reopens]), [["11", 0], ["12", 0], ["13", 0]]);
  } finally {
    await server.close();
    await h.close();
  }
});
