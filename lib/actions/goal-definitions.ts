import { SetGoalSchema, setPersonalGoal } from "@/lib/goals/goals";
import { defineAction } from "./define";

/** Personal goal action. Any signed-in user may call it; the domain function checks whose goal it is. */
export const personalGoalDefinition = defineAction({
  id: "personal-goal",
  schema: SetGoalSchema,
  authorize: (v) => v.engineerId !== null || v.role === "lead" || v.role === "admin",
  handler: ({ viewer, handle, input }) => setPersonalGoal(handle.db, viewer, input),
});
