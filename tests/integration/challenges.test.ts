import assert from "node:assert/strict";
import { test } from "node:test";
import { and, eq, gte, lt } from "drizzle-orm";
import { challenges, engineerIdentities, engineers, pointsLedger, ratings, teams } from "@/db/schema";
import { runAction } from "@/lib/actions/define";
import { challengeCreateDefinition, challengeUpdateDefinition } from "@/lib/actions/index";
import { closeEndedChallenges } from "@/lib/challenges/close";
import { loadDayFacts } from "@/lib/challenges/facts";
import { getChallengeView, getSuggestion, listChallenges, loadContributors } from "@/lib/challenges/queries";
import { dayKey, periodContaining } from "@/lib/periods";
import { runSync } from "@/lib/sync/run-sync";
import { openTestDb, TEST_DB_KINDS } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";
import { makeViewer } from "../helpers/viewers";

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: challenges — who may create, facts per day equal a row-by-row count, view, suggestion`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 75 });
      const run = await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
      assert.equal(run.status, "succeeded", run.error ?? "");
      const falcons = org.teamIds["Falcons"]!;
      const kometa = org.teamIds["Комета"]!;
      await h.db.update(teams).set({ timeZone: "Europe/Moscow" }).where(eq(teams.id, falcons));
      const [someone] = await h.db.select({ id: engineers.id }).from(engineers).where(eq(engineers.teamId, falcons)).limit(1);
      const lead = await makeViewer(h.db, "lead", { teamId: falcons });
      const otherLead = await makeViewer(h.db, "lead", { teamId: kometa });
      const engineer = await makeViewer(h.db, "engineer", { engineerId: someone!.id, teamId: falcons });
      const director = await makeViewer(h.db, "director");

      const input = { name: "Q1 CSAT", teamId: String(falcons), scope: "team", metric: "avg_csat", target: "4.6", minCount: "30", periodStart: "2025-01-01", periodEnd: "2025-03-31" };
      // Engineers are refused before anything is read; another team's lead by the service; nothing written.
      assert.equal((await runAction(challengeCreateDefinition, engineer, input, h)).ok === false && 403, 403);
      const foreign = await runAction(challengeCreateDefinition, otherLead, input, h);
      assert.equal(!foreign.ok && foreign.status, 403);
      const allTeamsByLead = await runAction(challengeCreateDefinition, lead, { ...input, teamId: "" }, h);
      assert.equal(!allTeamsByLead.ok && allTeamsByLead.status, 403);
      assert.equal((await h.db.select().from(challenges)).length, 0);

      // Validation messages beside their fields.
      const bad = await runAction(challengeCreateDefinition, lead, { ...input, target: "6", periodEnd: "2024-12-01", name: "x" }, h);
      assert.equal(!bad.ok && bad.status, 400);
      const fe = (!bad.ok && bad.fieldErrors) || {};
      assert.deepEqual(fe.target, ["An average CSAT target is between 1 and 5."]);
      assert.deepEqual(fe.periodEnd, ["The end date must be on or after the start date."]);
      assert.match(fe.name?.[0] ?? "", /at least 3 characters/);

      const created = await runAction(challengeCreateDefinition, lead, input, h);
      assert.ok(created.ok, JSON.stringify(created));
      const id = (created.data as { id: number }).id;
      const byDirector = await runAction(challengeCreateDefinition, director, { ...input, teamId: "", name: "Everyone: five stars", metric: "five_star_count", target: "50", minCount: "0" }, h);
      assert.ok(byDirector.ok, JSON.stringify(byDirector));
      // The other team's lead cannot edit it either.
      const edit = await runAction(challengeUpdateDefinition, otherLead, { ...input, id: String(id), teamId: String(kometa) }, h);
      assert.equal(!edit.ok && edit.status, 403);
      // The team's lead can; moving it to another team is refused and leaves it as it was.
      const moved = await runAction(challengeUpdateDefinition, lead, { ...input, id: String(id), teamId: String(kometa) }, h);
      assert.equal(!moved.ok && moved.status, 403);
      const renamed = await runAction(challengeUpdateDefinition, lead, { ...input, id: String(id), name: "Q1 CSAT, renamed" }, h);
      assert.ok(renamed.ok, JSON.stringify(renamed));
      const [stored] = await h.db.select().from(challenges).where(eq(challenges.id, id));
      assert.equal(stored!.name, "Q1 CSAT, renamed");
      assert.equal(stored!.teamId, falcons);

      // Facts per local day equal a row-by-row count of the team's ratings.
      const tz = "Europe/Moscow";
      const q = periodContaining("quarter", TEST_NOW, tz);
      const facts = (await loadDayFacts(h.db, { teamId: falcons, by: "team", from: q.start, to: TEST_NOW, timeZone: tz })).get(0) ?? [];
      const rows = await h.db
        .select({ at: ratings.ratedAt, score: ratings.score })
        .from(ratings)
        .innerJoin(engineerIdentities, eq(engineerIdentities.id, ratings.ratedIdentityId))
        .innerJoin(engineers, eq(engineers.id, engineerIdentities.engineerId))
        .where(and(eq(engineers.teamId, falcons), gte(ratings.ratedAt, q.start), lt(ratings.ratedAt, TEST_NOW)));
      assert.ok(rows.length > 10, "the demo gives the team ratings");
      const expected = new Map<string, { n: number; sum: number }>();
      for (const r of rows) {
        const k = dayKey(r.at, tz);
        const e = expected.get(k) ?? { n: 0, sum: 0 };
        expected.set(k, { n: e.n + 1, sum: e.sum + r.score });
      }
      assert.deepEqual(
        facts.filter((f) => f.ratings > 0).map((f) => [f.date, f.ratings, Math.round(f.ratingSum * 100) / 100]),
        [...expected].sort().map(([k, e]) => [k, e.n, Math.round(e.sum * 100) / 100]),
      );
      const points = await h.db.select({ p: pointsLedger.points }).from(pointsLedger).innerJoin(engineers, eq(engineers.id, pointsLedger.engineerId)).where(and(eq(engineers.teamId, falcons), gte(pointsLedger.earnedAt, q.start), lt(pointsLedger.earnedAt, TEST_NOW)));
      assert.equal(Math.round(facts.reduce((s, f) => s + f.points, 0) * 100), Math.round(points.reduce((s, r) => s + r.p, 0) * 100));

      // The page's view: the engineer of the team sees it; the other lead does not.
      const view = await getChallengeView(h.db, engineer, { id, now: TEST_NOW });
      assert.equal(view.evaluation.progress, rows.length);
      assert.equal(view.canEdit, false);
      assert.equal(view.evaluation.daysLeft, 30); // today (1 Mar) counts as elapsed: 2–31 Mar are left
      assert.equal((await getChallengeView(h.db, lead, { id, now: TEST_NOW })).canEdit, true);
      await assert.rejects(getChallengeView(h.db, otherLead, { id, now: TEST_NOW }), { name: "AuthError" });
      assert.deepEqual((await listChallenges(h.db, otherLead, { now: TEST_NOW })).map((c) => c.challenge.name), ["Everyone: five stars"]);

      // Contributors on a busy day: every share is between 0 and 1 and names a Falcons engineer.
      const busy = [...expected].sort((a, b) => b[1].n - a[1].n)[0]![0];
      const day = periodContaining("day", new Date(`${busy}T12:00:00Z`), tz);
      const cs = await loadContributors(h.db, { teamId: falcons, from: day.start, to: day.end });
      assert.ok(cs.length > 0, "contributors on the busiest day");
      const falconIds = new Set((await h.db.select({ id: engineers.id }).from(engineers).where(eq(engineers.teamId, falcons))).map((r) => r.id));
      assert.ok(cs.every((c) => falconIds.has(c.engineerId)), "only the team's engineers are listed");
      for (const t of cs.flatMap((c) => c.tickets)) {
        assert.ok(t.share > 0 && t.share <= 1, `share of #${t.ticketRef}`);
        // A shared ticket's parts add up to the whole rating.
        const othersPct = t.others.reduce((sum, o) => sum + Number(/(\d+) %$/.exec(o)![1]), 0);
        assert.ok(Math.abs(Math.round(t.share * 100) + othersPct - 100) <= 1, `parts of #${t.ticketRef}`);
      }
      assert.ok(cs.some((c) => c.tickets.some((t) => t.others.length > 0)), "the busiest day has a shared ticket");

      // The suggestion shows the past quarters and beats the best one.
      const sug = await getSuggestion(h.db, lead, { teamId: falcons, metric: "five_star_count", now: TEST_NOW });
      assert.equal(sug.history.length, 6);
      const best = Math.max(...sug.history.map((x) => x.value ?? 0));
      assert.ok(best > 0, JSON.stringify(sug.history));
      assert.equal(sug.suggestion?.target, Math.ceil(best * 1.25));
      await assert.rejects(getSuggestion(h.db, engineer, { teamId: falcons, metric: "points", now: TEST_NOW }), { name: "AuthError" });
    } finally {
      await h.close();
    }
  });
}

