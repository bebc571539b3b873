import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbHandle } from "@/db/client";
import { connections } from "@/db/schema";
import { canManageConnections, requireViewer, AuthError, type Viewer } from "@/lib/auth/policy";
import { SafeError } from "@/lib/actions/define";
import { runSync } from "@/lib/sync/run-sync";

export const SyncNowSchema = z.object({ connectionId: z.coerce.number().int().positive("Choose a connection.") });

/**
 * "Sync now" for admins: one bounded run of a connection, under the same lock as the scheduled
 * sync so the two never overlap. Shared by the server action and the HTTP route.
 */
export async function syncConnectionNow(handle: DbHandle, viewer: Viewer | null, input: z.infer<typeof SyncNowSchema>) {
  const v = requireViewer(viewer);
  if (!canManageConnections(v)) throw new AuthError(403);
  const [connection] = await handle.db.select({ id: connections.id }).from(connections).where(eq(connections.id, input.connectionId));
  if (!connection) throw new SafeError("No such connection.", 404);
  const outcome = await handle.withLock("job:sync", () => runSync(handle, connection.id, { trigger: "manual" }));
  if (!outcome.acquired) throw new SafeError("A sync is already running; try again in a minute.", 409);
  const run = outcome.result;
  return { runId: run.id, status: run.status, ticketsStored: run.ticketsStored, ratingsStored: run.ratingsStored, rejected: run.rejected, error: run.error };
}
