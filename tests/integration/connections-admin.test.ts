import { test } from "node:test";
import assert from "node:assert/strict";
import { connections } from "@/db/schema";
import { runAction } from "@/lib/actions/define";
import { connectionSaveDefinition, connectionTestDefinition } from "@/lib/actions/connections-definitions";
import type { Viewer } from "@/lib/auth/policy";
import { listManagedConnections, saveConnection } from "@/lib/connections/manage";
import { getMapping, setAgentMapping } from "@/lib/connections/mapping";
import { engineers } from "@/db/schema";
import { runSync } from "@/lib/sync/run-sync";
import { generateKey } from "@/lib/crypto/secrets";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";
import { startServer } from "../helpers/http-server";
import { startFreshdeskEmulator } from "../emulators/freshdesk";
import { startZendeskEmulator } from "../emulators/zendesk";

/** Managing connections: secrets encrypted and never read back, admins only, plain-words test results. */

process.env.PODIUM_ENCRYPTION_KEY ??= generateKey();
const admin = { userId: 1, email: "a@x", name: "A", role: "admin", engineerId: null, teamId: null } as Viewer;
const lead = { ...admin, role: "lead" } as Viewer;

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: saving keeps secrets encrypted and out of reads; Test connection tells domain, credentials, permissions apart`, async () => {
    const h = await openTestDb(kind);
    const zd = await startZendeskEmulator({ tickets: 5 });
    const fd = await startFreshdeskEmulator({ tickets: 5 });
    const html = await startServer((req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Sign up for Zendesk</html>");
    });
    try {
      const form = { kind: "zendesk", name: "Acme", subdomain: "acme", email: zd.account.email, apiToken: zd.account.apiToken, backfillStart: "2024-01-01", apiBaseUrl: zd.url };
      const saved = await runAction(connectionSaveDefinition, admin, form, h);
      assert.ok(saved.ok, JSON.stringify(saved));
      const id = (saved.data as { id: number }).id;
      const [row] = await h.db.select().from(connections);
      assert.ok(!row!.credentialsEncrypted!.includes(zd.account.apiToken), "encrypted at rest");
      assert.ok(!JSON.stringify(row!.settings).includes(zd.account.apiToken));
      const listed = await listManagedConnections(h.db, admin);
      assert.equal(listed.length, 1);
      assert.deepEqual(listed[0]!.saved, { apiToken: true, oauthToken: false, webhookSecret: false, apiKey: false, webhookToken: false });
      assert.ok(!JSON.stringify(listed).includes(zd.account.apiToken), "reads never carry the secret");
      assert.equal(listed[0]!.enabled, false, "new connections start disabled");

      // Mapping preview: after a sync, each group and agent shows the tickets a change would rescore.
      const synced = await runSync(h, id, { trigger: "manual", maxPages: 100 });
      assert.equal(synced.status, "succeeded", synced.error ?? "");
      const m = await getMapping(h.db, admin, id);
      assert.equal(m.groups.reduce((n, g) => n + g.tickets, 0), 5);
      assert.ok(m.agents.some((a) => a.tickets > 0));
      const [eng] = await h.db.insert(engineers).values({ displayName: "Override", email: "someone@else.test" }).returning();
      const busiest = [...m.agents].sort((a, b) => b.tickets - a.tickets)[0]!;
      const mapped = await setAgentMapping(h, admin, { identityId: busiest.id, engineerId: eng!.id });
      assert.equal(mapped.ticketsRescored, busiest.tickets);
      await assert.rejects(getMapping(h.db, lead, id));

      const ok = await runAction(connectionTestDefinition, admin, { connectionId: id }, h);
      assert.deepEqual(ok.ok && (ok.data as { ok: boolean }).ok, true, JSON.stringify(ok));

      // A blank token keeps the saved one; a wrong one is refused with a clear message.
      assert.ok((await runAction(connectionSaveDefinition, admin, { ...form, id, apiToken: "" }, h)).ok);
      assert.equal(((await runAction(connectionTestDefinition, admin, { connectionId: id }, h)) as { data: { ok: boolean } }).data.ok, true);
      await runAction(connectionSaveDefinition, admin, { ...form, id, apiToken: "nope" }, h);
      const bad = (await runAction(connectionTestDefinition, admin, { connectionId: id }, h)) as { data: { ok: boolean; problem: string; message: string } };
      assert.equal(bad.data.problem, "credentials");
      assert.match(bad.data.message, /refused the credentials/);

      zd.faults.authStatus = 403;
      const denied = (await runAction(connectionTestDefinition, admin, { connectionId: id }, h)) as { data: { problem: string } };
      assert.equal(denied.data.problem, "permissions");
      zd.faults.authStatus = null;

      await runAction(connectionSaveDefinition, admin, { ...form, id, apiToken: zd.account.apiToken, apiBaseUrl: html.url }, h);
      const domain = (await runAction(connectionTestDefinition, admin, { connectionId: id }, h)) as { data: { problem: string; message: string } };
      assert.equal(domain.data.problem, "domain");
      assert.match(domain.data.message, /check the domain/);

      const fdSaved = await runAction(connectionSaveDefinition, admin, { kind: "freshdesk", name: "Fd", domain: "acme.freshdesk.com", apiKey: fd.account.apiKey, backfillStart: "2024-01-01", apiBaseUrl: fd.url }, h);
      assert.ok(fdSaved.ok);
      const fdTest = (await runAction(connectionTestDefinition, admin, { connectionId: (fdSaved.data as { id: number }).id }, h)) as { data: { ok: boolean; message: string } };
      assert.equal(fdTest.data.ok, true, fdTest.data.message);

      const missing = await runAction(connectionSaveDefinition, admin, { ...form, subdomain: "not a domain!" }, h);
      assert.equal(missing.ok, false);
      assert.ok(!missing.ok && missing.fieldErrors?.subdomain);

      // Lead: refused by the action and by the domain function itself.
      assert.equal((await runAction(connectionSaveDefinition, lead, form, h)).ok, false);
      await assert.rejects(saveConnection(h, lead, { ...form, kind: "zendesk" } as never), /do not have access/);
      await assert.rejects(listManagedConnections(h.db, lead));
    } finally {
      await html.close();
      await zd.close();
      await fd.close();
      await h.close();
    }
  });
}
