import { test } from "node:test";
import assert from "node:assert/strict";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { disputes, engineerDayStats, engineerSkillGroups, pointsLedger, ratings, tickets } from "@/db/schema";
import { aggregateSql, rebuildRollups, refreshRollups, rollupKeysOfLedgerRows, rollupKeysOfTickets } from "@/lib/rollups";
import { rescoreAll, rescoreTickets } from "@/lib/sync/rescore";
import { rowsOf } from "@/lib/sync/bulk";
import { runSync } from "@/lib/sync/run-sync";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";

/**
 * The rollups the boards read must always equal an aggregate computed from scratch over the
 * ledger, tickets, ratings and accepted adjustments: after a sync, after late changes rescored
 * incrementally, after a dispute adjustment, and after a full rescore.
 */

const norm = (r: Record<string, unknown>) =>
  [
    Number(r.engineer_id ?? r.engineerId),
    String(r.day).slice(0, 10),
    ...["points", "tickets", "reopened", "cross_skill", "hard_points", "resolution_seconds", "resolved", "ratings", "rating_sum", "five_stars", "five_star_comments"].map(
      (k) => Math.round(Number(r[k]) * 1000) / 1000,
    ),
  ].join("|");

async function stored(db: Db): Promise<string[]> {
  const res = await db.execute(sql`select * from engineer_day_stats`);
  return rowsOf(res).map(norm).sort();
}

async function fromScratch(db: Db): Promise<string[]> {
  return rowsOf(await db.execute(aggregateSql({ kind: "all" }))).map(norm).sort();
}

for (const kind of TEST_DB_KINDS) {
  test(`rollups equal a from-scratch aggregate through sync, late changes, disputes and rebuilds (${kind})`, async () => {
    const h = await openTestDb(kind);
    try {
      const db = h.db;
      const org = await createDemoOrg(db, { historyDays: 20 });
      await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
      const after = await stored(db);
      assert.ok(after.length > 20, `rollup rows after sync: ${after.length}`);
      assert.deepEqual(after, await fromScratch(db));

      // Late changes: a ticket reopened and re-solved later, a rating edited to 5 with a comment on
      // another day, a ticket moved to a skill group nobody has — then rescored the way a sync does.
      const ids = (await db.select({ id: tickets.id }).from(pointsLedger).innerJoin(tickets, eq(tickets.id, pointsLedger.ticketId)).orderBy(asc(tickets.id)).limit(6)).map((r) => r.id);
      const [a, b, c] = ids;
      await db.update(tickets).set({ reopenCount: 2, solvedAt: new Date(TEST_NOW.getTime() - 2 * 86_400_000) }).where(eq(tickets.id, a!));
      const [rt] = await db.select().from(ratings).where(sql`${ratings.ticketId} is not null`).limit(1);
      const before = await rollupKeysOfTickets(db, [rt!.ticketId!]);
      await db.update(ratings).set({ score: 5, comment: "Спасибо, всё работает!", ratedAt: new Date(TEST_NOW.getTime() - 86_400_000) }).where(eq(ratings.id, rt!.id));
      await db.transaction(async (tx) => {
        await rescoreTickets(tx, [a!, b!, c!, rt!.ticketId!], TEST_NOW);
        // The rating moved day: the old day is refreshed from the keys taken before the edit.
        await refreshRollups(tx, before);
      });
      assert.deepEqual(await stored(db), await fromScratch(db), "incremental refresh = from scratch");
      // Skill membership is not part of a ticket's rescore: the nightly rebuild brings cross-skill counts in line.
      await db.delete(engineerSkillGroups).where(sql`true`);
      await rebuildRollups(db);
      assert.deepEqual(await stored(db), await fromScratch(db));

      // An accepted dispute adjustment counts on the day of the row it corrects.
      const [row] = await db.select().from(pointsLedger).limit(1);
      const day = row!.earnedAt.toISOString().slice(0, 10);
      const [pre] = await db.select().from(engineerDayStats).where(sql`${engineerDayStats.engineerId} = ${row!.engineerId} and ${engineerDayStats.day} = ${day}`);
      await db.insert(disputes).values({ ledgerId: row!.id, comment: "missed a reply", status: "accepted", adjustment: 7.5 });
      await refreshRollups(db, await rollupKeysOfLedgerRows(db, [row!.id]));
      const [post] = await db.select().from(engineerDayStats).where(sql`${engineerDayStats.engineerId} = ${row!.engineerId} and ${engineerDayStats.day} = ${day}`);
      assert.equal(Math.round((post!.points - pre!.points) * 1000) / 1000, 7.5);
      assert.deepEqual(await stored(db), await fromScratch(db));

      // A full rescore rebuilds them.
      await db.execute(sql`delete from engineer_day_stats`);
      await rescoreAll(db, TEST_NOW);
      assert.deepEqual(await stored(db), await fromScratch(db));
      assert.ok((await stored(db)).length > 20);
    } finally {
      await h.close();
    }
  });
}
