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
