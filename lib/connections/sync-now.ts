import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbHandle } from "@/db/client";
import { connections } from "@/db/schema";
import { canManageConnections, requireViewer, AuthError, type Viewer } from "@/lib/auth/policy";
import { SafeError } from "@/lib/actions/define";
import { SyncBusyError, runSync } from "@/lib/sync/run-sync";

export const SyncNowSchema = z.object({ connectionId: z.coerce.number().int().positive("Choose a connection.") });

/**
 * "Sync now" for admins: one bounded run of a connection. runSync holds a per-connection lock,
 * so it never overlaps the scheduled sync. Shared by the server action and the HTTP route.
 */
export async function syncConnectionNow(handle: DbHandle, viewer: Viewer | null, input: z.infer<typeof SyncNowSchema>) {
  const v = requireViewer(viewer);
  if (!canManageConnections(v)) throw new AuthError(403);
  const [connection] = await handle.db.select({ id: connections.id }).from(connections).where(eq(connections.id, input.connectionId));
  if (!connection) throw new SafeError("No such connection.", 404);
  let run;
  try {
    run = await runSync(handle, connection.id, { trigger: "manual" });
  } catch (e) {
    if (e instanceof SyncBusyError) throw new SafeError("This connection is being synced right now; try again in a minute.", 409);
    throw e;
  }
  return { runId: run.id, status: run.status, ticketsStored: run.ticketsStored, ratingsStored: run.ratingsStored, rejected: run.rejected, error: run.error };
}
