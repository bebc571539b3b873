import { test } from "node:test";
import assert from "node:assert/strict";
import { connections, engineers, helpdeskGroups, lines, skillGroups, type SyncRunProgress } from "@/db/schema";
import type { Viewer } from "@/lib/auth/policy";
import { deleteFieldRule, listFieldRules, previewFieldRule, saveFieldRule, FieldRuleSchema } from "@/lib/connections/field-rules";
import { setGroupMapping } from "@/lib/connections/mapping";
import { encryptJson, generateKey, getEncryptionKey } from "@/lib/crypto/secrets";
import { getSyncStatus } from "@/lib/queries";
import { runSync } from "@/lib/sync/run-sync";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";
import { PRODUCT_FIELD_ID, startZendeskEmulator, type ZendeskEmulator } from "../emulators/zendesk";

/**
 * Backfill progress stored per run while it runs (tickets so far, time left, API budget from the
 * quota headers), and tag/custom-field rules placing tickets in skill groups and lines, with
 * their preview — through the Zendesk emulator into PGlite and PostgreSQL.
 */

process.env.PODIUM_ENCRYPTION_KEY ??= generateKey();
type Handle = Awaited<ReturnType<typeof openTestDb>>;
const admin = { userId: 1, email: "a@x", name: "A", role: "admin", engineerId: null, teamId: null, locale: "en" } as Viewer;
const lead = { ...admin, role: "lead" } as Viewer;

