"use server";
import type { ActionResult } from "./define";
import { serverAction } from "./safe-action";
import { disputeOpenDefinition, disputeResolveDefinition } from "./disputes-definitions";

const open = serverAction(disputeOpenDefinition);
const resolve = serverAction(disputeResolveDefinition);

export async function openDisputeAction(prev: ActionResult | null, formData: FormData) {
  return open(prev as never, formData);
}

export async function resolveDisputeAction(prev: ActionResult | null, formData: FormData) {
  return resolve(prev as never, formData);
}
