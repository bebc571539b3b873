// Schedule: every 5 minutes (JOB_DIGEST_SCHEDULE overrides): queues digests whose local time has come, sends what is due.
import type { DbHandle } from "@/db/client";
import { enqueueDueDigests, processDueDeliveries } from "@/lib/digest/service";

/** The daily digest per team channel, at the channel's time of day in the team's zone; failed sends retried with backoff. */
export async function runDigest(handle: DbHandle, now: Date): Promise<Record<string, unknown>> {
  const queued = await enqueueDueDigests(handle.db, now);
  return { queued, ...(await processDueDeliveries(handle.db, now)) };
}
