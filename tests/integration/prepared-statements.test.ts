import { test } from "node:test";
import assert from "node:assert/strict";
import { eq, inArray, sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { engineers, teams } from "@/db/schema";
import { rowsOf } from "@/lib/sync/bulk";
import { openTestDb } from "../helpers/db";

/**
 * On PostgreSQL drizzle's statements are named (db/client.ts, preparingStatements): parsed once per
 * connection and reused, inside transactions too; a schema change under a named statement does not
 * break it; long `in (…)` lists stay unnamed. One connection (max 1), so pg_prepared_statements —
 * which is per session — shows everything the handle prepared.
 */
test("postgres: drizzle's statements are prepared once per connection and survive a schema change", async () => {
  const h = await openTestDb("postgres");
  const one = await openDatabase({ kind: "postgres", url: h.url!, max: 1 });
  try {
    const [team] = await one.db.insert(teams).values({ name: "Prepared" }).returning({ id: teams.id });
    await one.db.insert(engineers).values({ displayName: "Ada", email: "ada@x.test", teamId: team!.id });
    const byTeam = () => one.db.select({ name: engineers.displayName }).from(engineers).where(eq(engineers.teamId, team!.id));
    for (let i = 0; i < 3; i++) assert.deepEqual(await byTeam(), [{ name: "Ada" }]);
    await one.db.transaction(async (tx) => {
      assert.equal((await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, "Prepared"))).length, 1);
    });
    const ids = Array.from({ length: 100 }, (_, i) => i + 1);
    await one.db.select({ id: engineers.id }).from(engineers).where(inArray(engineers.id, ids));

    const prepared = rowsOf(await one.db.execute(sql`select statement from pg_prepared_statements`)).map((r) => String(r.statement));
    const count = (needle: string) => prepared.filter((s) => s.includes(needle)).length;
    assert.equal(count(`"engineers"."team_id" = $1`), 1, "three runs, one prepared statement");
    assert.equal(count(`"teams"."name" = $1`), 1, "a transaction's statement is named too");
    assert.equal(count(`"engineers"."id" in (`), 0, "a 100-value list stays unnamed");

    // A migration that changes what a named statement returns: PostgreSQL refuses the cached plan
    // ("cached plan must not change result type"), and postgres.js prepares it again.
    const star = () => one.db.execute(sql`select * from engineers where team_id = ${team!.id}`);
    assert.equal(rowsOf(await star()).length, 1);
    await one.db.execute(sql`alter table engineers add column prepared_probe integer default 7`);
    const [row] = rowsOf(await star());
    assert.equal(row?.prepared_probe, 7);
  } finally {
    await one.close();
    await h.close();
  }
});
