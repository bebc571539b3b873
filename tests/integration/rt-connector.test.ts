import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { ratings, syncCursors, tickets } from "@/db/schema";
import { encryptJson, getEncryptionKey } from "@/lib/crypto/secrets";
import { runSync } from "@/lib/sync/run-sync";
import { eq } from "drizzle-orm";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";
import { startRt, type RtServer } from "../helpers/rt-server";
import { createSmallOrg } from "../helpers/small-org";

/**
 * The Request Tracker connector against a REAL RT 5 (Debian packages, scripts/ensure-rt.sh):
 * users, queues and tickets made through RT's REST 2 API, resolved, reopened and rated in its
 * CSAT custom field, then synced into Podium on PGlite and PostgreSQL. RT starts once for the file.
 */

process.env.PODIUM_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

let rt: RtServer;
const ids: Record<string, string> = {};
const queues: Record<string, string> = {};

before(async () => {
  rt = await startRt({ csatField: "CSAT" });
  const root = rt.api;
  await root.createUser("ann", "ann@example.com", "Ann Agent", "ann-secret-1");
  await root.createUser("bob", "bob@example.com", "Bob Agent", "bob-secret-1");
  await root.createUser("cara", "cara@customer.test", "Cara Customer", "cara-secret-1", false);
  queues.billing = await root.createQueue("Billing");
  queues.network = await root.createQueue("Network");
  const ann = root.as("ann", "ann-secret-1");
  const bob = root.as("bob", "bob-secret-1");
  const customer = root.as("cara", "cara-secret-1");
  const ticket = (queue: string, subject: string, owner: string) => root.createTicket({ Queue: queue, Subject: subject, Owner: owner, Requestor: "cara@customer.test" });

  // 1: Ann replies and resolves; the survey writes 5 into CSAT.
  ids.happy = await ticket("Billing", "Invoice shows the wrong VAT", "ann");
  await ann.reply(ids.happy, "Corrected the VAT, new invoice attached.");
  await ann.update(ids.happy, { Status: "resolved" });
  await root.update(ids.happy, { CustomFields: { CSAT: "5" } });
  // 2: Bob resolves, the customer reopens, Bob answers and resolves again: a reopen inside the window.
  ids.reopened = await ticket("Network", "VPN drops every hour", "bob");
  await bob.update(ids.reopened, { Status: "resolved" });
  await customer.reply(ids.reopened, "Still dropping.").catch(() => root.reply(ids.reopened, "Still dropping (customer)."));
  await root.update(ids.reopened, { Status: "open" });
  await bob.reply(ids.reopened, "Replaced the router config.");
  await bob.update(ids.reopened, { Status: "resolved" });
  // 3: Ann resolves, rated 2 of 5: below the CSAT gate.
  ids.unhappy = await ticket("Billing", "Refund is late", "ann");
  await ann.update(ids.unhappy, { Status: "resolved" });
  await root.update(ids.unhappy, { CustomFields: { CSAT: "2" } });
  // 4: still open.
  ids.open = await ticket("Network", "New office cabling", "bob");
  await bob.reply(ids.open, "Booked a technician.");
});

