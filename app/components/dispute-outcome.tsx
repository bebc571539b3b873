import { formatPoints } from "./format";
import type { LedgerDispute } from "@/lib/disputes/queries";
import { t } from "@/lib/i18n";
import { word } from "@/lib/i18n/plural";

/** A ledger row's dispute in a few words: waiting, accepted (+n), or rejected, with the lead's reason. */
export function DisputeOutcome({ d, locale = "en" }: { d: LedgerDispute; locale?: string }) {
  const adj = d.adjustment ?? 0;
  const label =
    d.status === "open"
      ? t(locale, "dispOutcome.open")
      : d.status === "accepted"
        ? t(locale, "dispOutcome.accepted", { points: `${adj > 0 ? "+" : ""}${formatPoints(adj, locale)}`, unit: word(locale, Math.abs(adj), "unit.point") })
        : t(locale, "dispOutcome.rejected");
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
