import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, challenges, teams } from "@/db/schema";
import { SafeError } from "@/lib/actions/define";
import { AuthError, canManageChallenge, requireViewer, type Viewer } from "@/lib/auth/policy";
import type { ChallengeInput } from "./schemas";

/** Writes: create and edit a challenge. The rights are checked here, whatever calls. */

function values(input: ChallengeInput) {
  return {
    name: input.name,
    teamId: input.teamId,
    scope: input.scope,
    metric: input.metric,
    target: input.target,
    minCount: input.minCount,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    custom: input.metric === "custom" && input.customField ? { field: input.customField, value: input.customValue ?? "" } : null,
  };
}

async function checkTeam(db: Db, v: Viewer, teamId: number | null) {
  if (!canManageChallenge(v, teamId)) throw new AuthError(403, teamId === null ? "Only directors set challenges for all teams." : "Leads set challenges for their own team only.");
  if (teamId !== null) {
    const [t] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
    if (!t) throw new SafeError("That team does not exist.", 404);
  }
}

export async function createChallenge(db: Db, viewer: Viewer | null, input: ChallengeInput): Promise<{ id: number }> {
  const v = requireViewer(viewer);
  await checkTeam(db, v, input.teamId);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(challenges).values({ ...values(input), status: "active", createdByUserId: v.userId }).returning({ id: challenges.id });
    await tx.insert(auditLog).values({ actorUserId: v.userId, action: "challenge.create", entity: "challenge", entityId: String(row!.id), details: values(input) });
    return { id: row!.id };
  });
}

export async function updateChallenge(db: Db, viewer: Viewer | null, input: ChallengeInput & { id: number }): Promise<{ id: number }> {
  const v = requireViewer(viewer);
  const [current] = await db.select({ teamId: challenges.teamId, closedAt: challenges.closedAt }).from(challenges).where(eq(challenges.id, input.id));
  if (!current) throw new SafeError("This challenge does not exist.", 404);
  // Both the team it belongs to and the team it moves to must be the editor's.
  if (!canManageChallenge(v, current.teamId)) throw new AuthError(403, "Only the team's lead or a director can edit this challenge.");
  await checkTeam(db, v, input.teamId);
  if (current.closedAt) throw new SafeError("This challenge is closed; its result is frozen.", 409);
  return db.transaction(async (tx) => {
    await tx.update(challenges).set(values(input)).where(eq(challenges.id, input.id));
    await tx.insert(auditLog).values({ actorUserId: v.userId, action: "challenge.update", entity: "challenge", entityId: String(input.id), details: values(input) });
    return { id: input.id };
  });
}
