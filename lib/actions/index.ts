/** Every action definition, imported here so tests can walk `actionRegistry` over all of them. */
export { syncNowDefinition } from "./sync-definitions";
export {
  rulesDismissProposalDefinition,
  rulesPreviewDefinition,
  rulesProposeDefinition,
  rulesSaveDefinition,
} from "./rules-definitions";
export { disputeOpenDefinition, disputeResolveDefinition } from "./disputes-definitions";
export { actionRegistry } from "./define";
