// Schedules: recent weeks every 10 minutes, the last quarter daily (see jobs/index.ts).
import type { DbHandle } from "@/db/client";
import { refreshWeeklyQuotas } from "@/lib/quota/weekly";

const WEEK_MS = 7 * 86_400_000;

/** Recent weeks: new solves, reopen windows and fresh ratings change these. Safe to run twice. */
export async function refreshRecentQuotas(handle: DbHandle, now: Date): Promise<Record<string, unknown>> {
  return refreshWeeklyQuotas(handle.db, new Date(now.getTime() - 5 * WEEK_MS));
}

/** A quarter back: late changes (a rating edited weeks later) reach older weeks once a day. */
export async function refreshQuarterQuotas(handle: DbHandle, now: Date): Promise<Record<string, unknown>> {
  return refreshWeeklyQuotas(handle.db, new Date(now.getTime() - 14 * WEEK_MS));
}
