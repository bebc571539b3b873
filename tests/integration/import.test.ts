import { test } from "node:test";
import assert from "node:assert/strict";
import { runAction } from "@/lib/actions/define";
import { importFileDefinition } from "@/lib/actions/import-definitions";
import { importFile, fileRows } from "@/lib/import/apply";
import { createImportConnection, createPushToken, revokePushToken } from "@/lib/import/admin";
import { handlePush } from "@/lib/import/push";
import type { Viewer } from "@/lib/auth/policy";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";
import { createSmallOrg } from "../helpers/small-org";

/**
 * File import and the push API on real databases: the same file twice leaves the same data, a
 * file with one bad row writes nothing and names the row, and the push API's answers.
 */

const adminViewer: Viewer = { userId: 1, email: "admin@example.com", name: "Admin", role: "admin", engineerId: null, teamId: null, locale: "en" };
const admin = adminViewer;
const lead: Viewer = { ...adminViewer, role: "lead" };
const NOW = new Date("2025-03-10T12:00:00Z");

const TICKETS_CSV = [
  "external_id,subject,status,group,assignee,created_at,solved_at,history",
  "T-1,Printer jam,solved,Billing,ann@example.com,2025-03-05T09:00:00Z,2025-03-05T10:00:00Z,",
  'T-2,"VPN, again",solved,Network,bob@example.com,2025-03-06T09:00:00Z,,solved@2025-03-06T10:00:00Z;open@2025-03-07T08:00:00Z;solved@2025-03-07T12:00:00Z',
  "T-3,New laptop,open,Billing,ann@example.com,2025-03-08T09:00:00Z,,",
].join("\n");
const RATINGS_JSON = JSON.stringify([
  { external_id: "R-1", ticket_external_id: "T-1", score: 5, rated_at: "2025-03-05T12:00:00Z", agent: "ann@example.com" },
  { external_id: "R-2", ticket_external_id: "T-3", score: "3", rated_at: "2025-03-09T12:00:00Z" },
]);

async function* once(text: string) {
  yield text;
}
const open = (stream: "tickets" | "ratings", format: "csv" | "json", text: string) => fileRows(stream, format, () => once(text));

const snapshot = async (h: Awaited<ReturnType<typeof openTestDb>>) =>
  JSON.stringify(
    await h.query(`select t.external_id, t.status::text, t.reopen_count, t.solved_at, t.subject, coalesce(json_agg(json_build_object('e', l.engineer_id, 'p', l.points::float8, 's', l.state) order by l.engineer_id) filter (where l.id is not null), '[]') as ledger,
      (select json_agg(r.score::float8 order by r.external_id) from ratings r where r.ticket_id = t.id) as ratings
      from tickets t left join points_ledger l on l.ticket_id = t.id group by t.id order by t.external_id`),
  );

