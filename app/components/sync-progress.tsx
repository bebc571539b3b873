import type { SyncRunProgress } from "@/db/schema";
import { t as tr } from "@/lib/i18n";
import { formatDuration, formatPoints } from "./format";

/** A running sync's progress: records so far, time left, API budget in use (server component). */
export function SyncProgress({ progress, L }: { progress: SyncRunProgress | null; L: string }) {
  if (!progress) return null;
  const n = (x: number) => formatPoints(x, L);
  return (
    <p className="small sync-progress" data-testid="sync-progress" data-stream={progress.stream}>
      <strong>{tr(L, "sync.progress.stream", { stream: progress.stream })}</strong>{" "}
      <span data-testid="progress-so-far">{tr(L, "sync.progress.so_far", { tickets: n(progress.ticketsSoFar), ratings: n(progress.ratingsSoFar) })}</span>
      {" · "}
      <span data-testid="progress-eta">
        {progress.etaSeconds === null ? tr(L, "sync.progress.eta_unknown") : tr(L, "sync.progress.eta", { time: formatDuration(progress.etaSeconds * 1000) })}
      </span>
      {progress.budgetUse !== null && (
        <>
          {" · "}
          <span data-testid="progress-budget">{tr(L, "sync.progress.budget", { pct: n(Math.round(progress.budgetUse * 1000) / 10) })}</span>
        </>
      )}
      {" · "}
      <span className="muted">{tr(L, "sync.progress.requests", { requests: n(progress.requests), throttled: n(progress.throttled) })}</span>
    </p>
  );
}
