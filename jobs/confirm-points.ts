// Schedule: hourly at minute 7 (JOB_CONFIRM_SCHEDULE overrides).
import type { DbHandle } from "@/db/client";
import { confirmDuePoints } from "@/lib/sync/rescore";

/** Pending points whose reopen window has closed become confirmed. Safe to run twice. */
export async function confirmPoints(handle: DbHandle, now: Date): Promise<Record<string, unknown>> {
  return { confirmed: await confirmDuePoints(handle.db, now) };
}
