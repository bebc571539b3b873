import { t, toLocale } from "./index";
import { localPeriodLabel } from "./period-label";

const CROWNS = [
  ["Team CSAT crown", "badge.teamCsat"],
  ["Team points crown", "badge.teamPoints"],
  ["Points crown", "badge.points"],
] as const;

/**
 * A badge's label in the viewer's language. Quarter crowns are stored as "👑 <crown> Q4 2026"
 * (lib/challenges/close.ts); challenge badges carry the challenge's own name, shown as written.
 */
export function localBadgeLabel(locale: string, b: { kind: string; label: string; periodStart: string }): string {
  if (toLocale(locale) === "en" || b.kind !== "quarter_crown") return b.label;
  const crown = CROWNS.find(([en]) => b.label.includes(en));
  if (!crown) return b.label;
  return `👑 ${t(locale, crown[1])} ${localPeriodLabel(locale, { kind: "quarter", startDate: b.periodStart, label: "" })}`;
}
