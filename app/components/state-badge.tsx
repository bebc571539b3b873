import type { LedgerStateName } from "@/lib/scoring/types";

const TITLES: Record<LedgerStateName, string> = {
  pending: "Counted, but the reopen window is still open",
  confirmed: "Final: the reopen window has closed",
  revoked: "The ticket came back inside the reopen window",
};

export function StateBadge({ state }: { state: LedgerStateName }) {
  return (
    <span className={`badge badge-${state}`} data-testid="state-badge" title={TITLES[state]}>
      {state}
    </span>
  );
}