after(async () => {
  await rt?.stop();
});

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: RT tickets, reopens and CSAT sync into points; a second sync changes nothing`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createSmallOrg(h.db, {
        kind: "rt",
        settings: { url: rt.url, csatField: "CSAT", csatScale: "one_to_five", pageSize: 2, backfillStart: "2020-01-01" },
        credentialsEncrypted: encryptJson({ username: "root", password: "password" }, getEncryptionKey()),
        engineers: [
          { name: "Ann", email: "ann@example.com", line: "L1" },
          { name: "Bob", email: "bob@example.com", line: "L2" },
        ],
      });
      await org.mapGroup(queues.billing!, "Billing", "Billing", "L1");
      await org.mapGroup(queues.network!, "Network", "Network", "L2");
      const now = new Date();
      const run = await runSync(h, org.connectionId, { trigger: "manual", now });
      assert.equal(run.status, "succeeded", `${run.error ?? ""} ${JSON.stringify(run.rejects)}`);
      assert.equal(run.ticketsStored, 4);
      assert.equal(run.ratingsStored, 2);
      assert.ok(run.pages >= 4, `pageSize 2 pages through: ${run.pages} pages`);

      const byExt = new Map((await h.db.select().from(tickets)).map((t) => [t.externalId, t]));
      assert.equal(byExt.get(ids.happy!)!.status, "solved");
      assert.equal(byExt.get(ids.open!)!.status, "open");
      assert.equal(byExt.get(ids.reopened!)!.reopenCount, 1);
      assert.equal(byExt.get(ids.happy!)!.reopenCount, 0);

      const ledger = await h.query<{ ext: string; email: string; points: number; state: string; solver: string | null }>(
        `select t.external_id as ext, e.email, l.points::float8 as points, l.state::text as state, si.external_id as solver
           from points_ledger l join tickets t on t.id = l.ticket_id join engineers e on e.id = l.engineer_id
           left join engineer_identities si on si.id = t.solver_identity_id order by t.external_id::int, e.email`,
      );
      const row = (ext: string) => ledger.filter((l) => l.ext === ext);
      // Ann, L1 on a Billing ticket: 0.5 base + 0.5 for the five-star rating, pending in the reopen window.
      assert.deepEqual(row(ids.happy!).map((l) => [l.email, l.points, l.state, l.solver]), [["ann@example.com", 1, "pending", "ann"]]);
      // Reopened inside the window with an agent reply: revoked.
      assert.deepEqual(row(ids.reopened!).map((l) => [l.email, l.points, l.state, l.solver]), [["bob@example.com", 0, "revoked", "bob"]]);
      // Rated 2 of 5: nothing.
      assert.deepEqual(row(ids.unhappy!).map((l) => l.points), row(ids.unhappy!).length ? [0] : []);
      assert.deepEqual(row(ids.open!), []);

      const rs = await h.db.select().from(ratings).where(eq(ratings.connectionId, org.connectionId));
      assert.deepEqual(rs.map((r) => [r.ticketExternalId, r.score]).sort(), [[ids.happy!, 5], [ids.unhappy!, 2]].sort());
      assert.ok(rs.every((r) => r.ticketId !== null));

      // Nothing changed in RT: the next run stores nothing new and the ledger is the same.
      const before = JSON.stringify(ledger);
      const again = await runSync(h, org.connectionId, { trigger: "manual", now });
      assert.equal(again.status, "succeeded", again.error ?? "");
      const ledger2 = await h.query(
        `select t.external_id as ext, e.email, l.points::float8 as points, l.state::text as state, si.external_id as solver
           from points_ledger l join tickets t on t.id = l.ticket_id join engineers e on e.id = l.engineer_id
           left join engineer_identities si on si.id = t.solver_identity_id order by t.external_id::int, e.email`,
      );
      assert.equal(JSON.stringify(ledger2), before);
      const cursors = await h.db.select().from(syncCursors).where(eq(syncCursors.connectionId, org.connectionId));
      assert.deepEqual(cursors.map((c) => c.stream).sort(), ["ratings", "tickets"]);
    } finally {
      await h.close();
    }
  });
}

test("RT refusing the credentials fails the run with a plain message", async () => {
  const h = await openTestDb("pglite");
  try {
    const org = await createSmallOrg(h.db, {
      kind: "rt",
      settings: { url: rt.url },
      credentialsEncrypted: encryptJson({ username: "root", password: "wrong" }, getEncryptionKey()),
      engineers: [],
    });
    const run = await runSync(h, org.connectionId, { trigger: "manual" });
    assert.equal(run.status, "failed");
    assert.match(run.error ?? "", /Request Tracker refused the credentials \(HTTP 401\).*check the username and password/);
  } finally {
    await h.close();
  }
});