test("pglite: a closed challenge's result reads in the viewer's language; one closed before its facts were stored reads as stored", async () => {
  const h = await openTestDb("pglite");
  try {
    const org = await createDemoOrg(h.db, { historyDays: 20 });
    assert.equal((await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 })).status, "succeeded");
    const falcons = org.teamIds["Falcons"]!;
    const lead = await makeViewer(h.db, "lead", { teamId: falcons });
    const ended = { teamId: String(falcons), scope: "team", minCount: "0", periodStart: "2025-02-10", periodEnd: "2025-02-20" };
    assert.ok((await runAction(challengeCreateDefinition, lead, { ...ended, name: "Ten five-stars", metric: "five_star_count", target: "10" }, h)).ok);
    assert.ok((await runAction(challengeCreateDefinition, lead, { ...ended, name: "A million points", metric: "points", target: "1000000" }, h)).ok);
    assert.equal((await closeEndedChallenges(h.db, TEST_NOW)).closed, 2);

    const [stars, points] = await h.db.select().from(challenges).orderBy(challenges.id);
    const english = (stars!.result as { whatItTakes: string }).whatItTakes;
    assert.match(english, /^Achieved: \d+ of 10 five-star ratings\.$/);
    const text = async (locale: string) => new Map((await listChallenges(h.db, { ...lead, locale })).map((i) => [i.challenge.id, i.closed?.text]));
    const ru = await text("ru");
    assert.match(ru.get(stars!.id)!, /^Достигнуто: пятизвёздочные оценки: \d+ из 10\.$/);
    assert.match(ru.get(points!.id)!, /^Не достигнуто: баллы: [\d\s,]+ из 1\s000\s000\.$/);
    assert.equal((await text("en")).get(stars!.id), english);

    // A row closed before the facts were kept: its English sentence, in every language.
    await h.db.update(challenges).set({ result: { state: "missed", value: 3, progress: 3, whatItTakes: "Missed: 3 of 10 five-star ratings.", series: [] } }).where(eq(challenges.id, stars!.id));
    assert.equal((await text("ru")).get(stars!.id), "Missed: 3 of 10 five-star ratings.");
  } finally {
    await h.close();
  }
});
