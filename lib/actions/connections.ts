"use server";
import type { ActionResult } from "./define";
import { serverAction } from "./safe-action";
import {
  connectionAgentMapDefinition,
  connectionEnableDefinition,
  connectionFieldRuleDeleteDefinition,
  connectionFieldRulePreviewDefinition,
  connectionFieldRuleSaveDefinition,
  connectionGroupMapDefinition,
  connectionSaveDefinition,
  connectionTestDefinition,
} from "./connections-definitions";

const save = serverAction(connectionSaveDefinition);
const testIt = serverAction(connectionTestDefinition);
const enable = serverAction(connectionEnableDefinition);

export async function saveConnectionAction(prev: ActionResult | null, formData: FormData) {
  return save(prev as never, formData);
}
export async function testConnectionAction(prev: ActionResult | null, formData: FormData) {
  return testIt(prev as never, formData);
}
export async function enableConnectionAction(prev: ActionResult | null, formData: FormData) {
  return enable(prev as never, formData);
}

const mapGroup = serverAction(connectionGroupMapDefinition);
const mapAgent = serverAction(connectionAgentMapDefinition);
export async function mapGroupAction(prev: ActionResult | null, formData: FormData) {
  return mapGroup(prev as never, formData);
}
export async function mapAgentAction(prev: ActionResult | null, formData: FormData) {
  return mapAgent(prev as never, formData);
}

const previewRule = serverAction(connectionFieldRulePreviewDefinition);
const saveRule = serverAction(connectionFieldRuleSaveDefinition);
const deleteRule = serverAction(connectionFieldRuleDeleteDefinition);
/** One form, two buttons: `intent=preview` shows the effect, `intent=save` applies it. */
export async function fieldRuleAction(prev: ActionResult | null, formData: FormData) {
  return formData.get("intent") === "save" ? saveRule(prev as never, formData) : previewRule(prev as never, formData);
}
export async function deleteFieldRuleAction(prev: ActionResult | null, formData: FormData) {
  return deleteRule(prev as never, formData);
}
