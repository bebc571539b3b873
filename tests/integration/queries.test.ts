import assert from "node:assert/strict";
import { eq, like } from "drizzle-orm";
import { rebuildRollups } from "@/lib/rollups";
import { after, before, describe, test } from "node:test";
import type { Db } from "@/db/client";
import {
  connections,
  engineerIdentities,
  engineers,
  engineerSkillGroups,
  lines,
  pointsLedger,
  ratings,
  ruleSets,
  skillGroups,
  syncCursors,
  syncRuns,
  teams,
  tickets,
} from "@/db/schema";
import { AuthError, type Viewer } from "@/lib/auth/policy";
import {
  getBoardOptions,
  getEngineerDetail,
  getEngineerExtras,
  getLeaderboard,
  getSyncStatus,
  getTeamBoard,
  getViewerTimeZone,
  RUNS_PER_CONNECTION,
} from "@/lib/queries";
import { csatLowerBound } from "@/lib/ranking";
import type { PointsBreakdown } from "@/lib/scoring/types";
import { openTestDb, TEST_DB_KINDS } from "../helpers/db";

/**
 * A small hand-made organisation, inserted row by row, with the expected figures worked out by
 * hand. "Now" is Wednesday 18 Nov 2026 12:00 UTC: the week is 16–22 Nov, the quarter Q4 2026.
 *
 * Points this week (UTC): Анна 3 (2 + 1.5 − 0.5 revoked), Chen 3, Dana 2.5, Boris 1.5, Emil 1,
 * F6…F12 0.9 … 0.3, Fred (inactive, has points) 0.2, Greta 0, Zoe 0. Ivan is inactive without
 * points: not on the board.
 * Earlier: Анна +5 on Sunday 15 Nov 23:59:59 UTC (Monday 02:59 in Moscow), Boris +10 on 2 Nov,
 * Dana +1 on 5 Oct, Chen +100 on 30 Sep 23:00 UTC (already 1 Oct in Moscow).
 */
const NOW = new Date("2026-11-18T12:00:00Z");

type Ids = Awaited<ReturnType<typeof seed>>;

function breakdown(points: number, opts: { revoked?: boolean; lineCode?: string } = {}): PointsBreakdown {
  return {
    ruleVersion: 1,
    lineCode: opts.lineCode ?? "L2",
    base: opts.revoked ? 1 : points,
    crossSkill: null,
    rating: null,
    csatGate: null,
    fiveStarBonus: 0,
    reopen: opts.revoked ? { at: "2026-11-17T08:00:00.000Z", penalty: points } : null,
    share: 1,
    contributors: 1,
    total: points,
  };
}

