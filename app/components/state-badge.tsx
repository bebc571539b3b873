import { t } from "@/lib/i18n";
import type { LedgerStateName } from "@/lib/scoring/types";

export function StateBadge({ state, locale = "en" }: { state: LedgerStateName; locale?: string }) {
  return (
    <span className={`badge badge-${state}`} data-testid="state-badge" title={t(locale, `ledgerState.${state}Title`)}>
      {t(locale, `ledgerState.${state}`)}
    </span>
  );
}
