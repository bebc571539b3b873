"use server";
import type { ActionResult } from "./define";
import { serverAction } from "./safe-action";
import { challengeCreateDefinition, challengeUpdateDefinition } from "./challenges-definitions";

const create = serverAction(challengeCreateDefinition);
const update = serverAction(challengeUpdateDefinition);

export async function createChallengeAction(prev: ActionResult | null, formData: FormData) {
  return create(prev as never, formData);
}

export async function updateChallengeAction(prev: ActionResult | null, formData: FormData) {
  return update(prev as never, formData);
}
