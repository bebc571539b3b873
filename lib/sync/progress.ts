import type { SyncRunProgress } from "@/db/schema";
import type { ConnectorProgress } from "@/lib/connectors/types";

/**
 * Backfill progress, pure. A stream is read in order of change time, from where it started to
 * now: the share of that span already stored, and the pace so far, give the time left. Exports
 * rarely say how many records remain (Zendesk's cursor export does not), but always how far in
 * time they are.
 */

export type StreamClock = {
  /** Wall time the stream's first page was fetched (ms). */
  startedMs: number;
  /** The oldest change time on the stream's first page (ms): where the stream began. */
  fromMs: number | null;
};

export function estimateSecondsLeft(clock: StreamClock, positionMs: number | null, nowWallMs: number, sourceNowMs: number): number | null {
  if (clock.fromMs === null || positionMs === null) return null;
  const span = sourceNowMs - clock.fromMs;
  const done = positionMs - clock.fromMs;
  const elapsed = nowWallMs - clock.startedMs;
  if (span <= 0 || elapsed <= 0) return null;
  if (done >= span) return 0;
  if (done <= 0) return null; // no pace yet
  return Math.round(((elapsed / done) * (span - done)) / 1000);
}

export function progressOf(args: {
  stream: "tickets" | "ratings";
  nowWallMs: number;
  sourceNowMs: number;
  clock: StreamClock;
  positionMs: number | null;
  ticketsSoFar: number;
  ratingsSoFar: number;
  api: ConnectorProgress | null;
}): SyncRunProgress {
  return {
    stream: args.stream,
    at: new Date(args.nowWallMs).toISOString(),
    ticketsSoFar: args.ticketsSoFar,
    ratingsSoFar: args.ratingsSoFar,
    position: args.positionMs === null ? null : new Date(args.positionMs).toISOString(),
    etaSeconds: estimateSecondsLeft(args.clock, args.positionMs, args.nowWallMs, args.sourceNowMs),
    budgetUse: args.api?.budgetUse ?? null,
    requests: args.api?.requests ?? 0,
    throttled: args.api?.throttled ?? 0,
  };
}

/** Newest and oldest change time of a page's records (anything with `updatedAt`). */
export function pageSpan(items: { updatedAt: Date }[]): { min: number; max: number } | null {
  if (items.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const it of items) {
    const t = it.updatedAt.getTime();
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return { min, max };
}
