import { z } from "zod";
import { canOpenRuleEditor, canProposeRules, canSaveRuleVersion } from "@/lib/rules-editor/policy";
import { RuleFormSchema } from "@/lib/rules-editor/form";
import { dismissProposal, proposeRules, saveRuleVersion } from "@/lib/rules-editor/save";
import { computeWhatIf } from "@/lib/rules-editor/what-if";
import { localPeriodLabel } from "@/lib/i18n/period-label";
import { defineAction } from "./define";

/** Rule editor actions. Definitions live apart from the "use server" module (rules.ts). */

export const rulesPreviewDefinition = defineAction({
  id: "rules-preview",
  schema: RuleFormSchema,
  authorize: canOpenRuleEditor,
  handler: async ({ viewer, handle, input }) => {
    const w = await computeWhatIf(handle.db, viewer, { config: input.config, effectiveFrom: input.effectiveFrom });
    // The table's title names the quarter in the viewer's language ("4 кв. 2026").
    return { ...w, period: { ...w.period, label: localPeriodLabel(viewer.locale, w.period) } };
  },
});

export const rulesSaveDefinition = defineAction({
  id: "rules-save",
  schema: RuleFormSchema,
  authorize: canSaveRuleVersion,
  handler: ({ viewer, handle, input }) => saveRuleVersion(handle.db, viewer, input),
});

export const rulesProposeDefinition = defineAction({
  id: "rules-propose",
  schema: RuleFormSchema,
  authorize: canProposeRules,
  handler: ({ viewer, handle, input }) => proposeRules(handle.db, viewer, input),
});

export const DismissProposalSchema = z.object({
  proposalId: z.coerce.number().int().positive("Choose a proposal."),
  reason: z.string().trim().min(3, "Tell the lead why (at least 3 characters).").max(2000, "Keep the reason under 2,000 characters."),
});

export const rulesDismissProposalDefinition = defineAction({
  id: "rules-dismiss-proposal",
  schema: DismissProposalSchema,
  authorize: canSaveRuleVersion,
  handler: ({ viewer, handle, input }) => dismissProposal(handle.db, viewer, input),
});
