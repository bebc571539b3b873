import { OpenDisputeSchema, ResolveDisputeSchema } from "@/lib/disputes/schemas";
import { canReviewDisputes } from "@/lib/disputes/queries";
import { openDispute, resolveDispute } from "@/lib/disputes/service";
import { defineAction } from "./define";

/** Dispute actions. Definitions live apart from the "use server" module (disputes.ts). */

export const disputeOpenDefinition = defineAction({
  id: "dispute-open",
  schema: OpenDisputeSchema,
  // Anyone who is an engineer on the boards; the domain function checks the row is theirs.
  authorize: (v) => v.engineerId !== null,
  handler: ({ viewer, handle, input }) => openDispute(handle.db, viewer, input),
});

export const disputeResolveDefinition = defineAction({
  id: "dispute-resolve",
  schema: ResolveDisputeSchema,
  // Leads and admins; the domain function checks the engineer is in the lead's team.
  authorize: canReviewDisputes,
  handler: ({ viewer, handle, input }) => resolveDispute(handle.db, viewer, input),
});
