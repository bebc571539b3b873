import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { openDatabase, type DbHandle } from "@/db/client";
import { getLeaderboard, getTeamBoard } from "@/lib/queries";
import { periodTotals } from "@/lib/rollups/read";
import { followRollupWrites } from "@/lib/runtime/shared-read";
import { runSync } from "@/lib/sync/run-sync";
import { openTestDb } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";

/** A demo database synced by one handle, and a second handle on it that follows rollup writes as a web process does. */
async function withWebProcess(run: (h: DbHandle, web: DbHandle) => Promise<void>) {
  const h = await openTestDb("postgres");
  const web = await openDatabase({ kind: "postgres", url: h.url! });
  try {
    const org = await createDemoOrg(h.db, { historyDays: 10 });
    await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
    await followRollupWrites(web);
    await run(h, web);
  } finally {
    await web.close();
    await h.close();
  }
}

/**
 * Boards share their sums between viewers for a few seconds (sharedRead). A web process must
 * still see a ledger change committed by ANOTHER process (the jobs, another web process) at once:
 * the writer announces it with NOTIFY and every web process listens (followRollupWrites).
 */
test("a rollup write in another process empties this process's shared board reads (postgres)", () =>
  withWebProcess(async (h, web) => {
    const start = new Date(TEST_NOW.getTime() - 30 * 86_400_000);
    const end = new Date(TEST_NOW.getTime() + 86_400_000);
    const [row] = await h.query<{ id: string; engineer_id: number; ticket_id: string }>(
      "select id, engineer_id, ticket_id from points_ledger where earned_at >= $1 and earned_at < $2 and state <> 'revoked' order by id limit 1",
      [start.toISOString(), end.toISOString()],
    );
    assert.ok(row, "the demo history has a ledger row in the window");
    const before = (await periodTotals(web.db, start, end)).get(row.engineer_id)!.points;

    // Another process adds 5 points to that row the way the app does: ledger write + refreshRollups.
    const script = `
      import { openDatabase } from "@/db/client";
      import { refreshRollups } from "@/lib/rollups";
      const h = await openDatabase({ kind: "postgres", url: process.env.URL });
      await h.db.transaction(async (tx) => {
        await tx.execute(\`update points_ledger set points = points + 5 where id = ${Number(row.id)}\`);
        await refreshRollups(tx, [], [${Number(row.ticket_id)}]);
      });
      await h.close();`;
    execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, URL: h.url! }, stdio: "inherit" });

    // Well within the cache's 10 s lifetime: only the notification can have emptied it.
    let after = before;
    for (let i = 0; i < 40 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = (await periodTotals(web.db, start, end)).get(row.engineer_id)!.points;
    }
    assert.equal(Math.round((after - before) * 1000) / 1000, 5);
  }));

const director = { userId: 1, email: "d@x.test", name: "D", role: "director" as const, engineerId: null, teamId: null, locale: "en" };

/**
 * Engineers' names and teams are part of the shared ranking too. Nothing in the app renames an
 * engineer or moves one to another team; an admin does it in SQL, so the tables announce every
 * write themselves (a trigger, migration 0005) and the next page view shows it.
 */
test("a rename and a team move made in SQL show on the boards at once (postgres)", () =>
  withWebProcess(async (h, web) => {
    const args = { period: "month" as const, now: TEST_NOW, top: 100 };
    const board = await getLeaderboard(web.db, director, args);
    const who = board.rows.find((r) => r.points > 0)!;
    const teams = await getTeamBoard(web.db, director, args);
    const other = teams.byPoints.find((t) => t.teamId !== who.teamId)!;
    const engineersOf = (b: typeof teams, teamId: number) => b.byPoints.find((t) => t.teamId === teamId)!.engineers;

    await h.query("update engineers set display_name = 'Ольга Новикова', team_id = $2 where id = $1", [who.engineerId, other.teamId]);

    // Well within the shared reads' 10 s: only the notification can have emptied them.
    let row = who;
    for (let i = 0; i < 40 && row.name === who.name; i++) {
      await new Promise((r) => setTimeout(r, 50));
      row = (await getLeaderboard(web.db, director, args)).rows.find((r) => r.engineerId === who.engineerId)!;
    }
    assert.equal(row.name, "Ольга Новикова");
    assert.equal(row.teamId, other.teamId);
    const after = await getTeamBoard(web.db, director, args);
    assert.equal(engineersOf(after, other.teamId), engineersOf(teams, other.teamId) + 1);
    assert.equal(engineersOf(after, who.teamId!), engineersOf(teams, who.teamId!) - 1);
  }));
