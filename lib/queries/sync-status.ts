import { asc, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, syncCursors, syncRuns, type SyncReject, type SyncRunProgress } from "@/db/schema";
import { AuthError, canManageConnections, requireViewer, type Viewer } from "@/lib/auth/policy";

export type SyncRunSummary = {
  id: number;
  trigger: string;
  status: "running" | "succeeded" | "partial" | "failed";
  startedAt: Date;
  finishedAt: Date | null;
  /** finishedAt − startedAt; null while running. */
  durationMs: number | null;
  pages: number;
  ticketsStored: number;
  ratingsStored: number;
  agentsStored: number;
  ticketsRescored: number;
  rejected: number;
  rejects: SyncReject[];
  error: string | null;
  /** Written with each page: tickets so far, time left, API budget use. */
  progress: SyncRunProgress | null;
};

export type ConnectionStatus = {
  id: number;
  kind: string;
  name: string;
  enabled: boolean;
  createdAt: Date;
  cursors: { stream: string; cursor: string; updatedAt: Date }[];
  /** Newest first, at most `RUNS_PER_CONNECTION`. */
  runs: SyncRunSummary[];
};

export const RUNS_PER_CONNECTION = 20;

/**
 * Helpdesk connections with their cursors and latest sync runs. Admins only. Credentials and
 * settings are never selected: this goes to the browser.
 */
export async function getSyncStatus(db: Db, viewer: Viewer | null): Promise<{ connections: ConnectionStatus[] }> {
  const v = requireViewer(viewer);
  if (!canManageConnections(v)) throw new AuthError(403);

  const conns = await db
    .select({
      id: connections.id,
      kind: connections.kind,
      name: connections.name,
      enabled: connections.enabled,
      createdAt: connections.createdAt,
    })
    .from(connections)
    .orderBy(asc(connections.name), asc(connections.id));
  if (conns.length === 0) return { connections: [] };
  const ids = conns.map((c) => c.id);

  // The latest runs of every connection in one query: number them per connection, keep the first N.
  const numbered = db
    .select({
      id: syncRuns.id,
      connectionId: syncRuns.connectionId,
      trigger: syncRuns.trigger,
      status: syncRuns.status,
      startedAt: syncRuns.startedAt,
      finishedAt: syncRuns.finishedAt,
      pages: syncRuns.pages,
      ticketsStored: syncRuns.ticketsStored,
      ratingsStored: syncRuns.ratingsStored,
      agentsStored: syncRuns.agentsStored,
      ticketsRescored: syncRuns.ticketsRescored,
      rejected: syncRuns.rejected,
      rejects: syncRuns.rejects,
      error: syncRuns.error,
      progress: syncRuns.progress,
      n: sql<number>`row_number() over (partition by ${syncRuns.connectionId} order by ${syncRuns.startedAt} desc, ${syncRuns.id} desc)`.as(
        "n",
      ),
    })
    .from(syncRuns)
    .where(inArray(syncRuns.connectionId, ids))
    .as("numbered");

  const [cursors, runs] = await Promise.all([
    db
      .select()
      .from(syncCursors)
      .where(inArray(syncCursors.connectionId, ids))
      .orderBy(asc(syncCursors.connectionId), asc(syncCursors.stream)),
    db
      .select()
      .from(numbered)
      .where(lte(numbered.n, RUNS_PER_CONNECTION))
      .orderBy(asc(numbered.connectionId), asc(numbered.n)),
  ]);

  return {
    connections: conns.map((c) => ({
      ...c,
      cursors: cursors
        .filter((k) => k.connectionId === c.id)
        .map((k) => ({ stream: k.stream, cursor: k.cursor, updatedAt: k.updatedAt })),
      runs: runs
        .filter((r) => r.connectionId === c.id)
        .map(({ n: _n, connectionId: _c, ...r }) => ({
          ...r,
          rejects: Array.isArray(r.rejects) ? r.rejects : [],
          durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
        })),
    })),
  };
}
