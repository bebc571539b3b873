import assert from "node:assert/strict";
import { test } from "node:test";
import { and, eq, gte, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, pointsLedger, ruleProposals, ruleSets, users } from "@/db/schema";
import { runAction } from "@/lib/actions/define";
import { rulesPreviewDefinition, rulesProposeDefinition, rulesSaveDefinition } from "@/lib/actions/index";
import type { Viewer } from "@/lib/auth/policy";
import { getLeaderboard } from "@/lib/queries";
import { configToForm } from "@/lib/rules-editor/form";
import { getRuleEditor } from "@/lib/rules-editor/queries";
import { saveRuleVersion } from "@/lib/rules-editor/save";
import { computeWhatIf } from "@/lib/rules-editor/what-if";
import { DEFAULT_RULES, RuleConfigSchema } from "@/lib/scoring/rules";
import { expandBreakdown } from "@/lib/scoring/compact";
import { runSync } from "@/lib/sync/run-sync";
import { openTestDb, TEST_DB_KINDS } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";

async function makeViewer(db: Db, role: Viewer["role"], teamId: number | null = null): Promise<Viewer> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.com`;
  const [u] = await db.insert(users).values({ email, name: `The ${role}`, passwordHash: "x", role, teamId }).returning({ id: users.id });
  return { userId: u!.id, email, name: `The ${role}`, role, engineerId: null, teamId, locale: "en" };
}

const day = (s: string) => new Date(`${s}T00:00:00.000Z`);

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: what-if ranks equal a real rescore; saving creates version n+1 and rescored rows name it`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 10 });
      const run = await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
      assert.equal(run.status, "succeeded", run.error ?? "");
      const admin = await makeViewer(h.db, "admin");
      const lead = await makeViewer(h.db, "lead", org.teamIds["Falcons"]!);
      const board = async () =>
        (await getLeaderboard(h.db, admin, { period: "quarter", now: TEST_NOW, top: 100 })).rows.map((r) => ({ id: r.engineerId, rank: r.rank, points: r.points }));

      // A draft that reshuffles the board: first-line tickets worth a lot, no five-star bonus.
      const draft = RuleConfigSchema.parse({ ...DEFAULT_RULES, basePointsByLine: { L1: 3, L2: 1, L3: 2 }, fiveStarBonus: 0 });
      const effectiveFrom = day("2025-02-25");
      const beforeBoard = await board();
      const whatIf = await computeWhatIf(h.db, lead, { config: draft, effectiveFrom, now: TEST_NOW });
      assert.equal(whatIf.draftVersion, 2);
      assert.ok(whatIf.ticketsScored > 0);
      const byId = (rows: { id: number | null; rank: number; points: number }[]) => new Map(rows.map((r) => [r.id, r]));
      // The "current" column is today's leaderboard.
      const b = byId(beforeBoard);
      for (const r of whatIf.rows) assert.deepEqual({ rank: r.current.rank, points: r.current.points }, { rank: b.get(r.engineerId)!.rank, points: b.get(r.engineerId)!.points });
      assert.ok(whatIf.rows.some((r) => r.rankChange !== 0), "the draft changes some ranks");
      // Nothing was written.
      assert.equal((await h.db.select().from(ruleSets)).length, 1);

      const saved = await saveRuleVersion(h.db, admin, { name: "L1 worth more", note: "", proposalId: null, effectiveFrom, config: draft }, TEST_NOW);
      assert.equal(saved.version, 2);
      assert.ok(saved.ticketsRescored > 0);
      // The real board after the rescore is the draft column of the what-if.
      const a = byId(await board());
      for (const r of whatIf.rows) {
        assert.deepEqual({ rank: r.draft.rank, points: r.draft.points }, { rank: a.get(r.engineerId)!.rank, points: a.get(r.engineerId)!.points }, `engineer ${r.engineerId}`);
      }
      // Rows earned since the date name version 2; earlier ones keep version 1.
      const since = await h.db.select().from(pointsLedger).where(gte(pointsLedger.earnedAt, effectiveFrom));
      assert.ok(since.length > 0);
      assert.ok(since.every((r) => r.ruleSetId === saved.ruleSetId && expandBreakdown(r.breakdown).ruleVersion === 2));
      const earlier = await h.db.select().from(pointsLedger).where(lt(pointsLedger.earnedAt, effectiveFrom));
      assert.ok(earlier.length > 0 && earlier.every((r) => expandBreakdown(r.breakdown).ruleVersion === 1));
      const [log] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "rules.saved"), eq(auditLog.entityId, String(saved.ruleSetId))));
      assert.deepEqual((log!.details as { changes: string[] }).changes, ["Base points per line: L1 0.5 → 3 points", "Five-star bonus 0.5 → 0 points"]);

      // The next save is version 3; the history reads newest first, with the changes in words.
      const third = await saveRuleVersion(h.db, admin, { name: "Gate at 3", note: "", proposalId: null, effectiveFrom: day("2025-02-28"), config: { ...draft, csatGate: 3 } }, TEST_NOW);
      assert.equal(third.version, 3);
      const editor = await getRuleEditor(h.db, lead);
      assert.deepEqual(editor.versions.map((v) => v.version), [3, 2, 1]);
      assert.deepEqual(editor.versions[0]!.changes, ["CSAT gate 4 → 3 stars"]);
      assert.equal(editor.versions[0]!.createdBy, "The admin");
      assert.equal(editor.canSave, false);
      assert.equal(editor.canPropose, true);
    } finally {
      await h.close();
    }
  });
}

