import { test } from "node:test";
import assert from "node:assert/strict";
import { crowns } from "@/db/schema";
import { recordCrowns } from "@/lib/crowns/record";
import { crownsWon } from "@/lib/crowns/won";
import { getEngineerDetail, getLeaderboard } from "@/lib/queries";
import { runSync } from "@/lib/sync/run-sync";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";

const director = { userId: 1, email: "d@x.test", name: "D", role: "director" as const, engineerId: null, teamId: null, locale: "en" };

for (const kind of TEST_DB_KINDS) {
  test(`crowns: holders of the running periods match the boards, held-since kept, last period final (${kind})`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 40 });
      await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
      await recordCrowns(h.db, TEST_NOW);
      const rows = await h.db.select().from(crowns);
      const week = rows.find((r) => r.board === "engineer_points" && r.periodKind === "week" && r.finalAt === null)!;
      const board = await getLeaderboard(h.db, director, { period: "week", now: TEST_NOW });
      assert.equal(week.engineerId, board.rows[0]!.engineerId, "the week's crown is the board's #1");
      assert.ok(rows.some((r) => r.board === "team_points" && r.teamId !== null));
      // Last month is over: its crown is final and counts as won.
      const lastMonth = rows.find((r) => r.board === "engineer_points" && r.periodKind === "month" && r.finalAt !== null)!;
      assert.ok(lastMonth, "previous month final");
      const won = await crownsWon(h.db, lastMonth.engineerId!);
      assert.ok(won >= 1);
      // The profile shows the same count.
      const profile = await getEngineerDetail(h.db, director, lastMonth.engineerId!, { now: TEST_NOW });
      assert.equal(profile!.engineer.crownsWon, won);

      // Again an hour later with nothing changed: same holders, same held-since, nothing duplicated.
      await recordCrowns(h.db, new Date(TEST_NOW.getTime() + 3_600_000));
      const again = await h.db.select().from(crowns);
      assert.equal(again.length, rows.length);
      const week2 = again.find((r) => r.id === week.id)!;
      assert.equal(week2.heldSince.getTime(), week.heldSince.getTime());
    } finally {
      await h.close();
    }
  });
}
