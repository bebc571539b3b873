import { test } from "node:test";
import assert from "node:assert/strict";
import { count, eq } from "drizzle-orm";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ensureAdmin, seedDemo } from "@/db/seed";
import { connections, engineers, teams, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: the first admin is created once, with a one-time password only when none was given`, async () => {
    const h = await openTestDb(kind);
    try {
      const first = await ensureAdmin(h.db, {});
      assert.equal(first.created, true);
      const otp = first.created ? first.generatedPassword : null;
      assert.ok(otp && otp.length >= 16);
      const [admin] = await h.db.select().from(users).where(eq(users.role, "admin"));
      assert.equal(admin!.email, "admin@podium.local");
      assert.ok(!admin!.passwordHash.includes(otp!), "only the hash is stored");
      assert.equal(await verifyPassword(otp!, admin!.passwordHash), true);
      assert.deepEqual(await ensureAdmin(h.db, { email: "other@example.com", password: "another-password" }), { created: false });
    } finally {
      await h.close();
    }
  });

  test(`${kind}: the demo is seeded once, with an account of every role`, async () => {
    const h = await openTestDb(kind);
    try {
      const now = new Date("2026-11-20T12:00:00Z");
      assert.equal(await seedDemo(h.db, { now, historyDays: 30 }), true);
      assert.equal(await seedDemo(h.db, { now, historyDays: 30 }), false, "a second start does not re-seed");
      const [t] = await h.db.select({ n: count() }).from(teams);
      const [e] = await h.db.select({ n: count() }).from(engineers);
      const [c] = await h.db.select({ n: count() }).from(connections);
      assert.deepEqual([t!.n, e!.n, c!.n], [6, 60, 1]);
      const accounts = await h.db.select().from(users);
      assert.deepEqual(accounts.map((u) => u.role).sort(), ["admin", "director", "engineer", "lead"]);
      for (const a of DEMO_ACCOUNTS) {
        const u = accounts.find((x) => x.email === a.email)!;
        assert.equal(await verifyPassword(DEMO_PASSWORD, u.passwordHash), true, a.email);
      }
      const lead = accounts.find((u) => u.role === "lead")!;
      const engineer = accounts.find((u) => u.role === "engineer")!;
      assert.ok(lead.teamId && lead.engineerId && engineer.engineerId);
      assert.equal(engineer.teamId, lead.teamId, "the demo engineer is on the lead's team");
    } finally {
      await h.close();
    }
  });
}
