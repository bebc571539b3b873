import { test } from "node:test";
import assert from "node:assert/strict";
import { connections } from "@/db/schema";
import { encryptJson, generateKey, getEncryptionKey } from "@/lib/crypto/secrets";
import { receiveFreshdesk, receiveZendesk } from "@/lib/webhooks/receive";
import { verifyZendesk, zendeskSignature } from "@/lib/webhooks/verify";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";

/** Webhooks on both databases: signatures, the window, replays, tokens; a webhook only triggers a pull. */

process.env.PODIUM_ENCRYPTION_KEY ??= generateKey();

test("the Zendesk signature: HMAC-SHA256 over timestamp + raw body, base64; one changed byte fails", () => {
  const ts = "2026-11-23T10:00:00Z";
  const body = '{"ticket_id":"42"}';
  const sig = zendeskSignature("s3cret", ts, body);
  const now = Date.parse(ts) + 1000;
  assert.deepEqual(verifyZendesk({ secret: "s3cret", signature: sig, timestamp: ts, rawBody: body, now }), { ok: true });
  assert.equal(verifyZendesk({ secret: "s3cret", signature: sig, timestamp: ts, rawBody: body + " ", now }).ok, false);
  assert.equal(verifyZendesk({ secret: "other", signature: sig, timestamp: ts, rawBody: body, now }).ok, false);
  assert.match(JSON.stringify(verifyZendesk({ secret: "s3cret", signature: sig, timestamp: ts, rawBody: body, now: now + 10 * 60_000 })), /outside the accepted window/);
  assert.match(JSON.stringify(verifyZendesk({ secret: "s3cret", signature: null, timestamp: ts, rawBody: body, now })), /Missing/);
});

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: webhooks are verified, replays refused, and they only trigger a pull of their connection`, async () => {
    const h = await openTestDb(kind);
    try {
      const key = getEncryptionKey();
      const [zd] = await h.db.insert(connections).values({ kind: "zendesk", name: "Z", settings: {}, credentialsEncrypted: encryptJson({ email: "a@b.c", apiToken: "t", webhookSecret: "whsec" }, key) }).returning();
      const [fd] = await h.db.insert(connections).values({ kind: "freshdesk", name: "F", settings: {}, credentialsEncrypted: encryptJson({ apiKey: "k", webhookToken: "tok-123" }, key) }).returning();
      const pulled: number[] = [];
      const trigger = (_h: unknown, id: number) => void pulled.push(id);
      const ticketsBefore = await h.query("select count(*)::int as n from tickets");

      const now = Date.now();
      const ts = new Date(now).toISOString();
      const rawBody = JSON.stringify({ ticket: { id: 5, status: "solved" } });
      const headers = new Headers({ "x-zendesk-webhook-signature": zendeskSignature("whsec", ts, rawBody), "x-zendesk-webhook-signature-timestamp": ts });
      const ok = await receiveZendesk(h, { connectionId: String(zd!.id), rawBody, headers, token: null, now }, trigger);
      assert.equal(ok.status, 202);
      assert.deepEqual(pulled, [zd!.id]);
      const replay = await receiveZendesk(h, { connectionId: String(zd!.id), rawBody, headers, token: null, now: now + 1000 }, trigger);
      assert.equal(replay.status, 409);
      assert.match(replay.body.message, /replay refused/);
      const forged = await receiveZendesk(h, { connectionId: String(zd!.id), rawBody: rawBody.replace("solved", "open"), headers, token: null, now }, trigger);
      assert.equal(forged.status, 401);
      const wrongKind = await receiveZendesk(h, { connectionId: String(fd!.id), rawBody, headers, token: null, now }, trigger);
      assert.equal(wrongKind.status, 404);
      assert.deepEqual(pulled, [zd!.id], "only the verified delivery pulled");

      const fdOk = await receiveFreshdesk(h, { connectionId: String(fd!.id), rawBody: "{}", headers: new Headers({ "x-podium-token": "tok-123" }), token: null }, trigger);
      assert.equal(fdOk.status, 202);
      const fdQuery = await receiveFreshdesk(h, { connectionId: String(fd!.id), rawBody: "{}", headers: new Headers(), token: "tok-123" }, trigger);
      assert.equal(fdQuery.status, 202);
      const fdBad = await receiveFreshdesk(h, { connectionId: String(fd!.id), rawBody: "{}", headers: new Headers({ "x-podium-token": "tok-12" }), token: null }, trigger);
      assert.equal(fdBad.status, 401);
      assert.deepEqual(pulled, [zd!.id, fd!.id, fd!.id]);
      assert.deepEqual(await h.query("select count(*)::int as n from tickets"), ticketsBefore, "a webhook never writes ticket data");
    } finally {
      await h.close();
    }
  });
}
