// Schedule: daily at 02:15 (JOB_HANDICAP_SCHEDULE overrides), so also on the first day of a quarter.
import type { DbHandle } from "@/db/client";
import { refreshAutoHandicaps } from "@/lib/handicap/auto";

/** Automatic team handicaps from the trailing four quarters. Idempotent. */
export async function teamHandicap(handle: DbHandle, now: Date): Promise<Record<string, unknown>> {
  return refreshAutoHandicaps(handle.db, now);
}
