"use server";
import type { ActionResult } from "./define";
import { serverAction } from "./safe-action";
import { importConnectionCreateDefinition, importFileDefinition, pushTokenCreateDefinition, pushTokenRevokeDefinition } from "./import-definitions";

const runImport = serverAction(importFileDefinition);
const runCreateConnection = serverAction(importConnectionCreateDefinition);
const runCreateToken = serverAction(pushTokenCreateDefinition);
const runRevokeToken = serverAction(pushTokenRevokeDefinition);

export async function importFileAction(prev: ActionResult | null, formData: FormData) {
  return runImport(prev as never, formData);
}
export async function createImportConnectionAction(prev: ActionResult | null, formData: FormData) {
  return runCreateConnection(prev as never, formData);
}
export async function createPushTokenAction(prev: ActionResult | null, formData: FormData) {
  return runCreateToken(prev as never, formData);
}
export async function revokePushTokenAction(prev: ActionResult | null, formData: FormData) {
  return runRevokeToken(prev as never, formData);
}