async function setup(kind: (typeof TEST_DB_KINDS)[number]) {
  const h = await openTestDb(kind);
  const org = await createSmallOrg(h.db, { kind: "import", engineers: [{ name: "Ann", email: "ann@example.com", line: "L1" }, { name: "Bob", email: "bob@example.com", line: "L2" }] });
  await org.mapGroup("Billing", "Billing", "Billing", "L1");
  await org.mapGroup("Network", "Network", "Network", "L2");
  return { h, org };
}

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: importing the same files twice leaves the same tickets, ratings and points`, async () => {
    const { h, org } = await setup(kind);
    try {
      const preview = await importFile(h.db, org.connectionId, "tickets", open("tickets", "csv", TICKETS_CSV), { dryRun: true, now: NOW });
      assert.deepEqual([preview.rows, preview.valid, preview.invalid, preview.imported], [3, 3, 0, false]);
      assert.equal((await h.query("select count(*)::int as n from tickets"))[0]!.n, 0, "a dry run writes nothing");

      const t1 = await importFile(h.db, org.connectionId, "tickets", open("tickets", "csv", TICKETS_CSV), { dryRun: false, now: NOW });
      assert.deepEqual([t1.imported, t1.stored], [true, 3]);
      const r1 = await importFile(h.db, org.connectionId, "ratings", open("ratings", "json", RATINGS_JSON), { dryRun: false, now: NOW });
      assert.deepEqual([r1.imported, r1.stored], [true, 2]);
      const first = await snapshot(h);
      const rows = JSON.parse(first) as { external_id: string; reopen_count: number; ledger: { e: number; p: number; s: string }[] }[];
      // Ann, L1, five stars: 0.5 + 0.5, pending. Bob's ticket came back within the window: revoked.
      assert.deepEqual(rows.find((r) => r.external_id === "T-1")!.ledger, [{ e: org.engineerId("ann@example.com"), p: 1, s: "pending" }]);
      assert.equal(rows.find((r) => r.external_id === "T-2")!.reopen_count, 1);
      assert.deepEqual(rows.find((r) => r.external_id === "T-2")!.ledger.map((l) => l.s), ["revoked"]);
      assert.deepEqual(rows.find((r) => r.external_id === "T-3")!.ledger, []);

      await importFile(h.db, org.connectionId, "tickets", open("tickets", "csv", TICKETS_CSV), { dryRun: false, now: NOW });
      await importFile(h.db, org.connectionId, "ratings", open("ratings", "json", RATINGS_JSON), { dryRun: false, now: NOW });
      assert.equal(await snapshot(h), first);
      const counts = (await h.query<{ t: number; r: number; i: number }>("select (select count(*)::int from tickets) t, (select count(*)::int from ratings) r, (select count(*)::int from engineer_identities) i"))[0]!;
      assert.deepEqual(counts, { t: 3, r: 2, i: 2 });
    } finally {
      await h.close();
    }
  });

  test(`${kind}: one bad row rejects the whole file, names the row, and writes nothing`, async () => {
    const { h, org } = await setup(kind);
    try {
      const bad = `${TICKETS_CSV}\nT-4,Broken,solved,Billing,ann@example.com,2025-03-08T09:00:00Z,yesterday,\nT-5,,done,,,2025-03-08,,`;
      const r = await importFile(h.db, org.connectionId, "tickets", open("tickets", "csv", bad), { dryRun: false, now: NOW });
      assert.equal(r.imported, false);
      assert.deepEqual([r.rows, r.valid, r.invalid], [5, 3, 2]);
      assert.deepEqual(r.errors.map((e) => e.message), [
        "row 5: solved_at 'yesterday' is not a date (use ISO 8601, e.g. 2025-03-01T14:30:00Z)",
        "row 6: status 'done' is not one of new, open, pending, solved, closed, deleted",
      ]);
      assert.equal((await h.query("select count(*)::int as n from tickets"))[0]!.n, 0);
      const broken = await importFile(h.db, org.connectionId, "tickets", open("tickets", "csv", 'external_id,status,created_at\n"T-1,open'), { dryRun: true, now: NOW });
      assert.equal(broken.fileError, "The file cannot be read: line 2: a quoted field is never closed.");
    } finally {
      await h.close();
    }
  });

  test(`${kind}: push API: token auth, validation, idempotency, revocation`, async () => {
    const { h } = await setup(kind);
    try {
      const [u] = await h.query<{ id: number }>("insert into users (email, name, password_hash, role) values ('admin@example.com', 'Admin', 'x', 'admin') returning id");
      const admin = { ...adminViewer, userId: u!.id };
      const { connectionId } = await createImportConnection(h.db, admin, { name: "Scripts" });
      await assert.rejects(createPushToken(h.db, lead, { connectionId, name: "x" }), /do not have access/);
      const { token, id: tokenId } = await createPushToken(h.db, admin, { connectionId, name: "nightly export" });
      const stored = await h.query<{ token_hash: string }>("select token_hash from push_tokens");
      assert.ok(!stored[0]!.token_hash.includes(token) && stored[0]!.token_hash.length === 64, "only a hash is stored");

      const push = (stream: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": "application/json" }, conn = String(connectionId)) =>
        handlePush(h, new Request(`http://podium.test/api/push/${conn}/${stream}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }), { connectionId: conn, stream }, NOW);
      const ticket = { external_id: "P-1", status: "solved", created_at: "2025-03-05T09:00:00Z", solved_at: "2025-03-05T10:00:00Z", assignee: "ann@example.com" };

      const noAuth = await push("tickets", [ticket], { "content-type": "application/json" });
      assert.equal(noAuth.status, 401);
      assert.match((await noAuth.json()).error, /Authorization: Bearer/);
      assert.equal((await push("tickets", [ticket], { authorization: "Bearer nope", "content-type": "application/json" })).status, 401);
      assert.equal((await push("tickets", [ticket], undefined, String(connectionId + 1000))).status, 401, "a token of another connection is refused");
      assert.equal((await push("comments", [ticket])).status, 404);
      assert.equal((await push("tickets", [ticket], { authorization: `Bearer ${token}`, "content-type": "text/csv" })).status, 415);
      const notJson = await push("tickets", "[{");
      assert.equal(notJson.status, 400);
      assert.match((await notJson.json()).error, /not valid JSON/);
      const invalid = await push("tickets", [ticket, { ...ticket, external_id: "P-2", created_at: "last week" }]);
      assert.equal(invalid.status, 422);
      assert.deepEqual((await invalid.json()).errors, ["record 2: created_at 'last week' is not a date (use ISO 8601, e.g. 2025-03-01T14:30:00Z)"]);
      // A script that asks for Russian gets the records' problems in Russian; the protocol stays English.
      const ru = await push("tickets", [ticket, { ...ticket, external_id: "P-2", created_at: "last week" }], { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" });
      assert.deepEqual(await ru.json(), {
        error: "Ничего не сохранено: записей с ошибками — 1 из 2. Исправьте их и отправьте пакет снова.",
        invalid: 1,
        errors: ["запись 2: created_at 'last week': не дата (нужен ISO 8601, например 2025-03-01T14:30:00Z)"],
      });
      assert.equal((await h.query("select count(*)::int as n from tickets where connection_id = $1", [connectionId]))[0]!.n, 0, "a rejected batch writes nothing");

      const ok = await push("tickets", { tickets: [ticket] });
      assert.equal(ok.status, 200);
      assert.equal((await ok.json()).stored, 1);
      const before = await snapshot(h);
      assert.equal((await push("tickets", [ticket])).status, 200);
      assert.equal(await snapshot(h), before, "the same batch again changes nothing");
      const rating = await push("ratings", [{ external_id: "PR-1", ticket_external_id: "P-1", score: 5, rated_at: "2025-03-05T11:00:00Z" }]);
      assert.equal(rating.status, 200);

      await revokePushToken(h.db, admin, { tokenId });
      const revoked = await push("tickets", [ticket]);
      assert.equal(revoked.status, 401);
      assert.match((await revoked.json()).error, /revoked/);
    } finally {
      await h.close();
    }
  });
}

