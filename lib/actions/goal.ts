"use server";
import type { ActionResult } from "./define";
import { serverAction } from "./safe-action";
import { personalGoalDefinition } from "./goal-definitions";

const set = serverAction(personalGoalDefinition);

export async function setPersonalGoalAction(prev: ActionResult | null, formData: FormData) {
  return set(prev as never, formData);
}