async function seed(db: Db) {
  const [l1, l2, l3] = await db
    .insert(lines)
    .values([
      { code: "L1", name: "First line", sortOrder: 1 },
      { code: "L2", name: "Second line", sortOrder: 2 },
      { code: "L3", name: "Third line", sortOrder: 3 },
    ])
    .returning();
  const [alpha, beta, gamma, delta] = await db
    .insert(teams)
    .values([
      { name: "Alpha", handicapCsat: 0, handicapPointsFactor: 1 },
      { name: "Beta", handicapCsat: 0.1, handicapPointsFactor: 1.5 },
      { name: "Гамма", handicapCsat: 0.5, handicapPointsFactor: 1, timeZone: "Europe/Moscow" },
      { name: "Delta", handicapCsat: 0.3, handicapPointsFactor: 1 },
    ])
    .returning();
  const [exportSg, billingSg] = await db
    .insert(skillGroups)
    .values([{ name: "Export" }, { name: "Billing" }])
    .returning();

  const eng = async (displayName: string, teamId: number, lineId: number, active = true) =>
    (await db.insert(engineers).values({ displayName, teamId, lineId, active }).returning())[0]!.id;
  const anna = await eng("Анна Иванова", alpha!.id, l2!.id);
  const boris = await eng("Boris", alpha!.id, l1!.id);
  const zoe = await eng("Zoe", alpha!.id, l1!.id);
  const ivan = await eng("Ivan (left)", alpha!.id, l1!.id, false);
  const chen = await eng("Chen", beta!.id, l2!.id);
  const dana = await eng("Dana", beta!.id, l3!.id);
  const emil = await eng("Emil", gamma!.id, l1!.id);
  const fred = await eng("Fred (left)", gamma!.id, l2!.id, false);
  const greta = await eng("Greta", delta!.id, l2!.id);
  const fillers: number[] = [];
  for (let i = 6; i <= 12; i++) fillers.push(await eng(`F${i}`, i <= 8 ? beta!.id : gamma!.id, l2!.id));

  await db.insert(engineerSkillGroups).values([
    { engineerId: anna, skillGroupId: exportSg!.id },
    { engineerId: boris, skillGroupId: billingSg!.id },
    { engineerId: chen, skillGroupId: exportSg!.id },
    { engineerId: chen, skillGroupId: billingSg!.id },
  ]);

  const [conn, conn2] = await db
    .insert(connections)
    .values([
      { kind: "demo", name: "Demo desk", credentialsEncrypted: "SECRET-ENVELOPE-1", settings: { apiToken: "SECRET-TOKEN" } },
      { kind: "zendesk", name: "Zendesk EU", enabled: false, credentialsEncrypted: "SECRET-ENVELOPE-2" },
    ])
    .returning();

  // Helpdesk identities: Анна has two in the same desk (both count as her); one agent is unmapped.
  const identity = async (externalId: string, engineerId: number | null) =>
    (await db.insert(engineerIdentities).values({ connectionId: conn!.id, externalId, name: externalId, engineerId }).returning())[0]!
      .id;
  const idOf: Record<string, number> = {
    anna: await identity("a1", anna),
    anna2: await identity("a1b", anna),
    boris: await identity("b1", boris),
    chen: await identity("c1", chen),
    dana: await identity("d1", dana),
    emil: await identity("e1", emil),
    greta: await identity("g1", greta),
    nobody: await identity("x1", null),
  };

  const [rules] = await db
    .insert(ruleSets)
    .values({ version: 1, name: "Defaults", config: {} as never, effectiveFrom: new Date("2026-01-01T00:00:00Z") })
    .returning();

  let ticketNo = 0;
  const ledger = async (
    engineerId: number,
    points: number,
    earnedAt: string,
    state: "pending" | "confirmed" | "revoked" = "confirmed",
    subject?: string,
  ) => {
    ticketNo++;
    const at = new Date(earnedAt);
    const [t] = await db
      .insert(tickets)
      .values({
        connectionId: conn!.id,
        externalId: `T-${ticketNo}`,
        subject: subject ?? `Ticket ${ticketNo}`,
        status: "solved",
        rawStatus: "solved",
        createdAtSource: at,
        updatedAtSource: at,
        solvedAt: at,
      })
      .returning();
    await db.insert(pointsLedger).values({
      ticketId: t!.id,
      engineerId,
      ruleSetId: rules!.id,
      points,
      state,
      breakdown: breakdown(points, { revoked: state === "revoked" }),
      earnedAt: at,
      confirmAfter: new Date(at.getTime() + 7 * 24 * 3600_000),
    });
    return t!.id;
  };

  // This week.
  await ledger(anna, 2, "2026-11-18T09:00:00Z", "pending", "Не работает экспорт отчёта");
  await ledger(anna, 1.5, "2026-11-17T10:00:00Z", "pending");
  await ledger(anna, -0.5, "2026-11-16T08:00:00Z", "revoked");
  await ledger(chen, 3, "2026-11-16T00:00:00Z");
  await ledger(boris, 1, "2026-11-17T09:00:00Z");
  await ledger(boris, 0.5, "2026-11-18T11:59:59Z");
  await ledger(dana, 2.5, "2026-11-17T12:00:00Z");
  await ledger(emil, 1, "2026-11-17T22:30:00Z"); // 18 Nov 01:30 in Moscow: "today" for Emil's team
  for (let i = 0; i < fillers.length; i++) await ledger(fillers[i]!, Math.round((0.9 - i * 0.1) * 10) / 10, "2026-11-17T15:00:00Z");
  await ledger(fred, 0.2, "2026-11-16T15:00:00Z");
  // Earlier in the month / quarter, and just before the quarter.
  await ledger(anna, 5, "2026-11-15T23:59:59Z");
  await ledger(boris, 10, "2026-11-02T10:00:00Z");
  await ledger(dana, 1, "2026-10-05T10:00:00Z");
  await ledger(chen, 100, "2026-09-30T23:00:00Z");
  // Next quarter: never counted "now".
  await ledger(greta, 50, "2027-01-05T00:00:00Z");

  let ratingNo = 0;
  const rate = async (identityKey: string | null, score: number, ratedAt: string) => {
    ratingNo++;
    await db.insert(ratings).values({
      connectionId: conn!.id,
      externalId: `R-${ratingNo}`,
      ticketExternalId: `T-${ratingNo}`,
      ratedIdentityId: identityKey === null ? null : idOf[identityKey]!,
      scale: "one_to_five",
      rawValue: String(score),
      score,
      ratedAt: new Date(ratedAt),
      updatedAtSource: new Date(ratedAt),
    });
  };
  // Alpha: Анна 5, 5 (second identity), 4 this week; Boris 2 this week and 5 on 10 Nov → 5 ratings, avg 4.2.
  await rate("anna", 5, "2026-11-17T10:00:00Z");
  await rate("anna2", 5, "2026-11-17T11:00:00Z");
  await rate("anna", 4, "2026-11-16T10:00:00Z");
  await rate("boris", 2, "2026-11-17T10:00:00Z");
  await rate("boris", 5, "2026-11-10T10:00:00Z");
  // Beta: Chen 5, 3; Dana 5, 5, 5, 5, 4, 5 → 8 ratings, sum 37, avg 4.625.
  await rate("chen", 5, "2026-11-17T10:00:00Z");
  await rate("chen", 3, "2026-10-17T10:00:00Z");
  for (const s of [5, 5, 5, 5, 4, 5]) await rate("dana", s, "2026-10-20T10:00:00Z");
  // Гамма: Emil 5, 5 → below the minimum sample of 5.
  await rate("emil", 5, "2026-11-17T10:00:00Z");
  await rate("emil", 5, "2026-11-01T10:00:00Z");
  // Delta: Greta 4 × 5 → avg 4.0, with a handicap of 0.3.
  for (let i = 0; i < 5; i++) await rate("greta", 4, "2026-11-03T10:00:00Z");
  // Not counted: no rated identity, an unmapped identity, last quarter.
  await rate(null, 1, "2026-11-17T10:00:00Z");
  await rate("nobody", 1, "2026-11-17T10:00:00Z");
  await rate("anna", 1, "2026-09-29T10:00:00Z");

  // Sync runs: 25 hourly runs of the demo desk (the latest 20 come back), one failed Zendesk run.
  await db.insert(syncCursors).values([
    { connectionId: conn!.id, stream: "tickets", cursor: "2026-11-18T11:00:00Z" },
    { connectionId: conn!.id, stream: "ratings", cursor: "page-7" },
  ]);
  for (let i = 0; i < 25; i++) {
    const startedAt = new Date(Date.UTC(2026, 10, 17, i, 0, 0));
    await db.insert(syncRuns).values({
      connectionId: conn!.id,
      trigger: "schedule",
      status: "succeeded",
      startedAt,
      finishedAt: new Date(startedAt.getTime() + (i + 1) * 1000),
      pages: i,
      ticketsStored: 10 + i,
      ratingsStored: 2,
      rejected: i === 24 ? 1 : 0,
      rejects: i === 24 ? [{ stream: "tickets", externalId: "T-bad", reason: "missing requester" }] : [],
    });
  }
  await db.insert(syncRuns).values([
    {
      connectionId: conn2!.id,
      trigger: "manual",
      status: "failed",
      startedAt: new Date("2026-11-18T10:00:00Z"),
      finishedAt: new Date("2026-11-18T10:00:02.500Z"),
      error: "401 Unauthorized from Zendesk",
    },
    { connectionId: conn2!.id, trigger: "manual", status: "running", startedAt: new Date("2026-11-18T11:00:00Z") },
  ]);

  return {
    lines: { l1: l1!.id, l2: l2!.id, l3: l3!.id },
    teams: { alpha: alpha!.id, beta: beta!.id, gamma: gamma!.id, delta: delta!.id },
    skills: { export: exportSg!.id, billing: billingSg!.id },
    eng: { anna, boris, zoe, ivan, chen, dana, emil, fred, greta, fillers },
    conn: conn!.id,
    conn2: conn2!.id,
  };
}

