import type { Viewer } from "@/lib/auth/policy";

/**
 * Rule sets are global: one scoring system, so points compare across teams on the individual and
 * team leaderboards (and every ledger row names one version). Leads tune rules in the editor, see
 * the what-if and send their draft as a proposal; admins save versions (their own drafts, or a
 * lead's proposal) and dismiss proposals. Engineers and directors do not open the editor.
 */
export function canOpenRuleEditor(viewer: Viewer): boolean {
  return viewer.role === "lead" || viewer.role === "admin";
}

export function canSaveRuleVersion(viewer: Viewer): boolean {
  return viewer.role === "admin";
}

export function canProposeRules(viewer: Viewer): boolean {
  return viewer.role === "lead";
}
