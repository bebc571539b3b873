import { t } from "@/lib/i18n";
import { describeValue, totalsOf } from "./evaluate";
import type { ChallengeSpec, ChallengeState, PeriodFacts } from "./types";

/**
 * The result a closed challenge keeps (`challenges.result`, written by the quarter close). Since
 * issue 5 it holds the period's facts, so "what it takes" is written again in the reader's
 * language; rows closed before hold only the English sentence, which is shown as it was. Pure.
 */
export type FrozenResult = {
  state: ChallengeState;
  value: number | null;
  progress: number;
  /** The English sentence at close (kept for rows without `facts`, and for anything reading the JSON). */
  whatItTakes: string;
  facts?: PeriodFacts;
  series?: unknown;
  personal?: { engineerId: number; name: string; state: ChallengeState; value: number | null; whatItTakes: string; facts?: PeriodFacts }[];
};

const STATES: readonly string[] = ["on_track", "at_risk", "achieved", "missed", "unreachable"];

/** The stored JSON as a result, or null when it is not one (never written, or unreadable). */
export function readFrozenResult(raw: unknown): FrozenResult | null {
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Partial<FrozenResult>;
  if (typeof r.state !== "string" || !STATES.includes(r.state)) return null;
  return { ...r, state: r.state, value: r.value ?? null, progress: r.progress ?? 0, whatItTakes: typeof r.whatItTakes === "string" ? r.whatItTakes : "" };
}

/** "Achieved: 4.91 over 120 ratings." in `locale` from the stored facts; an old row's stored text as it is. */
export function describeFrozenResult(spec: ChallengeSpec, result: Pick<FrozenResult, "state" | "whatItTakes" | "facts">, locale: string): string {
  if (!result.facts) return result.whatItTakes;
  return t(locale, result.state === "achieved" ? "takes.achieved" : "takes.missed", { value: describeValue(spec, totalsOf(result.facts), locale) });
}