function viewer(role: Viewer["role"], extra: Partial<Viewer> = {}): Viewer {
  return { userId: 1, email: `${role}@example.test`, name: role, role, engineerId: null, teamId: null, locale: "en", ...extra };
}

const isAuth = (status: 401 | 403) => (e: unknown) => e instanceof AuthError && e.status === status;

for (const kind of TEST_DB_KINDS) {
  describe(`queries on ${kind}`, () => {
    let h: Awaited<ReturnType<typeof openTestDb>>;
    let db: Db;
    let ids: Ids;
    let v: Record<"admin" | "director" | "leadAlpha" | "leadBeta" | "zoe" | "anna" | "emil", Viewer>;

    before(async () => {
      h = await openTestDb(kind);
      db = h.db;
      ids = await seed(db);
      // The seed writes ledger rows and ratings directly; the boards read the rollups.
      await rebuildRollups(db);
      v = {
        admin: viewer("admin"),
        director: viewer("director"),
        leadAlpha: viewer("lead", { teamId: ids.teams.alpha }),
        leadBeta: viewer("lead", { teamId: ids.teams.beta, engineerId: ids.eng.chen }),
        zoe: viewer("engineer", { engineerId: ids.eng.zoe, teamId: ids.teams.alpha }),
        anna: viewer("engineer", { engineerId: ids.eng.anna, teamId: ids.teams.alpha, locale: "en" }),
        emil: viewer("engineer", { engineerId: ids.eng.emil, teamId: ids.teams.gamma }),
      };
    });
    after(async () => {
      await h?.close();
    });

    describe("getLeaderboard", () => {
      test("week: exact points, shared rank 1 with two crowns, tickets and five-stars", async () => {
        const b = await getLeaderboard(db, v.zoe, { period: "week", now: NOW });
        assert.equal(b.period.label, "week of 16 Nov");
        assert.equal(b.total, 15); // 16 engineers, Ivan (inactive, no points) left out
        assert.deepEqual(
          b.rows.map((r) => [r.name, r.rank, r.points, r.crown]),
          [
            ["Анна Иванова", 1, 3, true],
            ["Chen", 1, 3, true],
            ["Dana", 3, 2.5, false],
            ["Boris", 4, 1.5, false],
            ["Emil", 5, 1, false],
            ["F6", 6, 0.9, false],
            ["F7", 7, 0.8, false],
            ["F8", 8, 0.7, false],
            ["F9", 9, 0.6, false],
            ["F10", 10, 0.5, false],
          ],
        );
        const anna = b.rows[0]!;
        assert.equal(anna.tickets, 2); // the revoked row is not a ticket
        assert.equal(anna.fiveStars, 2); // through both identities; the 4 is not a five
        assert.equal(anna.teamName, "Alpha");
        assert.equal(anna.lineCode, "L2");
        assert.equal(b.rows[1]!.fiveStars, 1);
        assert.equal(b.rows.find((r) => r.name === "Boris")!.fiveStars, 0); // his 5 was last week
        assert.ok(b.rows.every((r) => !r.isOwn));
      });

      test("the viewer's own row outside the top 10", async () => {
        const b = await getLeaderboard(db, v.zoe, { period: "week", now: NOW });
        assert.equal(b.ownInTop, false);
        assert.equal(b.own?.engineerId, ids.eng.zoe);
        assert.equal(b.own?.rank, 14); // tied with Greta at 0, after F11 0.4, F12 0.3, Fred 0.2
        assert.equal(b.own?.points, 0);
        assert.equal(b.own?.isOwn, true);
        assert.equal(b.own?.crown, false);
      });

      test("own row inside the top; viewers without an engineer have none", async () => {
        const b = await getLeaderboard(db, v.anna, { now: NOW });
        assert.equal(b.ownInTop, true);
        assert.equal(b.own?.rank, 1);
        assert.equal(b.rows.find((r) => r.isOwn)?.engineerId, ids.eng.anna);
        const d = await getLeaderboard(db, v.director, { now: NOW });
        assert.equal(d.own, null);
      });

      test("inactive engineers appear only with points; later points never count", async () => {
        const b = await getLeaderboard(db, v.director, { now: NOW, top: 100 });
        const names = b.rows.map((r) => r.name);
        assert.ok(names.includes("Fred (left)"));
        assert.ok(!names.includes("Ivan (left)"));
        assert.equal(b.rows.find((r) => r.name === "Greta")!.points, 0);
      });

      test("month and quarter", async () => {
        const m = await getLeaderboard(db, v.zoe, { period: "month", now: NOW });
        assert.equal(m.period.label, "November 2026");
        assert.deepEqual(
          m.rows.slice(0, 4).map((r) => [r.name, r.rank, r.points, r.crown]),
          [
            ["Boris", 1, 11.5, true],
            ["Анна Иванова", 2, 8, false],
            ["Chen", 3, 3, false],
            ["Dana", 4, 2.5, false],
          ],
        );
        const q = await getLeaderboard(db, v.zoe, { period: "quarter", now: NOW });
        assert.equal(q.period.label, "Q4 2026");
        assert.deepEqual(
          q.rows.slice(0, 4).map((r) => [r.name, r.rank, r.points]),
          [
            ["Boris", 1, 11.5],
            ["Анна Иванова", 2, 8],
            ["Dana", 3, 3.5],
            ["Chen", 4, 3],
          ],
        );
      });

      test("a time zone moves the boundaries (Moscow: Chen's 30 Sep 23:00 UTC is in Q4)", async () => {
        const q = await getLeaderboard(db, v.zoe, { period: "quarter", now: NOW, timeZone: "Europe/Moscow" });
        assert.deepEqual([q.rows[0]!.name, q.rows[0]!.points], ["Chen", 103]);
        const w = await getLeaderboard(db, v.zoe, { period: "week", now: NOW, timeZone: "Europe/Moscow" });
        assert.equal(w.rows[0]!.name, "Анна Иванова");
        assert.equal(w.rows[0]!.points, 8); // Sunday 23:59:59 UTC is Monday in Moscow
      });

      test("filters: team, line, skill group", async () => {
        const team = await getLeaderboard(db, v.zoe, { now: NOW, teamId: ids.teams.beta });
        assert.deepEqual(
          team.rows.map((r) => [r.name, r.rank, r.crown]),
          [
            ["Chen", 1, true],
            ["Dana", 2, false],
            ["F6", 3, false],
            ["F7", 4, false],
            ["F8", 5, false],
          ],
        );
        assert.equal(team.own, null); // Zoe is not in Beta
        assert.equal(team.filters.teamId, ids.teams.beta);

        const line = await getLeaderboard(db, v.zoe, { now: NOW, lineId: ids.lines.l1 });
        assert.deepEqual(
          line.rows.map((r) => [r.name, r.rank, r.points]),
          [
            ["Boris", 1, 1.5],
            ["Emil", 2, 1],
            ["Zoe", 3, 0],
          ],
        );
        assert.equal(line.ownInTop, true);

        const exp = await getLeaderboard(db, v.zoe, { now: NOW, skillGroupId: ids.skills.export });
        assert.deepEqual(
          exp.rows.map((r) => [r.name, r.rank, r.crown]),
          [
            ["Анна Иванова", 1, true],
            ["Chen", 1, true],
          ],
        );
        const bill = await getLeaderboard(db, v.zoe, { now: NOW, skillGroupId: ids.skills.billing, lineId: ids.lines.l1 });
        assert.deepEqual(bill.rows.map((r) => r.name), ["Boris"]);
      });

      test("invalid filters are rejected by the schema", async () => {
        await assert.rejects(getLeaderboard(db, v.zoe, { teamId: -1 }));
        await assert.rejects(getLeaderboard(db, v.zoe, { period: "decade" as never }));
        await assert.rejects(getLeaderboard(db, v.zoe, { timeZone: "Mars/Olympus" }));
      });

      test("anonymous → 401", async () => {
        await assert.rejects(getLeaderboard(db, null, { now: NOW }), isAuth(401));
      });
    });

    describe("getTeamBoard", () => {
      test("CSAT: raw and handicapped averages, counts, minimum sample, crown", async () => {
        const b = await getTeamBoard(db, v.zoe, { now: NOW });
        assert.equal(b.period.label, "Q4 2026");
        assert.equal(b.minSample, 5);
        assert.deepEqual(
          b.byCsat.map((r) => [r.name, r.rank, r.crown, r.ratings, r.average, r.fiveStars]),
          [
            ["Beta", 1, true, 8, 4.625, 6],
            ["Delta", 2, false, 5, 4, 0],
            ["Alpha", 3, false, 5, 4.2, 3],
            ["Гамма", null, false, 2, 5, 2],
          ],
        );
        const [beta, delta, alpha, gamma] = b.byCsat;
        // Beta: Wilson bound of 4.625 over 8 ratings (3.2500) + 0.1.
        assert.ok(Math.abs(beta!.score! - 3.35) < 1e-4);
        assert.ok(Math.abs(beta!.handicappedAverage! - 4.725) < 1e-9);
        // Delta's raw 4.0 is below Alpha's 4.2, but its 0.3 handicap lifts it: 2.3440 + 0.3 > 2.5021.
        assert.ok(Math.abs(delta!.score! - (csatLowerBound(4, 5) + 0.3)) < 1e-9);
        assert.ok(Math.abs(alpha!.score! - 2.5021) < 1e-4);
        assert.equal(alpha!.isOwn, true);
        // Two perfect ratings are listed but not ranked, whatever the handicap.
        assert.equal(gamma!.score, null);
        assert.equal(gamma!.handicappedAverage, 5.5);
      });

      test("a smaller minimum sample ranks Гамма, but its 2 fives stay below Beta's 8 ratings", async () => {
        const b = await getTeamBoard(db, v.zoe, { now: NOW, minSample: 2 });
        // Гамма: 1 + 4 × wilson(2 of 2) = 2.3695, + 0.5 handicap = 2.8695 < Beta 3.35.
        assert.deepEqual(
          b.byCsat.map((r) => [r.name, r.rank]),
          [
            ["Beta", 1],
            ["Гамма", 2],
            ["Delta", 3],
            ["Alpha", 4],
          ],
        );
        assert.ok(Math.abs(b.byCsat[1]!.score! - 2.8695) < 1e-4);
        const m = await getTeamBoard(db, v.zoe, { now: NOW, period: "month" });
        const beta = m.byCsat.find((r) => r.name === "Beta")!;
        assert.equal(beta.ratings, 1); // only Chen's 5 of 17 Nov
        assert.equal(beta.rank, null);
      });

      test("points: raw, per engineer, with the points factor; crown on #1", async () => {
        const b = await getTeamBoard(db, v.zoe, { now: NOW });
        const rows = b.byPoints.map((r) => [r.name, r.rank, r.crown, r.points, r.engineers, r.adjustedPoints]);
        assert.equal(rows.length, 4);
        assert.deepEqual(rows[0], ["Alpha", 1, true, 19.5, 3, 19.5]);
        assert.deepEqual(rows[1]!.slice(0, 5), ["Beta", 2, false, 8.9, 5]);
        assert.ok(Math.abs((rows[1]![5] as number) - 13.35) < 1e-9);
        assert.deepEqual(rows[2]!.slice(0, 5), ["Гамма", 3, false, 3, 5]);
        assert.deepEqual(rows[3], ["Delta", 4, false, 0, 1, 0]);
        assert.equal(b.byPoints[0]!.pointsPerEngineer, 6.5);
      });

      test("anonymous → 401", async () => {
        await assert.rejects(getTeamBoard(db, null, { now: NOW }), isAuth(401));
      });
    });

    describe("getEngineerDetail", () => {
      test("points today / week / quarter, 30 days, recent rows with reasons", async () => {
        const d = await getEngineerDetail(db, v.anna, ids.eng.anna, { now: NOW });
        assert.ok(d);
        assert.equal(d.engineer.name, "Анна Иванова");
        assert.equal(d.engineer.teamName, "Alpha");
        assert.equal(d.engineer.lineCode, "L2");
        assert.deepEqual(d.engineer.skills.map((s) => s.name), ["Export"]);
        assert.equal(d.timeZone, "UTC");
        assert.deepEqual(d.points, { today: 2, week: 3, quarter: 8 });
        assert.equal(d.daily.length, 30);
        assert.equal(d.daily[0]!.date, "2026-10-20");
        assert.equal(d.daily[29]!.date, "2026-11-18");
        assert.deepEqual(
          d.daily.filter((x) => x.points !== 0).map((x) => [x.date, x.points]),
          [
            ["2026-11-15", 5],
            ["2026-11-16", -0.5],
            ["2026-11-17", 1.5],
            ["2026-11-18", 2],
          ],
        );
        assert.equal(d.daily[29]!.label, "18 Nov");
        assert.deepEqual(
          d.recent.map((r) => [r.points, r.state]),
          [
            [2, "pending"],
            [1.5, "pending"],
            [-0.5, "revoked"],
            [5, "confirmed"],
          ],
        );
        const first = d.recent[0]!;
        assert.equal(first.subject, "Не работает экспорт отчёта");
        assert.equal(first.ticketExternalId, "T-1");
        assert.equal(first.connectionName, "Demo desk");
        assert.equal(first.breakdown.total, 2);
        assert.equal(first.explanation, "L2 base 2 = 2.0 — pending until 25 Nov (reopen window) (rules v1)");
        assert.match(d.recent[2]!.explanation, /reopened inside the window/);
        // The same rows for an engineer who reads Russian.
        const ru = await getEngineerDetail(db, { ...v.anna, locale: "ru" }, ids.eng.anna, { now: NOW });
        assert.equal(ru!.recent[0]!.explanation, "L2: база 2 = 2,0 — ожидает до 25 нояб. (окно переоткрытия) (правила v1)");
        assert.match(ru!.recent[2]!.explanation, /^переоткрыта в окне \(\d+ нояб\.\) — баллы отозваны/);
        assert.deepEqual(d.recentPage, { offset: 0, limit: 25, hasOlder: false });

        // Pages of the ledger: two rows a page, newest first, and whether an older page follows.
        const p1 = await getEngineerDetail(db, v.anna, ids.eng.anna, { now: NOW, recentLimit: 2 });
        const p2 = await getEngineerDetail(db, v.anna, ids.eng.anna, { now: NOW, recentLimit: 2, recentOffset: 2 });
        assert.deepEqual(p1!.recent.map((r) => r.points), [2, 1.5]);
        assert.deepEqual(p1!.recentPage, { offset: 0, limit: 2, hasOlder: true });
        assert.deepEqual(p2!.recent.map((r) => r.points), [-0.5, 5]);
        assert.deepEqual(p2!.recentPage, { offset: 2, limit: 2, hasOlder: false });
      });

      test("the team's time zone is the default (Гамма is in Moscow)", async () => {
        const d = await getEngineerDetail(db, v.emil, ids.eng.emil, { now: NOW });
        assert.equal(d?.timeZone, "Europe/Moscow");
        assert.equal(d?.points.today, 1); // 17 Nov 22:30 UTC is 18 Nov in Moscow
        const utc = await getEngineerDetail(db, v.emil, ids.eng.emil, { now: NOW, timeZone: "UTC" });
        assert.equal(utc?.points.today, 0);
      });

      test("who may see whom", async () => {
        // Engineers: only themselves.
        await assert.rejects(getEngineerDetail(db, v.zoe, ids.eng.anna, { now: NOW }), isAuth(403));
        assert.ok(await getEngineerDetail(db, v.zoe, ids.eng.zoe, { now: NOW }));
        // Leads: their team and themselves.
        assert.ok(await getEngineerDetail(db, v.leadAlpha, ids.eng.anna, { now: NOW }));
        await assert.rejects(getEngineerDetail(db, v.leadAlpha, ids.eng.chen, { now: NOW }), isAuth(403));
        await assert.rejects(getEngineerDetail(db, v.leadBeta, ids.eng.anna, { now: NOW }), isAuth(403));
        assert.ok(await getEngineerDetail(db, v.leadBeta, ids.eng.dana, { now: NOW }));
        // Directors and admins: everyone.
        assert.ok(await getEngineerDetail(db, v.director, ids.eng.anna, { now: NOW }));
        assert.ok(await getEngineerDetail(db, v.admin, ids.eng.emil, { now: NOW }));
        await assert.rejects(getEngineerDetail(db, null, ids.eng.anna, { now: NOW }), isAuth(401));
      });

      test("unknown ids: null for those who may see anyone, 403 for the others", async () => {
        assert.equal(await getEngineerDetail(db, v.director, 999_999, { now: NOW }), null);
        assert.equal(await getEngineerDetail(db, v.admin, -3, { now: NOW }), null);
        await assert.rejects(getEngineerDetail(db, v.zoe, 999_999, { now: NOW }), isAuth(403));
        await assert.rejects(getEngineerDetail(db, v.leadAlpha, 999_999, { now: NOW }), isAuth(403));
        await assert.rejects(getEngineerDetail(db, null, 999_999, { now: NOW }), isAuth(401));
      });
    });

    describe("getSyncStatus", () => {
      test("connections, cursors and the latest 20 runs each; never credentials", async () => {
        const s = await getSyncStatus(db, v.admin);
        assert.deepEqual(
          s.connections.map((c) => [c.name, c.kind, c.enabled, c.runs.length]),
          [
            ["Demo desk", "demo", true, RUNS_PER_CONNECTION],
            ["Zendesk EU", "zendesk", false, 2],
          ],
        );
        const demo = s.connections[0]!;
        assert.deepEqual(
          demo.cursors.map((c) => [c.stream, c.cursor]),
          [
            ["ratings", "page-7"],
            ["tickets", "2026-11-18T11:00:00Z"],
          ],
        );
        // Newest first: the run started at 17 Nov 24:00 (i = 24) down to i = 5.
        assert.equal(demo.runs[0]!.startedAt.toISOString(), "2026-11-18T00:00:00.000Z");
        assert.equal(demo.runs[0]!.durationMs, 25_000);
        assert.equal(demo.runs[0]!.ticketsStored, 34);
        assert.equal(demo.runs[0]!.rejected, 1);
        assert.deepEqual(demo.runs[0]!.rejects, [{ stream: "tickets", externalId: "T-bad", reason: "missing requester" }]);
        assert.equal(demo.runs[19]!.pages, 5);
        const zd = s.connections[1]!;
        assert.equal(zd.runs[0]!.status, "running");
        assert.equal(zd.runs[0]!.durationMs, null);
        assert.equal(zd.runs[1]!.error, "401 Unauthorized from Zendesk");
        assert.equal(zd.runs[1]!.durationMs, 2500);
        const json = JSON.stringify(s);
        assert.ok(!json.includes("SECRET"), "credentials or settings leaked");
        assert.ok(!("credentialsEncrypted" in demo) && !("settings" in demo));
      });

      test("engineers, leads and directors → 403; anonymous → 401", async () => {
        for (const who of [v.zoe, v.leadAlpha, v.director]) await assert.rejects(getSyncStatus(db, who), isAuth(403));
        await assert.rejects(getSyncStatus(db, null), isAuth(401));
      });
    });

    describe("getEngineerExtras", () => {
      test("customers' comments: newest first across the engineer's identities, blank ones skipped, limited", async () => {
        const mine = await db.select({ id: engineerIdentities.id }).from(engineerIdentities).where(eq(engineerIdentities.engineerId, ids.eng.anna));
        assert.equal(mine.length, 2);
        const [ticket] = await db.select({ id: tickets.id, externalId: tickets.externalId, subject: tickets.subject }).from(tickets).limit(1);
        const [boris] = await db.select({ id: engineerIdentities.id }).from(engineerIdentities).where(eq(engineerIdentities.engineerId, ids.eng.boris));
        const comment = (n: number, identityId: number, text: string | null, ratedAt: string, ticketId: number | null = null) => ({
          connectionId: ids.conn,
          externalId: `C-${n}`,
          ticketExternalId: `CT-${n}`,
          ticketId,
          ratedIdentityId: identityId,
          scale: "one_to_five" as const,
          rawValue: "5",
          score: 5 - (n % 3),
          comment: text,
          ratedAt: new Date(ratedAt),
          updatedAtSource: new Date(ratedAt),
        });
        await db.insert(ratings).values([
          comment(1, mine[0]!.id, "Быстро и вежливо", "2026-11-17T09:00:00Z", ticket!.id),
          comment(2, mine[1]!.id, "Second desk account", "2026-11-17T12:00:00Z"),
          comment(3, mine[0]!.id, "", "2026-11-17T13:00:00Z"),
          comment(4, mine[0]!.id, null, "2026-11-17T14:00:00Z"),
          comment(5, boris!.id, "Not Анна's", "2026-11-17T15:00:00Z"),
          ...Array.from({ length: 12 }, (_, i) => comment(10 + i, mine[i % 2]!.id, `old ${i}`, `2026-10-${String(10 + i).padStart(2, "0")}T10:00:00Z`)),
        ]);
        try {
          const x = await getEngineerExtras(db, v.anna, ids.eng.anna);
          assert.equal(x.comments.length, 10);
          assert.deepEqual(
            x.comments.slice(0, 4).map((c) => [c.comment, c.ratedAt.toISOString()]),
            [
              ["Second desk account", "2026-11-17T12:00:00.000Z"],
              ["Быстро и вежливо", "2026-11-17T09:00:00.000Z"],
              ["old 11", "2026-10-21T10:00:00.000Z"],
              ["old 10", "2026-10-20T10:00:00.000Z"],
            ],
          );
          assert.deepEqual(x.comments[1], {
            ratedAt: new Date("2026-11-17T09:00:00Z"),
            score: 4,
            comment: "Быстро и вежливо",
            ticketExternalId: ticket!.externalId,
            subject: ticket!.subject,
          });
          assert.equal(x.comments[0]!.ticketExternalId, null);
          assert.equal(x.comments[9]!.comment, "old 4");
          assert.equal((await getEngineerExtras(db, v.anna, ids.eng.anna, 3)).comments.length, 3);
          assert.deepEqual((await getEngineerExtras(db, v.leadAlpha, ids.eng.boris)).comments.map((c) => c.comment), ["Not Анна's"]);
          await assert.rejects(getEngineerExtras(db, v.zoe, ids.eng.anna), isAuth(403));
        } finally {
          await db.delete(ratings).where(like(ratings.externalId, "C-%"));
        }
      });
    });

    describe("options and time zone", () => {
      test("filter options and the viewer's zone", async () => {
        const o = await getBoardOptions(db, v.zoe);
        assert.deepEqual(o.lines.map((l) => l.code), ["L1", "L2", "L3"]);
        assert.deepEqual(o.skillGroups.map((s) => s.name), ["Billing", "Export"]);
        assert.equal(o.teams.length, 4);
        assert.equal(await getViewerTimeZone(db, v.emil), "Europe/Moscow");
        assert.equal(await getViewerTimeZone(db, v.zoe), "UTC");
        assert.equal(await getViewerTimeZone(db, v.director), "UTC");
        await assert.rejects(getBoardOptions(db, null), isAuth(401));
        await assert.rejects(getViewerTimeZone(db, null), isAuth(401));
      });
    });
  });
}

