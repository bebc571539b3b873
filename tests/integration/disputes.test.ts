import assert from "node:assert/strict";
import { test } from "node:test";
import { and, eq } from "drizzle-orm";
import { auditLog, disputes, engineers, pointsLedger } from "@/db/schema";
import { runAction } from "@/lib/actions/define";
import { disputeOpenDefinition, disputeResolveDefinition } from "@/lib/actions/index";
import { listDisputes } from "@/lib/disputes/queries";
import { getEngineerDetail, getLeaderboard } from "@/lib/queries";
import { runSync } from "@/lib/sync/run-sync";
import { openTestDb, TEST_DB_KINDS } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";
import { makeViewer } from "../helpers/viewers";


for (const kind of TEST_DB_KINDS) {
  test(`${kind}: dispute lifecycle — open own row, lead of the team accepts with an adjustment, others are refused`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 8 });
      const run = await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
      assert.equal(run.status, "succeeded", run.error ?? "");
      const falcons = org.teamIds["Falcons"]!;
      const kometa = org.teamIds["Комета"]!;
      // A Falcons engineer with a non-revoked row, and an engineer of another team with a row.
      const [mine] = await h.db
        .select({ id: pointsLedger.id, engineerId: pointsLedger.engineerId, points: pointsLedger.points })
        .from(pointsLedger)
        .innerJoin(engineers, eq(engineers.id, pointsLedger.engineerId))
        .where(and(eq(engineers.teamId, falcons), eq(pointsLedger.state, "confirmed")))
        .limit(1);
      const [theirs] = await h.db
        .select({ id: pointsLedger.id, engineerId: pointsLedger.engineerId })
        .from(pointsLedger)
        .innerJoin(engineers, eq(engineers.id, pointsLedger.engineerId))
        .where(eq(engineers.teamId, kometa))
        .limit(1);
      assert.ok(mine && theirs);

      const engineer = await makeViewer(h.db, "engineer", { engineerId: mine.engineerId, teamId: falcons });
      const lead = await makeViewer(h.db, "lead", { teamId: falcons });
      const otherLead = await makeViewer(h.db, "lead", { teamId: kometa });
      const director = await makeViewer(h.db, "director");
      const admin = await makeViewer(h.db, "admin");

      // Validation at the edge, with the message beside its field.
      const short = await runAction(disputeOpenDefinition, engineer, { ledgerId: String(mine.id), comment: "no" }, h);
      assert.equal(!short.ok && short.status, 400);
      assert.match((!short.ok && short.fieldErrors?.comment?.[0]) || "", /at least 5 characters/);
      const shortRu = await runAction(disputeOpenDefinition, { ...engineer, locale: "ru" }, { ledgerId: String(mine.id), comment: "нет" }, h);
      assert.match((!shortRu.ok && shortRu.fieldErrors?.comment?.[0]) || "", /не короче 5 символов/);

      // Someone else's row: refused, and nothing written.
      const foreign = await runAction(disputeOpenDefinition, engineer, { ledgerId: String(theirs.id), comment: "These are not right" }, h);
      assert.equal(!foreign.ok && foreign.status, 403);
      // A director or an admin without an engineer cannot dispute at all.
      assert.equal((await runAction(disputeOpenDefinition, director, { ledgerId: String(mine.id), comment: "These are not right" }, h)).ok, false);

      const opened = await runAction(disputeOpenDefinition, engineer, { ledgerId: String(mine.id), comment: "I solved this alone, the split is wrong" }, h);
      assert.ok(opened.ok, JSON.stringify(opened));
      const disputeId = (opened.data as { disputeId: number }).disputeId;
      // One open dispute per row.
      const again = await runAction(disputeOpenDefinition, engineer, { ledgerId: String(mine.id), comment: "Once more, please look" }, h);
      assert.equal(!again.ok && again.status, 409);

      // Who sees it: the Falcons lead and admins; not the other lead; directors get 403.
      assert.deepEqual((await listDisputes(h.db, lead)).open.map((d) => d.id), [disputeId]);
      assert.deepEqual((await listDisputes(h.db, admin)).open.map((d) => d.id), [disputeId]);
      // The lead reads the row's reason in their own language.
      const [en] = (await listDisputes(h.db, lead)).open;
      const [ru] = (await listDisputes(h.db, { ...lead, locale: "ru" })).open;
      assert.match(en!.explanation, /^\(?\S+ base \d.* = -?\d+\.\d+.* \(rules v\d+\)$/);
      assert.match(ru!.explanation, /^\(?\S+: база \d.* = -?\d+,\d+.* \(правила v\d+\)$/);
      assert.deepEqual((await listDisputes(h.db, otherLead)).open, []);
      await assert.rejects(listDisputes(h.db, director), { name: "AuthError" });
      await assert.rejects(listDisputes(h.db, engineer), { name: "AuthError" });

      // Who may resolve: not the engineer, not a director, not the lead of another team.
      const accept = { disputeId: String(disputeId), decision: "accept", adjustment: "2", reason: "Right, you worked it alone" };
      const byEngineer = await runAction(disputeResolveDefinition, engineer, accept, h);
      assert.equal(!byEngineer.ok && byEngineer.status, 403);
      const byDirector = await runAction(disputeResolveDefinition, director, accept, h);
      assert.equal(!byDirector.ok && byDirector.status, 403);
      const byOtherLead = await runAction(disputeResolveDefinition, otherLead, accept, h);
      assert.equal(!byOtherLead.ok && byOtherLead.status, 403);
      const noAdjustment = await runAction(disputeResolveDefinition, lead, { ...accept, adjustment: "" }, h);
      assert.equal(!noAdjustment.ok && noAdjustment.status, 400);
      assert.ok(!noAdjustment.ok && noAdjustment.fieldErrors?.adjustment);
      const [still] = await h.db.select().from(disputes).where(eq(disputes.id, disputeId));
      assert.equal(still!.status, "open");

      const boardArgs = { period: "quarter" as const, now: TEST_NOW, top: 100 };
      const pointsOf = async () => (await getLeaderboard(h.db, admin, boardArgs)).rows.find((r) => r.engineerId === mine.engineerId)!.points;
      const before = await pointsOf();
      const detailBefore = await getEngineerDetail(h.db, engineer, mine.engineerId, { now: TEST_NOW });

      const accepted = await runAction(disputeResolveDefinition, lead, accept, h);
      assert.ok(accepted.ok, JSON.stringify(accepted));
      assert.equal(Math.round(((await pointsOf()) - before) * 1000) / 1000, 2);
      const detail = await getEngineerDetail(h.db, engineer, mine.engineerId, { now: TEST_NOW });
      assert.equal(Math.round((detail!.points.quarter - detailBefore!.points.quarter) * 1000) / 1000, 2);
      // The disputed row on the engineer's own ledger, page by page, carries the outcome.
      let row: NonNullable<typeof detail>["recent"][number] | undefined;
      for (let offset = 0; !row; offset += 200) {
        const page = await getEngineerDetail(h.db, engineer, mine.engineerId, { now: TEST_NOW, recentLimit: 200, recentOffset: offset });
        row = page!.recent.find((r) => r.id === mine.id);
        if (!page!.recentPage.hasOlder) break;
      }
      assert.ok(row, "the disputed row is on the engineer's ledger");
      assert.equal(row.dispute?.status, "accepted");
      assert.equal(row.dispute?.adjustment, 2);
      assert.equal(row.dispute?.resolution, "Right, you worked it alone");
      assert.equal(row.dispute?.resolvedBy, lead.name);
      assert.ok(row.dispute!.createdAt instanceof Date && row.dispute!.resolvedAt instanceof Date);
      assert.ok(row.dispute!.createdAt.getTime() <= row.dispute!.resolvedAt!.getTime());
      // Resolved once only.
      const twice = await runAction(disputeResolveDefinition, admin, { ...accept, decision: "reject" }, h);
      assert.equal(!twice.ok && twice.status, 409);

      // After an answer, a new dispute may be opened; a rejection changes no points.
      const second = await runAction(disputeOpenDefinition, engineer, { ledgerId: String(mine.id), comment: "The rating was changed later" }, h);
      assert.ok(second.ok);
      const secondId = (second.data as { disputeId: number }).disputeId;
      const rejected = await runAction(disputeResolveDefinition, admin, { disputeId: String(secondId), decision: "reject", reason: "The newest rating counts" }, h);
      assert.ok(rejected.ok);
      assert.equal(Math.round(((await pointsOf()) - before) * 1000) / 1000, 2);

      const log = await h.db.select({ action: auditLog.action, entityId: auditLog.entityId }).from(auditLog).where(eq(auditLog.entity, "dispute"));
      assert.deepEqual(
        log.map((l) => `${l.action}:${l.entityId}`).sort(),
        [`dispute.accepted:${disputeId}`, `dispute.opened:${disputeId}`, `dispute.opened:${secondId}`, `dispute.rejected:${secondId}`].sort(),
      );
    } finally {
      await h.close();
    }
  });
}
