import { dateTimeFormat } from "@/lib/i18n/intl-cache";
import type { LedgerStateName, PointsBreakdown } from "./types";

/** A total: always with a decimal ("2.0", "0.75"). */
const fmt = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(Math.round(n * 1000) / 1000));
/** A factor or an addend: as short as it is ("1", "1.5", "-0.5"). */
const num = (n: number) => String(Math.round(n * 1000) / 1000);

const WEIGHT_LABEL = { skill_group: "skill group", priority: "priority", type: "type" } as const;

const dateOf = (d: Date, locale: string, timeZone: string) =>
  dateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { day: "numeric", month: "short", timeZone }).format(d);

/** "share 1/2", "share 3/10 replies", "share 1200/3600 s". */
function shareText(b: PointsBreakdown): string | null {
  const c = b.credit;
  if (c?.unit && c.mine !== undefined && c.of !== undefined) {
    return `share ${num(c.mine)}/${num(c.of)} ${c.unit === "replies" ? "replies" : "s handle time"}`;
  }
  if (b.contributors > 1) return `share 1/${b.contributors}`;
  return null;
}

/** Who the credit went to, when the mode is not a split. */
function creditNote(b: PointsBreakdown): string | null {
  const c = b.credit;
  if (!c) return null;
  if (c.used === "solver") return "credited to the solver";
  if (c.used === "last_assignee") return "credited to the last assignee";
  if (c.mode !== c.used && c.used === "equal") {
    return c.mode === "by_handle_time" || c.mode === "by_replies"
      ? `split equally (the helpdesk gave no ${c.mode === "by_replies" ? "replies" : "handle time"})`
      : "split equally (no solver or assignee known)";
  }
  return null;
}

/**
 * The plain-words reason for a ledger row, e.g.
 * "L2 base 1 × cross-skill 1.5 + five-star 0.5 = 2.0 — pending until 30 Nov (reopen window)".
 * Rows written before issue #3 (without weights, credit, unrated…) read as they did.
 */
export function describeBreakdown(
  b: PointsBreakdown,
  state: LedgerStateName,
  confirmAfter: Date,
  locale = "en",
  timeZone = "UTC",
): string {
  const notes: string[] = [];
  const thanks = b.thankYouReopens ?? 0;
  if (thanks > 0) notes.push(`${thanks} "thank you" reopen${thanks > 1 ? "s" : ""} ignored`);
  const credit = creditNote(b);
  if (credit) notes.push(credit);
  const tail = `${notes.length ? `; ${notes.join("; ")}` : ""} (rules v${b.ruleVersion})`;

  if (b.reopen) {
    const share = shareText(b);
    const penalty = b.reopen.penalty !== 0 ? `, penalty ${num(b.reopen.penalty)}${share ? ` × ${share}` : ""} = ${fmt(b.total)}` : "";
    const when = dateOf(new Date(b.reopen.at), locale, timeZone);
    return `reopened inside the window (${when}) — points revoked${penalty}${tail}`;
  }

  // The value: base × weights × cross-skill.
  const factors: string[] = [`${b.lineCode ?? "default"} base ${num(b.base)}`];
  for (const w of b.weights ?? []) factors.push(`× ${WEIGHT_LABEL[w.kind]} ${w.key} ${num(w.multiplier)}`);
  if (b.crossSkill) factors.push(`× cross-skill ${num(b.crossSkill.multiplier)}`);
  let text = factors.join(" ");
  let addend = false;

  if (b.csatGate && !b.csatGate.passed) {
    const penalty = b.lowRatingPenalty ?? 0;
    text = `rated ${num(b.rating ?? 0)} < ${num(b.csatGate.threshold)}: CSAT gate, no points`;
    if (penalty !== 0) {
      text += `, low-rating penalty ${num(penalty)}`;
      addend = true;
    } else {
      // Nothing to share out: "= 0.0" is the whole story.
      return `${text} = ${fmt(b.total)}${pendingText(state, confirmAfter, locale, timeZone)}${tail}`;
    }
  } else if (b.unrated && b.unrated.policy !== "full") {
    text += b.unrated.policy === "half" ? " × unrated ½" : " × unrated 0";
  } else if (b.fiveStarBonus > 0) {
    text += ` + five-star ${num(b.fiveStarBonus)}`;
    addend = true;
  }
  const share = shareText(b);
  if (share) text = addend || factors.length > 1 ? `(${text}) × ${share}` : `${text} × ${share}`;
  text += ` = ${fmt(b.total)}`;
  return `${text}${pendingText(state, confirmAfter, locale, timeZone)}${tail}`;
}

function pendingText(state: LedgerStateName, confirmAfter: Date, locale: string, timeZone: string): string {
  return state === "pending" ? ` — pending until ${dateOf(confirmAfter, locale, timeZone)} (reopen window)` : "";
}
