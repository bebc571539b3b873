"use server";
import type { ActionResult } from "./define";
import { serverAction } from "./safe-action";
import { teamHandicapDefinition } from "./handicap-definitions";

const set = serverAction(teamHandicapDefinition);

export async function setTeamHandicapAction(prev: ActionResult | null, formData: FormData) {
  return set(prev as never, formData);
}
