import { canManageConnections } from "@/lib/auth/policy";
import { DeleteFieldRuleSchema, FieldRuleSchema, deleteFieldRule, previewFieldRule, saveFieldRule } from "@/lib/connections/field-rules";
import { AgentMappingSchema, GroupMappingSchema, setAgentMapping, setGroupMapping } from "@/lib/connections/mapping";
import {
  ConnectionIdSchema,
  SaveConnectionSchema,
  SetEnabledSchema,
  saveConnection,
  setConnectionEnabled,
  testSavedConnection,
} from "@/lib/connections/manage";
import { localizeResult } from "@/lib/i18n/messages";
import { defineAction } from "./define";

/** Helpdesk connections: admins only (here, and again inside each domain function). */
export const connectionSaveDefinition = defineAction({
  id: "connection-save",
  schema: SaveConnectionSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => saveConnection(handle, viewer, input),
});

export const connectionTestDefinition = defineAction({
  id: "connection-test",
  schema: ConnectionIdSchema,
  authorize: canManageConnections,
  // The answer in the admin's language (the helpdesk's own detail stays as it said it).
  handler: async ({ viewer, handle, input }) => localizeResult(viewer.locale, await testSavedConnection(handle, viewer, input)),
});

export const connectionEnableDefinition = defineAction({
  id: "connection-enable",
  schema: SetEnabledSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => setConnectionEnabled(handle, viewer, input),
});

export const connectionGroupMapDefinition = defineAction({
  id: "connection-map-group",
  schema: GroupMappingSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => setGroupMapping(handle, viewer, input),
});

export const connectionAgentMapDefinition = defineAction({
  id: "connection-map-agent",
  schema: AgentMappingSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => setAgentMapping(handle, viewer, input),
});

export const connectionFieldRulePreviewDefinition = defineAction({
  id: "connection-field-rule-preview",
  schema: FieldRuleSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => previewFieldRule(handle.db, viewer, input),
});

export const connectionFieldRuleSaveDefinition = defineAction({
  id: "connection-field-rule-save",
  schema: FieldRuleSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => saveFieldRule(handle, viewer, input),
});

export const connectionFieldRuleDeleteDefinition = defineAction({
  id: "connection-field-rule-delete",
  schema: DeleteFieldRuleSchema,
  authorize: canManageConnections,
  handler: ({ viewer, handle, input }) => deleteFieldRule(handle, viewer, input),
});
