import { z } from "zod";

/** Input of the dispute actions, shared by the forms and the server actions. */

const Id = z.coerce.number({ message: "Choose a row." }).int().positive("Choose a row.").max(2_147_483_647);

export const OpenDisputeSchema = z.object({
  ledgerId: Id,
  comment: z
    .string({ message: "Say what is wrong with these points." })
    .trim()
    .min(5, "Say what is wrong with these points (at least 5 characters).")
    .max(2000, "Keep the comment under 2,000 characters."),
});
export type OpenDisputeInput = z.infer<typeof OpenDisputeSchema>;

export const ResolveDisputeSchema = z
  .object({
    disputeId: Id,
    decision: z.enum(["accept", "reject"], { message: "Choose accept or reject." }),
    /** Points added to the engineer (negative takes points away); only when accepting. */
    adjustment: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.coerce
        .number({ message: "The adjustment must be a number of points, e.g. 1.5." })
        .min(-100, "The adjustment must be between −100 and 100 points.")
        .max(100, "The adjustment must be between −100 and 100 points.")
        .optional(),
    ),
    reason: z
      .string({ message: "Give a reason the engineer will read." })
      .trim()
      .min(3, "Give a reason the engineer will read (at least 3 characters).")
      .max(2000, "Keep the reason under 2,000 characters."),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "accept" && (v.adjustment === undefined || v.adjustment === 0)) {
      ctx.addIssue({ code: "custom", path: ["adjustment"], message: "Accepting needs an adjustment in points (not 0)." });
    }
  });
export type ResolveDisputeInput = z.infer<typeof ResolveDisputeSchema>;
