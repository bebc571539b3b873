import { setTeamHandicap, SetTeamHandicapSchema } from "@/lib/handicap/auto";
import { defineAction } from "./define";

/** Team handicap action. The definition lives apart from the "use server" module (handicap.ts). */
export const teamHandicapDefinition = defineAction({
  id: "team-handicap",
  schema: SetTeamHandicapSchema,
  // Leads and admins; the domain function checks the team is the lead's own.
  authorize: (v) => v.role === "lead" || v.role === "admin",
  handler: ({ viewer, handle, input }) => setTeamHandicap(handle.db, viewer, input),
});
