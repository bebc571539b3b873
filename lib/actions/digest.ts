"use server";
import type { ActionResult } from "./define";
import { serverAction } from "./safe-action";
import { digestSaveChannelDefinition, digestSendTestDefinition } from "./digest-definitions";

const save = serverAction(digestSaveChannelDefinition);
const test = serverAction(digestSendTestDefinition);

export async function saveChannelAction(prev: ActionResult | null, formData: FormData) {
  return save(prev as never, formData);
}

export async function sendTestDigestAction(prev: ActionResult | null, formData: FormData) {
  return test(prev as never, formData);
}
