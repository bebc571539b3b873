/** Every action definition, imported here so tests can walk `actionRegistry` over all of them. */
export { syncNowDefinition } from "./sync-definitions";
export {
  rulesDismissProposalDefinition,
  rulesPreviewDefinition,
  rulesProposeDefinition,
  rulesSaveDefinition,
} from "./rules-definitions";
export { disputeOpenDefinition, disputeResolveDefinition } from "./disputes-definitions";
export { challengeCreateDefinition, challengeUpdateDefinition } from "./challenges-definitions";
export { digestSaveChannelDefinition, digestSendTestDefinition } from "./digest-definitions";
export { teamHandicapDefinition } from "./handicap-definitions";
export { actionRegistry } from "./define";
export {
  importConnectionCreateDefinition,
  importFileDefinition,
  pushTokenCreateDefinition,
  pushTokenRevokeDefinition,
} from "./import-definitions";
export { nominationCreateDefinition, setLocaleDefinition, setTeamPrivacyDefinition, wallboardCreateDefinition, wallboardRevokeDefinition } from "./boards-definitions";
export {
  connectionAgentMapDefinition,
  connectionEnableDefinition,
  connectionFieldRuleDeleteDefinition,
  connectionFieldRulePreviewDefinition,
  connectionFieldRuleSaveDefinition,
  connectionGroupMapDefinition,
  connectionSaveDefinition,
  connectionTestDefinition,
} from "./connections-definitions";
export { personalGoalDefinition } from "./goal-definitions";