test("the editor form: per-field messages; leads preview and propose, only admins save (and apply a proposal)", async () => {
  const h = await openTestDb("pglite");
  try {
    const org = await createDemoOrg(h.db, { historyDays: 3 });
    const admin = await makeViewer(h.db, "admin");
    const lead = await makeViewer(h.db, "lead", org.teamIds["Falcons"]!);
    const director = await makeViewer(h.db, "director");
    const today = new Date().toISOString().slice(0, 10);
    const form = { ...configToForm(DEFAULT_RULES, ["L1", "L2", "L3"], org.skillGroupIds), name: "Test", effectiveFrom: today };

    const bad = await runAction(rulesPreviewDefinition, lead, { ...form, csatGate: "7", "basePointsByLine.L2": "-1", fiveStarBonus: "" }, h);
    assert.equal(!bad.ok && bad.status, 400);
    const errors = (!bad.ok && bad.fieldErrors) || {};
    assert.deepEqual(errors.csatGate, ["CSAT gate must be between 1 and 5 stars"]);
    assert.deepEqual(errors["basePointsByLine.L2"], ["Base points must be between 0 and 100"]);
    assert.deepEqual(errors.fiveStarBonus, ["Enter a value for five-star bonus."]);

    const preview = await runAction(rulesPreviewDefinition, lead, form, h);
    assert.ok(preview.ok);
    assert.match((preview.data as { period: { label: string } }).period.label, /^Q\d \d{4}$/);
    // A Russian-speaking lead: the what-if's quarter and the messages in Russian, naming the field by its Russian label.
    const ruLead = { ...lead, locale: "ru" };
    const ruPreview = await runAction(rulesPreviewDefinition, ruLead, form, h);
    assert.match(ruPreview.ok ? (ruPreview.data as { period: { label: string } }).period.label : "", /^\d кв\. \d{4}$/);
    const ruBad = await runAction(rulesPreviewDefinition, ruLead, { ...form, csatGate: "7" }, h);
    assert.deepEqual(!ruBad.ok && ruBad.fieldErrors?.csatGate, ["Порог CSAT: допустимо от 1 до 5 звёзд."]);
    assert.equal((await runAction(rulesPreviewDefinition, director, form, h)).ok, false);
    const leadSave = await runAction(rulesSaveDefinition, lead, form, h);
    assert.equal(!leadSave.ok && leadSave.status, 403);

    const proposed = await runAction(rulesProposeDefinition, lead, { ...form, "basePointsByLine.L3": "2.5", note: "L3 tickets take longer" }, h);
    assert.ok(proposed.ok, JSON.stringify(proposed));
    const proposalId = (proposed.data as { proposalId: number }).proposalId;
    const adminView = await getRuleEditor(h.db, admin);
    assert.deepEqual(adminView.proposals.map((p) => [p.id, p.changes]), [[proposalId, ["Base points per line: L3 2 → 2.5 points"]]]);

    const applied = await runAction(rulesSaveDefinition, admin, { ...form, "basePointsByLine.L3": "2.5", proposalId: String(proposalId) }, h);
    assert.ok(applied.ok, JSON.stringify(applied));
    const [p] = await h.db.select().from(ruleProposals).where(eq(ruleProposals.id, proposalId));
    assert.equal(p!.status, "applied");
    const again = await runAction(rulesSaveDefinition, admin, { ...form, proposalId: String(proposalId) }, h);
    assert.equal(!again.ok && again.status, 409);
    assert.deepEqual((await getRuleEditor(h.db, lead)).proposals.map((x) => x.status), ["applied"]);
  } finally {
    await h.close();
  }
});
