import { eq } from "drizzle-orm";
import { z } from "zod";
import { msg } from "@/lib/i18n/messages";
import type { Db } from "@/db/client";
import { engineerScope } from "@/lib/queries/engineer-scope";
import { auditLog, engineerGoals } from "@/db/schema";
import { AuthError, canSetPersonalGoal, canViewEngineerDetails, requireViewer, type Viewer } from "@/lib/auth/policy";
import type { PersonalGoal } from "./progress";

export const SetGoalSchema = z.object({
  engineerId: z.coerce.number({ error: msg("err.goal.engineer") }).int().positive(msg("err.goal.engineer")),
  period: z.enum(["week", "quarter"], { error: msg("err.goal.period") }),
  /** Empty clears the goal. */
  points: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : v),
    z.coerce
      .number({ error: msg("err.goal.number") })
      .positive(msg("err.goal.positive"))
      .max(100_000, msg("err.goal.max"))
      .nullable(),
  ),
});
export type SetGoalInput = z.input<typeof SetGoalSchema>;

const engineerOf = engineerScope;

/** The engineer's personal goal; same access rule as the engineer page. */
export async function getPersonalGoal(db: Db, viewer: Viewer | null, engineerId: number): Promise<PersonalGoal | null> {
  const v = requireViewer(viewer);
  const e = await engineerOf(db, engineerId);
  if (!e || !canViewEngineerDetails(v, e)) throw new AuthError(403);
  const [g] = await db.select({ period: engineerGoals.period, points: engineerGoals.points }).from(engineerGoals).where(eq(engineerGoals.engineerId, e.id));
  return g ? { period: g.period === "quarter" ? "quarter" : "week", points: g.points } : null;
}

/** Sets (or clears, with no points) the goal: the engineer, their lead or an admin. Audited, one transaction. */
export async function setPersonalGoal(db: Db, viewer: Viewer | null, input: SetGoalInput): Promise<PersonalGoal | null> {
  const v = requireViewer(viewer);
  const a = SetGoalSchema.parse(input);
  const e = await engineerOf(db, a.engineerId);
  if (!e || !canSetPersonalGoal(v, e)) throw new AuthError(403);
  const goal: PersonalGoal | null = a.points === null ? null : { period: a.period, points: a.points };
  await db.transaction(async (tx) => {
    if (goal) {
      const row = { engineerId: e.id, period: goal.period, points: goal.points, setByUserId: v.userId, updatedAt: new Date() };
      await tx.insert(engineerGoals).values(row).onConflictDoUpdate({ target: engineerGoals.engineerId, set: row });
    } else {
      await tx.delete(engineerGoals).where(eq(engineerGoals.engineerId, e.id));
    }
    await tx.insert(auditLog).values({ actorUserId: v.userId, action: "engineer.goal", entity: "engineer", entityId: String(e.id), details: goal ?? { cleared: true } });
  });
  return goal;
}
