import assert from "node:assert/strict";
import { test } from "node:test";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, badges, engineerGoals, engineers, users } from "@/db/schema";
import { runAction } from "@/lib/actions/define";
import { personalGoalDefinition } from "@/lib/actions/index";
import type { Viewer } from "@/lib/auth/policy";
import { getPersonalGoal, setPersonalGoal } from "@/lib/goals/goals";
import { getEngineerBadges } from "@/lib/queries";
import { openTestDb, TEST_DB_KINDS } from "../helpers/db";
import { createDemoOrg } from "../helpers/org";

async function makeViewer(db: Db, role: Viewer["role"], opts: { engineerId?: number | null; teamId?: number | null } = {}): Promise<Viewer> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.com`;
  const [u] = await db
    .insert(users)
    .values({ email, name: role, passwordHash: "x", role, engineerId: opts.engineerId ?? null, teamId: opts.teamId ?? null })
    .returning({ id: users.id });
  return { userId: u!.id, email, name: role, role, engineerId: opts.engineerId ?? null, teamId: opts.teamId ?? null, locale: "en" };
}

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: a personal goal is set by the engineer or their lead, validated, refused to others, and cleared`, async () => {
    const h = await openTestDb(kind);
    try {
      await createDemoOrg(h.db, { historyDays: 2 });
      const all = await h.db.select({ id: engineers.id, teamId: engineers.teamId }).from(engineers).orderBy(engineers.id);
      const me = all[0]!;
      const sameTeam = all.find((x) => x.id !== me.id && x.teamId === me.teamId)!;
      const otherTeam = all.find((x) => x.teamId !== me.teamId)!;
      assert.ok(sameTeam && otherTeam, "the demo has two teams with several engineers");

      const self = await makeViewer(h.db, "engineer", { engineerId: me.id, teamId: me.teamId });
      const colleague = await makeViewer(h.db, "engineer", { engineerId: sameTeam.id, teamId: me.teamId });
      const lead = await makeViewer(h.db, "lead", { teamId: me.teamId });
      const otherLead = await makeViewer(h.db, "lead", { teamId: otherTeam.teamId });
      const director = await makeViewer(h.db, "director");

      assert.equal(await getPersonalGoal(h.db, self, me.id), null);
      // The engineer sets a weekly goal through the action (form data as strings).
      const ok = await runAction(personalGoalDefinition, self, { engineerId: String(me.id), period: "week", points: "75" }, h);
      assert.deepEqual(ok, { ok: true, data: { period: "week", points: 75 } });
      assert.deepEqual(await getPersonalGoal(h.db, self, me.id), { period: "week", points: 75 });
      // The lead changes it to a quarterly one; the row is replaced, not duplicated.
      await setPersonalGoal(h.db, lead, { engineerId: me.id, period: "quarter", points: 600 });
      assert.deepEqual(await getPersonalGoal(h.db, director, me.id), { period: "quarter", points: 600 });
      assert.equal((await h.db.select().from(engineerGoals)).length, 1);

      // Invalid input: clear messages, nothing changes.
      const bad = await runAction(personalGoalDefinition, self, { engineerId: String(me.id), period: "month", points: "-5" }, h);
      assert.equal(!bad.ok && bad.status, 400);
      assert.deepEqual(!bad.ok && bad.fieldErrors, { period: ["Choose a week or a quarter."], points: ["The goal must be more than 0 points."] });
      const nan = await runAction(personalGoalDefinition, self, { engineerId: String(me.id), period: "week", points: "lots" }, h);
      assert.deepEqual(!nan.ok && nan.fieldErrors, { points: ["The goal must be a number of points."] });

      // A colleague, another team's lead and a director may not set it; nor may a colleague read it.
      for (const v of [colleague, otherLead, director]) {
        const r = await runAction(personalGoalDefinition, v, { engineerId: String(me.id), period: "week", points: "1" }, h);
        assert.equal(r.ok ? "allowed" : r.status, 403, v.role);
      }
      await assert.rejects(getPersonalGoal(h.db, colleague, me.id), { name: "AuthError" });
      assert.deepEqual(await getPersonalGoal(h.db, self, me.id), { period: "quarter", points: 600 });

      // An empty number clears the goal. Each change is audited.
      const cleared = await runAction(personalGoalDefinition, self, { engineerId: String(me.id), period: "week", points: "" }, h);
      assert.deepEqual(cleared, { ok: true, data: null });
      assert.equal(await getPersonalGoal(h.db, self, me.id), null);
      const audits = await h.db.select().from(auditLog).where(eq(auditLog.action, "engineer.goal"));
      assert.equal(audits.length, 3);
    } finally {
      await h.close();
    }
  });

  test(`${kind}: the engineer page's badges are the engineer's own and their team's`, async () => {
    const h = await openTestDb(kind);
    try {
      await createDemoOrg(h.db, { historyDays: 2 });
      const all = await h.db.select({ id: engineers.id, teamId: engineers.teamId }).from(engineers).orderBy(engineers.id);
      const me = all[0]!;
      const other = all.find((x) => x.teamId !== me.teamId)!;
      await h.db.insert(badges).values([
        { kind: "quarter_crown", engineerId: me.id, subject: `engineer:${me.id}`, periodStart: "2025-01-01", label: "👑 Points crown Q1 2025" },
        { kind: "challenge_achieved", teamId: me.teamId, subject: `team:${me.teamId}`, periodStart: "2025-02-01", label: "🎯 Февральский спринт" },
        { kind: "quarter_crown", engineerId: other.id, subject: `engineer:${other.id}`, periodStart: "2025-01-01", label: "👑 Points crown Q1 2025" },
      ]);
      const viewer = await makeViewer(h.db, "engineer", { engineerId: other.id, teamId: other.teamId });
      const mine = await getEngineerBadges(h.db, viewer, me.id);
      assert.deepEqual(
        mine.map((b) => [b.label, b.team]),
        [
          ["🎯 Февральский спринт", true],
          ["👑 Points crown Q1 2025", false],
        ],
      );
      await assert.rejects(getEngineerBadges(h.db, null, me.id), { name: "AuthError" });
    } finally {
      await h.close();
    }
  });
}
