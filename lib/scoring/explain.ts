import type { LedgerStateName, PointsBreakdown } from "./types";

const fmt = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(Math.round(n * 1000) / 1000));

/**
 * The plain-words reason for a ledger row, e.g.
 * "L2 base 1 × cross-skill 1.5 + five-star 0.5 = 2.0 — pending until 30 Nov (reopen window)".
 */
export function describeBreakdown(
  b: PointsBreakdown,
  state: LedgerStateName,
  confirmAfter: Date,
  locale = "en",
  timeZone = "UTC",
): string {
  if (b.reopen) {
    const penalty = b.reopen.penalty !== 0 ? `, penalty ${fmt(b.total)}` : "";
    return `reopened inside the window — points revoked${penalty} (rules v${b.ruleVersion})`;
  }
  const parts: string[] = [`${b.lineCode ?? "base"} base ${fmt(b.base)}`];
  if (b.crossSkill) parts.push(`× cross-skill ${fmt(b.crossSkill.multiplier)}`);
  if (b.fiveStarBonus > 0) parts.push(`+ five-star ${fmt(b.fiveStarBonus)}`);
  let text = parts.join(" ");
  if (b.csatGate && !b.csatGate.passed) {
    text = `rated ${fmt(b.rating ?? 0)} < ${fmt(b.csatGate.threshold)}: CSAT gate, no points`;
  }
  if (b.contributors > 1) text += ` × share 1/${b.contributors}`;
  text += ` = ${fmt(b.total)}`;
  if (state === "pending") {
    const until = confirmAfter.toLocaleDateString(locale === "ru" ? "ru-RU" : "en-GB", {
      day: "numeric",
      month: "short",
      timeZone,
    });
    text += ` — pending until ${until} (reopen window)`;
  }
  return `${text} (rules v${b.ruleVersion})`;
}
