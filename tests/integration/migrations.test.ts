import { test } from "node:test";
import assert from "node:assert/strict";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";
import { teams } from "@/db/schema";

for (const kind of TEST_DB_KINDS) {
  test(`migrations apply on ${kind}`, async () => {
    const h = await openTestDb(kind);
    try {
      await h.db.insert(teams).values({ name: "Falcons" });
      const rows = await h.db.select().from(teams);
      assert.equal(rows[0]?.name, "Falcons");
    } finally {
      await h.close();
    }
  });
}

test("postgres: two processes starting at once both migrate, one after the other", async () => {
  const { createPgDatabase } = await import("../helpers/db");
  const { openDatabase, migrateDatabase } = await import("@/db/client");
  const { url, drop } = await createPgDatabase();
  const a = await openDatabase({ kind: "postgres", url, max: 3 });
  const b = await openDatabase({ kind: "postgres", url, max: 3 });
  try {
    await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
    await migrateDatabase(a); // and again: nothing left to do, no lock left behind
    await a.db.insert(teams).values({ name: "Otters" });
    assert.equal((await b.db.select().from(teams)).length, 1);
  } finally {
    await a.close();
    await b.close();
    await drop();
  }
});
