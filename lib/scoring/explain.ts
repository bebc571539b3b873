import { formatFixed, formatNumber, t, toLocale } from "@/lib/i18n";
import { dateTimeFormat } from "@/lib/i18n/intl-cache";
import { word } from "@/lib/i18n/plural";
import type { LedgerStateName, PointsBreakdown } from "./types";

/**
 * Numbers in the reason: English as it always read ("2.0", "1.5", "-0.5"); other languages with
 * their decimal sign ("2,0", "1,5").
 */
type Fmt = { L: string; fmt: (n: number) => string; num: (n: number) => string };
const EN: Fmt = {
  L: "en",
  /** A total: always with a decimal ("2.0", "0.75"). */
  fmt: (n) => (Number.isInteger(n) ? n.toFixed(1) : String(Math.round(n * 1000) / 1000)),
  /** A factor or an addend: as short as it is ("1", "1.5", "-0.5"). */
  num: (n) => String(Math.round(n * 1000) / 1000),
};
const fmtFor = (L: string): Fmt =>
  toLocale(L) === "en" ? EN : { L, fmt: (n) => (Number.isInteger(n) ? formatFixed(L, n, 1) : formatNumber(L, n, 3)), num: (n) => formatNumber(L, n, 3) };

const dateOf = (d: Date, locale: string, timeZone: string) =>
  dateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { day: "numeric", month: "short", timeZone }).format(d);

/** "share 1/2", "share 3/10 replies", "share 1200/3600 s handle time"; in Russian "доля 3 из 10 ответов". */
function shareText(b: PointsBreakdown, f: Fmt): string | null {
  const c = b.credit;
  if (c?.unit && c.mine !== undefined && c.of !== undefined) {
    // The unit's word agrees with the whole ("из 21 ответа", "из 10 ответов").
    const [key, unitKey] = c.unit === "replies" ? (["why.shareReplies", "why.ofReplies"] as const) : (["why.shareSeconds", "why.ofSeconds"] as const);
    return t(f.L, key, { mine: f.num(c.mine), of: f.num(c.of), unit: word(f.L, c.of, unitKey) });
  }
  if (b.contributors > 1) return t(f.L, "why.share", { n: b.contributors });
  return null;
}

/** Who the credit went to, when the mode is not a split. */
function creditNote(b: PointsBreakdown, L: string): string | null {
  const c = b.credit;
  if (!c) return null;
  if (c.used === "solver") return t(L, "why.solver");
  if (c.used === "last_assignee") return t(L, "why.lastAssignee");
  if (c.mode !== c.used && c.used === "equal") {
    return c.mode === "by_handle_time" || c.mode === "by_replies" ? t(L, c.mode === "by_replies" ? "why.equalNoReplies" : "why.equalNoHandle") : t(L, "why.equalNoOne");
  }
  return null;
}

/**
 * The plain-words reason for a ledger row in `locale`, e.g.
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
  const f = fmtFor(locale);
  const L = f.L;
  const notes: string[] = [];
  const thanks = b.thankYouReopens ?? 0;
  if (thanks > 0) notes.push(t(L, "why.thanks", { n: thanks, reopens: word(L, thanks, "why.reopenWord") }));
  const credit = creditNote(b, L);
  if (credit) notes.push(credit);
  const tail = `${notes.length ? `; ${notes.join("; ")}` : ""} (${t(L, "why.rules", { v: b.ruleVersion })})`;

  if (b.reopen) {
    const share = shareText(b, f);
    const penalty = b.reopen.penalty !== 0 ? `, ${t(L, "why.penalty", { p: f.num(b.reopen.penalty) })}${share ? ` × ${share}` : ""} = ${f.fmt(b.total)}` : "";
    const when = dateOf(new Date(b.reopen.at), locale, timeZone);
    return `${t(L, "why.reopened", { when })}${penalty}${tail}`;
  }

  // The value: base × weights × cross-skill.
  const factors: string[] = [t(L, "why.base", { line: b.lineCode ?? t(L, "why.defaultLine"), n: f.num(b.base) })];
  for (const w of b.weights ?? []) factors.push(`× ${t(L, `why.weight.${w.kind}`)} ${w.key} ${f.num(w.multiplier)}`);
  if (b.crossSkill) factors.push(`× ${t(L, "why.crossSkill", { m: f.num(b.crossSkill.multiplier) })}`);
  let text = factors.join(" ");
  let addend = false;

  if (b.csatGate && !b.csatGate.passed) {
    const penalty = b.lowRatingPenalty ?? 0;
    text = t(L, "why.gate", { r: f.num(b.rating ?? 0), t: f.num(b.csatGate.threshold) });
    if (penalty !== 0) {
      text += `, ${t(L, "why.lowPenalty", { p: f.num(penalty) })}`;
      addend = true;
    } else {
      // Nothing to share out: "= 0.0" is the whole story.
      return `${text} = ${f.fmt(b.total)}${pendingText(state, confirmAfter, locale, timeZone)}${tail}`;
    }
  } else if (b.unrated && b.unrated.policy !== "full") {
    text += ` × ${t(L, b.unrated.policy === "half" ? "why.unratedHalf" : "why.unratedZero")}`;
  } else if (b.fiveStarBonus > 0) {
    text += ` + ${t(L, "why.fiveStar", { b: f.num(b.fiveStarBonus) })}`;
    addend = true;
  }
  const share = shareText(b, f);
  if (share) text = addend || factors.length > 1 ? `(${text}) × ${share}` : `${text} × ${share}`;
  text += ` = ${f.fmt(b.total)}`;
  return `${text}${pendingText(state, confirmAfter, locale, timeZone)}${tail}`;
}

function pendingText(state: LedgerStateName, confirmAfter: Date, locale: string, timeZone: string): string {
  return state === "pending" ? ` — ${t(locale, "why.pending", { date: dateOf(confirmAfter, locale, timeZone) })}` : "";
}
