import { formatPoints } from "./format";
import type { LedgerDispute } from "@/lib/disputes/queries";

/** A ledger row's dispute in a few words: waiting, accepted (+n), or rejected, with the lead's reason. */
export function DisputeOutcome({ d }: { d: LedgerDispute }) {
  const label =
    d.status === "open"
      ? "Disputed — waiting for the lead"
      : d.status === "accepted"
        ? `Dispute accepted: ${d.adjustment !== null && d.adjustment > 0 ? "+" : ""}${formatPoints(d.adjustment ?? 0)} points`
        : "Dispute rejected";
  return (
    <div className="small" data-testid="dispute-outcome" data-status={d.status}>
      <span className={`badge ${d.status === "accepted" ? "badge-run-succeeded" : d.status === "rejected" ? "badge-run-failed" : "badge-muted"}`}>
        {label}
      </span>
      {d.resolution && (
        <div>
          “{d.resolution}”{d.resolvedBy ? ` — ${d.resolvedBy}` : ""}
        </div>
      )}
    </div>
  );
}
