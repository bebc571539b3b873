import { test } from "node:test";
import assert from "node:assert/strict";
import { actionRegistry } from "@/lib/actions/index";
import { runAction } from "@/lib/actions/define";
import type { Viewer } from "@/lib/auth/policy";
import { openTestDb } from "../helpers/db";

/**
 * Every server action, called anonymously and by each role it does not allow: refused before any
 * input is read. Server actions are public POST endpoints whatever page they sit on, so this is
 * the check that matters (the e2e suite replays one over HTTP too).
 */
const viewer = (role: Viewer["role"]): Viewer => ({
  userId: 999, email: `${role}@example.com`, name: role, role, engineerId: null, teamId: null, locale: "en",
});

test("every action refuses anonymous callers (401) and wrong roles (403)", async () => {
  assert.ok(actionRegistry.length > 0, "the registry lists the actions");
  const h = await openTestDb("pglite");
  try {
    for (const def of actionRegistry) {
      const anon = await runAction(def, null, {}, h);
      assert.deepEqual(anon.ok ? "allowed" : anon.status, 401, `${def.id} anonymous`);
      for (const role of ["engineer", "lead", "director", "admin"] as const) {
        if (def.authorize(viewer(role))) continue;
        const r = await runAction(def, viewer(role), {}, h);
        assert.deepEqual(r.ok ? "allowed" : r.status, 403, `${def.id} as ${role}`);
      }
    }
  } finally {
    await h.close();
  }
});

test("sync-now is for admins only, validates its input and reports an unknown connection", async () => {
  const def = actionRegistry.find((d) => d.id === "sync-now")!;
  assert.deepEqual(
    (["engineer", "lead", "director", "admin"] as const).filter((r) => def.authorize(viewer(r))),
    ["admin"],
  );
  const h = await openTestDb("pglite");
  try {
    const bad = await runAction(def, viewer("admin"), { connectionId: "abc" }, h);
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.status, 400);
    const missing = await runAction(def, viewer("admin"), { connectionId: "12345" }, h);
    assert.equal(!missing.ok && missing.status, 404);
    assert.equal(!missing.ok && missing.error, "No such connection.");
  } finally {
    await h.close();
  }
});
