// Schedule: every 5 minutes (JOB_SYNC_SCHEDULE overrides).
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { connections } from "@/db/schema";
import { errorMessage, runSync, type SyncOptions } from "@/lib/sync/run-sync";

/** Pulls every enabled connection in turn; one failing helpdesk does not stop the others. */
export async function syncAllConnections(
  handle: DbHandle,
  now: Date,
  opts: { trigger?: "schedule" | "backfill"; maxPages?: number; onPage?: SyncOptions["onPage"] } = {},
): Promise<{ runs: Record<string, string> }> {
  const enabled = await handle.db.select({ id: connections.id }).from(connections).where(eq(connections.enabled, true));
  const runs: Record<string, string> = {};
  for (const { id } of enabled) {
    try {
      const run = await runSync(handle, id, { trigger: opts.trigger ?? "schedule", now, maxPages: opts.maxPages, onPage: opts.onPage });
      runs[String(id)] = run.status;
    } catch (e) {
      // Busy (a manual "Sync now" holds it) or removed meanwhile: the next tick tries again.
      runs[String(id)] = `skipped: ${errorMessage(e)}`;
    }
  }
  return { runs };
}
