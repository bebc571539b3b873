import { test } from "node:test";
import assert from "node:assert/strict";
import { AuthError, canManageConnections, canManageTeam, canSetPersonalGoal, canViewEngineerDetails, requireRole, type Viewer } from "@/lib/auth/policy";

const viewer = (role: Viewer["role"], extra: Partial<Viewer> = {}): Viewer => ({
  userId: 1, email: "x@example.com", name: "X", role, engineerId: null, teamId: null, locale: "en", ...extra,
});

test("engineers see only their own details, leads their team's, directors and admins everyone's", () => {
  const alice = { id: 10, teamId: 1 };
  const bob = { id: 11, teamId: 2 };
  assert.equal(canViewEngineerDetails(viewer("engineer", { engineerId: 10, teamId: 1 }), alice), true);
  assert.equal(canViewEngineerDetails(viewer("engineer", { engineerId: 10, teamId: 1 }), { id: 12, teamId: 1 }), false);
  assert.equal(canViewEngineerDetails(viewer("lead", { teamId: 1 }), alice), true);
  assert.equal(canViewEngineerDetails(viewer("lead", { teamId: 1 }), bob), false);
  assert.equal(canViewEngineerDetails(viewer("director"), bob), true);
  assert.equal(canViewEngineerDetails(viewer("admin"), bob), true);
});

test("a lead with no team manages nothing; admins manage every team", () => {
  assert.equal(canManageTeam(viewer("lead", { teamId: null }), null), false);
  assert.equal(canManageTeam(viewer("lead", { teamId: 3 }), 3), true);
  assert.equal(canManageTeam(viewer("lead", { teamId: 3 }), 4), false);
  assert.equal(canManageTeam(viewer("director"), 3), false);
  assert.equal(canManageTeam(viewer("admin"), 3), true);
});

test("only admins manage connections; requireRole gives 401 and 403", () => {
  for (const role of ["engineer", "lead", "director"] as const) assert.equal(canManageConnections(viewer(role)), false);
  assert.equal(canManageConnections(viewer("admin")), true);
  assert.throws(() => requireRole(null, "admin"), (e: unknown) => e instanceof AuthError && e.status === 401);
  assert.throws(() => requireRole(viewer("lead"), "admin"), (e: unknown) => e instanceof AuthError && e.status === 403);
});

test("a personal goal is set by the engineer, their team's lead or an admin; not colleagues or directors", () => {
  const alice = { id: 10, teamId: 1 };
  assert.equal(canSetPersonalGoal(viewer("engineer", { engineerId: 10, teamId: 1 }), alice), true);
  assert.equal(canSetPersonalGoal(viewer("engineer", { engineerId: 12, teamId: 1 }), alice), false);
  assert.equal(canSetPersonalGoal(viewer("lead", { teamId: 1 }), alice), true);
  assert.equal(canSetPersonalGoal(viewer("lead", { teamId: 2 }), alice), false);
  assert.equal(canSetPersonalGoal(viewer("lead", { teamId: null }), { id: 13, teamId: null }), false);
  assert.equal(canSetPersonalGoal(viewer("director"), alice), false);
  assert.equal(canSetPersonalGoal(viewer("admin"), alice), true);
});