test("a wallboard speaks the language of whoever created its link", async () => {
  const { openTestDb } = await import("../helpers/db");
  const { makeViewer } = await import("../helpers/viewers");
  const { createWallboardLink, resolveWallboardToken } = await import("@/lib/boards/settings");
  const { users } = await import("@/db/schema");
  const h = await openTestDb("pglite");
  try {
    const ru = await makeViewer(h.db, "admin");
    await h.db.update(users).set({ locale: "ru" }).where(eq(users.id, ru.userId));
    const en = await makeViewer(h.db, "admin");
    const ruLink = await createWallboardLink(h.db, { ...ru, locale: "ru" }, { name: "Офис", teamId: null });
    const enLink = await createWallboardLink(h.db, en, { name: "Office", teamId: null });
    const token = (p: string) => p.slice("/tv/".length);
    assert.equal((await resolveWallboardToken(h.db, token(ruLink.path)))?.locale, "ru");
    assert.equal((await resolveWallboardToken(h.db, token(enLink.path)))?.locale, "en");
    // The creator gone: the screen goes on, in English.
    await h.db.delete(users).where(eq(users.id, ru.userId));
    assert.deepEqual(await resolveWallboardToken(h.db, token(ruLink.path)), { id: ruLink.id, name: "Офис", teamId: null, locale: "en" });
    assert.equal(await resolveWallboardToken(h.db, `${ruLink.id}.wrong-secret-wrong-secret`), null);
  } finally {
    await h.close();
  }
});