async function addZendesk(h: Handle, emu: ZendeskEmulator, pageSize: number): Promise<number> {
  await h.db.insert(engineers).values(emu.account.agents.map((a, i) => ({ displayName: `Eng ${i}`, email: a.email })));
  const [c] = await h.db
    .insert(connections)
    .values({
      kind: "zendesk",
      name: "zd",
      settings: { subdomain: "acme", apiBaseUrl: emu.url, backfillStart: "2000-01-01", pageSize, exportLimitPerMinute: 1000, maxRetries: 2, backoffBaseMs: 5, timeoutMs: 2000 },
      credentialsEncrypted: encryptJson({ email: emu.account.email, apiToken: emu.account.apiToken }, getEncryptionKey()),
    })
    .returning();
  return c!.id;
}

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: a running backfill stores its progress per page — tickets so far, time left, API budget in use — and the status query shows it`, async () => {
    const emu = await startZendeskEmulator({ tickets: 200, seed: 21 });
    const h = await openTestDb(kind);
    try {
      const id = await addZendesk(h, emu, 25);
      const seen: { page: number; stream: string; progress: SyncRunProgress | null; stored: number; status: string }[] = [];
      const run = await runSync(h, id, {
        trigger: "backfill",
        maxPages: 1000,
        onPage: async (p) => {
          // What the admin pages read while the run goes on: the run row, mid-run.
          const status = await getSyncStatus(h.db, admin);
          const r = status.connections.find((c) => c.id === id)!.runs[0]!;
          seen.push({ page: p.page, stream: p.stream, progress: r.progress, stored: r.ticketsStored, status: r.status });
        },
      });
      assert.equal(run.status, "succeeded", run.error ?? "");
      const tickets = seen.filter((s) => s.stream === "tickets");
      assert.equal(tickets.length, 8, "200 tickets in pages of 25");
      for (const s of tickets) {
        assert.equal(s.status, "running");
        assert.equal(s.progress?.stream, "tickets");
        assert.equal(s.progress?.ticketsSoFar, s.stored, "tickets so far = the committed count");
        assert.ok(s.progress!.requests > 0);
        // The emulator announces a 700/min quota; our use of it is read back from the headers.
        assert.ok(s.progress!.budgetUse !== null && s.progress!.budgetUse > 0 && s.progress!.budgetUse <= 0.5, `budget use ${s.progress!.budgetUse}`);
      }
      assert.deepEqual(tickets.map((s) => s.progress!.ticketsSoFar), [25, 50, 75, 100, 125, 150, 175, 200]);
      // Time left: known once the export has moved; it shrinks towards 0 at the end of the stream.
      const etas = tickets.map((s) => s.progress!.etaSeconds);
      assert.ok(etas.slice(1, -1).every((e) => typeof e === "number" && e >= 0), JSON.stringify(etas));
      assert.equal(etas.at(-1), 0);
      const positions = tickets.map((s) => Date.parse(s.progress!.position!));
      assert.deepEqual([...positions].sort((a, b) => a - b), positions, "the position only moves forward");
      const ratings = seen.filter((s) => s.stream === "ratings");
      assert.ok(ratings.length > 0 && ratings.at(-1)!.progress!.ratingsSoFar === emu.account.ratings.length);
      // After the run the last progress stays on the row; the pages show it only while running.
      const after = (await getSyncStatus(h.db, admin)).connections[0]!.runs[0]!;
      assert.equal(after.status, "succeeded");
      assert.equal(after.progress?.ticketsSoFar, 200);
    } finally {
      await h.close();
      await emu.close();
    }
  });

  test(`${kind}: tag and custom-field rules place tickets over their group's mapping; the preview tells the effect without writing; syncs and removals follow`, async () => {
    const emu = await startZendeskEmulator({ tickets: 120, seed: 22 });
    const h = await openTestDb(kind);
    try {
      const id = await addZendesk(h, emu, 50);
      assert.equal((await runSync(h, id, { trigger: "backfill", maxPages: 100 })).status, "succeeded");
      const [general, vip] = await h.db.insert(skillGroups).values([{ name: "General" }, { name: "VIP" }]).returning();
      const [l1, l2] = await h.db.insert(lines).values([{ code: "TL1", name: "Line 1", sortOrder: 1 }, { code: "TL2", name: "Line 2", sortOrder: 2 }]).returning();
      for (const g of await h.db.select().from(helpdeskGroups)) await setGroupMapping(h, admin, { groupId: g.id, skillGroupId: general!.id, lineId: l1!.id });
      const placement = async () =>
        new Map(
          (await h.query<{ external_id: string; skill_group_id: number | null; line_id: number | null }>("select external_id, skill_group_id, line_id from tickets")).map((r) => [
            Number(r.external_id),
            `${r.skill_group_id}/${r.line_id}`,
          ]),
        );
      const before = await placement();
      assert.ok([...before.values()].every((p) => p === `${general!.id}/${l1!.id}`));

      // Preview a tag rule: every tenth ticket carries "vip".
      const vipRule = FieldRuleSchema.parse({ connectionId: String(id), kind: "tag", fieldKey: "VIP", skillGroupId: String(vip!.id), lineId: "" });
      const preview = await previewFieldRule(h.db, admin, vipRule);
      assert.equal(preview.matched, 12, "tickets 10, 20, … 120");
      assert.equal(preview.changed, 12);
      assert.deepEqual(preview.moves, [{ from: "General · Line 1", to: "VIP · Line 1", tickets: 12 }]);
      assert.deepEqual(await placement(), before, "a preview writes nothing");
      await assert.rejects(previewFieldRule(h.db, lead, vipRule), /do not have access/);

      const saved = await saveFieldRule(h, admin, vipRule);
      assert.equal(saved.ticketsRescored, 12);
      let now = await placement();
      for (const [ext, p] of now) assert.equal(p, ext % 10 === 0 ? `${vip!.id}/${l1!.id}` : `${general!.id}/${l1!.id}`, `ticket ${ext}`);

      // A field rule after it: product = billing (ids ≡ 2 mod 3) counts on line 2; vip tickets keep VIP.
      const billing = FieldRuleSchema.parse({ connectionId: String(id), kind: "field", fieldKey: String(PRODUCT_FIELD_ID), fieldValue: "billing", skillGroupId: "", lineId: String(l2!.id) });
      const p2 = await previewFieldRule(h.db, admin, billing);
      assert.equal(p2.matched, 40);
      assert.equal(p2.changed, 40);
      assert.deepEqual(p2.moves.map((m) => m.tickets).sort((a, b) => b - a), [36, 4], "36 General tickets and 4 VIP ones move to line 2");
      await saveFieldRule(h, admin, billing);
      now = await placement();
      assert.equal(now.get(20), `${vip!.id}/${l2!.id}`, "ticket 20: vip tag and billing — the first rule sets the skill group, the second the line");
      assert.equal(now.get(5), `${general!.id}/${l2!.id}`);
      assert.equal(now.get(3), `${general!.id}/${l1!.id}`);
      const listed = await listFieldRules(h.db, admin, id);
      assert.deepEqual(listed.rules.map((r) => [r.kind, r.tickets, r.target]), [["tag", 12, "VIP · no line"], ["field", 40, "no skill group · Line 2"]]);
      assert.ok(listed.tags.some((t) => t.tag === "vip" && t.tickets === 12));

      // The sync applies the rules when it stores: a ticket tagged later moves on the next run.
      emu.touchTicket(7, { tags: ["vip"] });
      assert.equal((await runSync(h, id, { trigger: "manual", maxPages: 100 })).status, "succeeded");
      assert.equal((await placement()).get(7), `${vip!.id}/${l1!.id}`);

      // Removing the tag rule sends its tickets back to the group's mapping; the field rule stays.
      await deleteFieldRule(h, admin, { ruleId: saved.ruleId });
      now = await placement();
      assert.equal(now.get(7), `${general!.id}/${l1!.id}`);
      assert.equal(now.get(20), `${general!.id}/${l2!.id}`);
      // A group mapping edit keeps the rules in force.
      const [g] = await h.db.select().from(helpdeskGroups).limit(1);
      await setGroupMapping(h, admin, { groupId: g!.id, skillGroupId: vip!.id, lineId: l1!.id });
      const rows = await h.query<{ external_id: string; line_id: number }>(
        `select external_id, line_id from tickets where group_external_id = '${(await h.db.select().from(helpdeskGroups).limit(1))[0]!.externalId}'`,
      );
      for (const r of rows) assert.equal(r.line_id, Number(r.external_id) % 3 === 2 ? l2!.id : l1!.id, `ticket ${r.external_id}`);
      // Invalid rules are refused with plain words.
      const bad = FieldRuleSchema.safeParse({ connectionId: String(id), kind: "field", fieldKey: "x", skillGroupId: "", lineId: "" });
      assert.equal(bad.success, false);
    } finally {
      await h.close();
      await emu.close();
    }
  });
}
