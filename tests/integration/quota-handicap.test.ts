import assert from "node:assert/strict";
import { test } from "node:test";
import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, engineers, pointsLedger, ruleSets, teams, users, weeklyQuotas } from "@/db/schema";
import { runAction } from "@/lib/actions/define";
import { teamHandicapDefinition } from "@/lib/actions/index";
import type { Viewer } from "@/lib/auth/policy";
import { refreshAutoHandicaps, trailingQuarters } from "@/lib/handicap/auto";
import { periodContaining } from "@/lib/periods";
import { getEngineerDetail } from "@/lib/queries";
import { refreshWeeklyQuotas } from "@/lib/quota/weekly";
import { DEFAULT_RULES } from "@/lib/scoring/rules";
import { runSync } from "@/lib/sync/run-sync";
import { openTestDb, TEST_DB_KINDS } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";

async function makeViewer(db: Db, role: Viewer["role"], opts: { engineerId?: number | null; teamId?: number | null } = {}): Promise<Viewer> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.com`;
  const [u] = await db
    .insert(users)
    .values({ email, name: role, passwordHash: "x", role, engineerId: opts.engineerId ?? null, teamId: opts.teamId ?? null })
    .returning({ id: users.id });
  return { userId: u!.id, email, name: role, role, engineerId: opts.engineerId ?? null, teamId: opts.teamId ?? null, locale: "en" };
}

/** Points of one engineer in one local ISO week, straight from the ledger. */
async function ledgerWeek(db: Db, engineerId: number, weekStart: string, timeZone: string): Promise<number> {
  const week = periodContaining("week", new Date(`${weekStart}T12:00:00Z`), timeZone);
  const [r] = await db
    .select({ s: sql<number>`coalesce(sum(${pointsLedger.points}), 0)`.mapWith(Number) })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.engineerId, engineerId), gte(pointsLedger.earnedAt, week.start), lt(pointsLedger.earnedAt, week.end)));
  return Math.round(r!.s * 1000) / 1000;
}

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: weekly quotas follow the ledger, the rule version's quota, and show on the engineer page`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 15 });
      const run = await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
      assert.equal(run.status, "succeeded", run.error ?? "");
      const since = new Date(TEST_NOW.getTime() - 20 * 86_400_000);
      const first = await refreshWeeklyQuotas(h.db, since);
      assert.ok(first.weeks > 0);

      const rows = await h.db
        .select({ q: weeklyQuotas, tz: teams.timeZone })
        .from(weeklyQuotas)
        .innerJoin(engineers, eq(engineers.id, weeklyQuotas.engineerId))
        .leftJoin(teams, eq(teams.id, engineers.teamId));
      assert.equal(rows.length, first.weeks);
      // Every row's points are the ledger's for that engineer and local week; the default quota 50.
      for (const { q, tz } of rows) {
        assert.equal(q.points, await ledgerWeek(h.db, q.engineerId, q.weekStart, tz ?? "UTC"), `engineer ${q.engineerId} week ${q.weekStart}`);
        assert.equal(q.quota, 50);
        assert.equal(q.metAt !== null, q.points >= 50);
      }

      // A new rule version with a quota of 5, in force for these weeks: most busy engineers now meet it.
      await h.db.insert(ruleSets).values({ version: 2, name: "Low quota", config: { ...DEFAULT_RULES, weeklyQuota: 5 }, effectiveFrom: new Date("2020-01-01") });
      await refreshWeeklyQuotas(h.db, since);
      const after = await h.db.select().from(weeklyQuotas);
      assert.equal(after.length, first.weeks, "the same engineer-weeks, recomputed in place");
      const met = after.filter((r) => r.metAt !== null);
      assert.ok(met.length > 0);
      for (const r of after) {
        assert.equal(r.quota, 5);
        assert.equal(r.metAt !== null, r.points >= 5);
        if (r.metAt) {
          // Met inside its own week.
          const monday = Date.parse(`${r.weekStart}T00:00:00Z`);
          assert.ok(r.metAt.getTime() >= monday - 86_400_000 && r.metAt.getTime() < monday + 8 * 86_400_000);
        }
      }
      // Idempotent.
      await refreshWeeklyQuotas(h.db, since);
      assert.deepEqual(
        (await h.db.select().from(weeklyQuotas)).sort((a, b) => a.engineerId - b.engineerId || a.weekStart.localeCompare(b.weekStart)),
        after.sort((a, b) => a.engineerId - b.engineerId || a.weekStart.localeCompare(b.weekStart)),
      );

      // The engineer page shows this week's state from the table.
      const sample = met[0]!;
      const admin = await makeViewer(h.db, "admin");
      const [eng] = await h.db.select({ teamId: engineers.teamId }).from(engineers).where(eq(engineers.id, sample.engineerId));
      const [team] = await h.db.select({ tz: teams.timeZone }).from(teams).where(eq(teams.id, eng!.teamId!));
      const inWeek = new Date(Date.parse(`${sample.weekStart}T12:00:00Z`) + 3 * 86_400_000);
      const detail = await getEngineerDetail(h.db, admin, sample.engineerId, { now: inWeek, timeZone: team!.tz });
      assert.deepEqual(
        { points: detail!.quota.points, quota: detail!.quota.quota, met: detail!.quota.met },
        { points: sample.points, quota: 5, met: true },
      );
    } finally {
      await h.close();
    }
  });

  test(`${kind}: automatic team handicap — job writes auto teams only, idempotent; leads set their own team only`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 15 });
      const run = await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
      assert.equal(run.status, "succeeded", run.error ?? "");
      // A quarter later, the synced fortnight lies in the trailing four quarters.
      const later = new Date(TEST_NOW.getTime() + 100 * 86_400_000);
      assert.ok(trailingQuarters(later)[3]!.end.getTime() > TEST_NOW.getTime());
      const falcons = org.teamIds["Falcons"]!;
      const kometa = org.teamIds["Комета"]!;
      const allTeams = await h.db.select().from(teams);
      assert.ok(allTeams.length >= 2);

      // The rule set says "manual" (the default): the job changes nothing.
      assert.deepEqual(await refreshAutoHandicaps(h.db, later), { teams: 0, updated: 0 });

      const lead = await makeViewer(h.db, "lead", { teamId: falcons });
      const engineer = await makeViewer(h.db, "engineer", { teamId: falcons });
      // Leads set only their own team; engineers not at all; a manual value needs both numbers.
      assert.equal((await runAction(teamHandicapDefinition, lead, { teamId: String(kometa), mode: "auto" }, h)).ok, false);
      assert.equal((await runAction(teamHandicapDefinition, engineer, { teamId: String(falcons), mode: "auto" }, h)).ok, false);
      const missing = await runAction(teamHandicapDefinition, lead, { teamId: String(falcons), mode: "manual", csat: "0.2" }, h);
      assert.equal(!missing.ok && missing.status, 400);
      assert.match((!missing.ok && missing.fieldErrors?.pointsFactor?.[0]) || "", /points factor/);
      const outOfRange = await runAction(teamHandicapDefinition, lead, { teamId: String(falcons), mode: "manual", csat: "9", pointsFactor: "1" }, h);
      assert.match((!outOfRange.ok && outOfRange.fieldErrors?.csat?.[0]) || "", /between −2 and 2/);
      assert.deepEqual((await h.db.select().from(auditLog).where(eq(auditLog.action, "team.handicap"))).length, 0);

      // By hand: the values are stored as given.
      const manual = await runAction(teamHandicapDefinition, lead, { teamId: String(falcons), mode: "manual", csat: "0.25", pointsFactor: "1.2" }, h);
      assert.ok(manual.ok, JSON.stringify(manual));
      const [f1] = await h.db.select().from(teams).where(eq(teams.id, falcons));
      assert.deepEqual([f1!.handicapMode, f1!.handicapCsat, f1!.handicapPointsFactor], ["manual", 0.25, 1.2]);

      // The rule set switches to automatic: every team but the manual one gets computed values.
      await h.db.insert(ruleSets).values({ version: 2, name: "Auto handicap", config: { ...DEFAULT_RULES, handicapMode: "auto", handicapStrength: 1 }, effectiveFrom: new Date("2020-01-01") });
      const r1 = await refreshAutoHandicaps(h.db, later);
      assert.equal(r1.teams, allTeams.length - 1);
      const [f2] = await h.db.select().from(teams).where(eq(teams.id, falcons));
      assert.deepEqual([f2!.handicapCsat, f2!.handicapPointsFactor], [0.25, 1.2], "a team set by hand keeps its values");
      const autos = (await h.db.select().from(teams)).filter((t) => t.id !== falcons);
      assert.ok(autos.some((t) => t.handicapPointsFactor !== 1), "some team got a points factor");
      // Strength 1: the teams' points per engineer times their factors meet at one level (unless clamped).
      for (const t of autos) assert.ok(t.handicapPointsFactor >= 0.5 && t.handicapPointsFactor <= 2);
      // Idempotent: a second run changes nothing.
      assert.equal((await refreshAutoHandicaps(h.db, later)).updated, 0);

      // The lead hands the team back to the rule set: it is computed right away, and audited.
      const back = await runAction(teamHandicapDefinition, lead, { teamId: String(falcons), mode: "rules" }, h);
      assert.ok(back.ok, JSON.stringify(back));
      const [f3] = await h.db.select().from(teams).where(eq(teams.id, falcons));
      assert.equal(f3!.handicapMode, null);
      assert.notDeepEqual([f3!.handicapCsat, f3!.handicapPointsFactor], [0.25, 1.2]);
      assert.equal((await h.db.select().from(auditLog).where(eq(auditLog.action, "team.handicap"))).length, 2);
    } finally {
      await h.close();
    }
  });
}
