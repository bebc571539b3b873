import { ChallengeInputSchema, ChallengeUpdateSchema } from "@/lib/challenges/schemas";
import { createChallenge, updateChallenge } from "@/lib/challenges/service";
import { defineAction } from "./define";

/** Challenge actions. Engineers are refused before parsing; the service checks the team too. */

const mayManageSome = (v: { role: string }) => v.role === "lead" || v.role === "director" || v.role === "admin";

export const challengeCreateDefinition = defineAction({
  id: "challenge-create",
  schema: ChallengeInputSchema,
  authorize: mayManageSome,
  handler: ({ viewer, handle, input }) => createChallenge(handle.db, viewer, input),
});

export const challengeUpdateDefinition = defineAction({
  id: "challenge-update",
  schema: ChallengeUpdateSchema,
  authorize: mayManageSome,
  handler: ({ viewer, handle, input }) => updateChallenge(handle.db, viewer, input),
});
