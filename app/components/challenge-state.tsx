import "./challenges.css";
import type { ChallengeState } from "@/lib/challenges/types";
import { t } from "@/lib/i18n";

/** The state in the viewer's language (English unless a locale is given). */
export function ChallengeStateBadge({ state, locale = "en" }: { state: ChallengeState; locale?: string }) {
  return (
    <span className={`challenge-state challenge-state-${state}`} data-testid="challenge-state">
      {t(locale, `ch.state.${state}`)}
    </span>
  );
}
