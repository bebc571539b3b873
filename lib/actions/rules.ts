"use server";
import type { ActionResult } from "./define";
import { serverAction } from "./safe-action";
import {
  rulesDismissProposalDefinition,
  rulesPreviewDefinition,
  rulesProposeDefinition,
  rulesSaveDefinition,
} from "./rules-definitions";

const preview = serverAction(rulesPreviewDefinition);
const save = serverAction(rulesSaveDefinition);
const propose = serverAction(rulesProposeDefinition);
const dismiss = serverAction(rulesDismissProposalDefinition);

export async function previewRulesAction(prev: ActionResult | null, formData: FormData) {
  return preview(prev as never, formData);
}

export async function saveRulesAction(prev: ActionResult | null, formData: FormData) {
  return save(prev as never, formData);
}

export async function proposeRulesAction(prev: ActionResult | null, formData: FormData) {
  return propose(prev as never, formData);
}

export async function dismissProposalAction(prev: ActionResult | null, formData: FormData) {
  return dismiss(prev as never, formData);
}
