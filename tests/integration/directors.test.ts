import assert from "node:assert/strict";
import { test } from "node:test";
import { and, eq, gte, lt } from "drizzle-orm";
import { engineerIdentities, engineers, ratings } from "@/db/schema";
import { exportCsv } from "@/lib/directors/export";
import { getDirectorsView, getTeamDrilldown } from "@/lib/directors/queries";
import { localPeriodLabel } from "@/lib/i18n/period-label";
import { runSync } from "@/lib/sync/run-sync";
import { openTestDb, TEST_DB_KINDS } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";
import { makeViewer } from "../helpers/viewers";

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: directors' view equals a row-by-row count; engineers and leads are refused; CSV of each table`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 10 });
      assert.equal((await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 })).status, "succeeded");
      const director = await makeViewer(h.db, "director");
      const lead = await makeViewer(h.db, "lead", { teamId: org.teamIds["Falcons"]! });
      await assert.rejects(getDirectorsView(h.db, lead, { now: TEST_NOW }), { name: "AuthError" });
      await assert.rejects(exportCsv(h.db, lead, { table: "teams" }), { name: "AuthError" });

      const v = await getDirectorsView(h.db, director, { quarter: "2025-Q1" });
      assert.equal(v.quarter.label, "Q1 2025");
      assert.equal(v.lastYear.label, "Q1 2024");
      const falcons = v.rows.find((r) => r.name === "Falcons")!;
      const rows = await h.db
        .select({ score: ratings.score })
        .from(ratings)
        .innerJoin(engineerIdentities, eq(engineerIdentities.id, ratings.ratedIdentityId))
        .innerJoin(engineers, eq(engineers.id, engineerIdentities.engineerId))
        .where(and(eq(engineers.teamId, org.teamIds["Falcons"]!), gte(ratings.ratedAt, v.quarter.start), lt(ratings.ratedAt, v.quarter.end)));
      assert.ok(rows.length > 0);
      assert.equal(falcons.ratings, rows.length);
      assert.equal(falcons.average, Math.round((rows.reduce((s, r) => s + r.score, 0) / rows.length) * 1000) / 1000);
      assert.equal(falcons.fiveStarShare, Math.round((rows.filter((r) => r.score >= 5).length / rows.length) * 10000) / 10000);
      assert.ok(falcons.solved > 0 && falcons.responseRate! > 0 && falcons.responseRate! <= 1);

      const d = await getTeamDrilldown(h.db, director, { teamId: falcons.id, quarter: "2025-Q1" });
      assert.equal(d.engineers.reduce((s, e) => s + e.ratings, 0), falcons.ratings);
      assert.equal(d.trend.length, 8);
      // The pages label the trend from `quarters` in the viewer's language; the CSV keeps the English label.
      assert.deepEqual(d.trend.map((t) => t.quarter), d.quarters.map((q) => q.label));
      assert.equal(localPeriodLabel("ru", d.quarters.at(-1)!), "1 кв. 2025");
      assert.equal(d.trend.at(-1)!.quarter, "Q1 2025");
      assert.deepEqual(v.trend.map((t) => t.quarter), v.quarters.map((q) => q.label));

      const teams = await exportCsv(h.db, director, { table: "teams", quarter: "2025-Q1" });
      assert.equal(teams.filename, "teams-2025-Q1.csv");
      const lines = teams.csv.trimEnd().split("\r\n");
      assert.equal(lines.length, v.rows.length + 1);
      assert.ok(lines.includes(`Falcons,${falcons.ratings},${falcons.average},${falcons.fiveStarShare},${falcons.solved},${falcons.reopenRate ?? ""},${falcons.medianResolutionHours ?? ""},${falcons.responseRate}`));
      for (const table of ["comparison", "trend"]) assert.match((await exportCsv(h.db, director, { table, quarter: "2025-Q1" })).csv, /Falcons/);
      assert.match((await exportCsv(h.db, director, { table: "engineers", quarter: "2025-Q1", teamId: falcons.id })).filename, /^engineers-Falcons-2025-Q1\.csv$/);
      await assert.rejects(exportCsv(h.db, director, { table: "nope" }), { name: "ZodError" });
    } finally {
      await h.close();
    }
  });
}
