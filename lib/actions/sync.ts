"use server";
import type { ActionResult } from "./define";
import { serverAction } from "./safe-action";
import { syncNowDefinition } from "./sync-definitions";

const run = serverAction(syncNowDefinition);

export async function syncNowAction(prev: ActionResult | null, formData: FormData) {
  return run(prev as never, formData);
}