test("the upload action is for admins, validates its input and previews a file", async () => {
  const { h, org } = await setup("pglite");
  try {
    const file = new File([TICKETS_CSV], "tickets.csv", { type: "text/csv" });
    const denied = await runAction(importFileDefinition, lead, { connectionId: String(org.connectionId), stream: "tickets", mode: "preview", file }, h);
    assert.equal(!denied.ok && denied.status, 403);
    const missing = await runAction(importFileDefinition, admin, { connectionId: String(org.connectionId), stream: "tickets", mode: "preview" }, h);
    assert.equal(!missing.ok && missing.fieldErrors?.file?.[0], "Choose a file to upload.");
    const ok = await runAction(importFileDefinition, admin, { connectionId: String(org.connectionId), stream: "tickets", mode: "preview", file }, h);
    assert.ok(ok.ok);
    assert.deepEqual([ok.data.rows, ok.data.valid, ok.data.imported, ok.data.format], [3, 3, false, "csv"]);
    // The dry run names each row's problem in the admin's language.
    const bad = new File([`${TICKETS_CSV}\nT-4,Broken,done,,,2025-03-08,,`], "bad.csv", { type: "text/csv" });
    const ru = await runAction(importFileDefinition, { ...admin, locale: "ru" }, { connectionId: String(org.connectionId), stream: "tickets", mode: "preview", file: bad }, h);
    assert.ok(ru.ok);
    assert.deepEqual(ru.data.errors, [{ row: "строка 5", message: "строка 5: status 'done': не одно из значений new, open, pending, solved, closed, deleted" }]);
    const en = await runAction(importFileDefinition, admin, { connectionId: String(org.connectionId), stream: "tickets", mode: "preview", file: bad }, h);
    assert.ok(en.ok);
    assert.equal(en.data.errors[0]!.message, "row 5: status 'done' is not one of new, open, pending, solved, closed, deleted");
  } finally {
    await h.close();
  }
});
