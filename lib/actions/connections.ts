"use server";
import type { ActionResult } from "./define";
import { serverAction } from "./safe-action";
import {
  connectionAgentMapDefinition,
  connectionEnableDefinition,
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
