// Schedule: daily at 00:20 UTC (JOB_QUARTER_CLOSE_SCHEDULE overrides). Safe to run twice.
import type { DbHandle } from "@/db/client";
import { closeEndedChallenges, finalizeQuarterCrowns } from "@/lib/challenges/close";

/** Freezes ended challenges (result, badges, archive) and the ended quarter's crowns. */
export async function runQuarterClose(handle: DbHandle, now: Date): Promise<Record<string, unknown>> {
  const challenges = await closeEndedChallenges(handle.db, now);
  const crowns = await finalizeQuarterCrowns(handle.db, now);
  return { closedChallenges: challenges.closed, challengeBadges: challenges.badges, finalCrowns: crowns.crowns, crownBadges: crowns.badges };
}
