import { intlTag, texts, toLocale, type Locale, type Texts } from "@/lib/i18n";
import { dateTimeFormat, numberFormat } from "@/lib/i18n/intl-cache";
import { word } from "@/lib/i18n/plural";
import type { LedgerStateName, PointsBreakdown } from "./types";

type Key = keyof Texts<"why.">;
type Vars = Record<string, string | number>;

/**
 * One language's words for the reasons, prepared once: the `why.*` templates split at their
 * placeholders, and the number and date formatters held. Filling each phrase through `t()` (a
 * dictionary lookup, a regex, an options key per Intl call) made a 25-row ledger page's reasons
 * cost 3× (English) to 10× (Russian) what the English literals did.
 */
type Words = {
  L: Locale;
  say: (key: Key, vars?: Vars) => string;
  /** A total: always with a decimal ("2.0", "0.75"; "2,0" in Russian). */
  fmt: (n: number) => string;
  /** A factor or an addend: as short as it is ("1", "1.5", "-0.5"; "1,5"). */
  num: (n: number) => string;
  date: (d: Date, timeZone: string) => string;
};

/** A template cut at its `{name}` placeholders: odd parts are names. Unknown names stay as written. */
function compile(template: string): (vars: Vars) => string {
  const parts = template.split(/\{(\w+)\}/);
  if (parts.length === 1) return () => template;
  return (vars) => {
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const k = parts[i]!;
      out += (k in vars ? String(vars[k]) : `{${k}}`) + parts[i + 1]!;
    }
    return out;
  };
}

// -0 reads as 0 ("= 0.0", never "= -0,0").
const noNegZero = (n: number) => (Object.is(n, -0) ? 0 : n);

function prepare(L: Locale): Words {
  const raw = texts(L, "why.");
  const compiled = new Map<Key, (vars: Vars) => string>();
  for (const k of Object.keys(raw) as Key[]) compiled.set(k, compile(raw[k]));
  const dates = new Map<string, Intl.DateTimeFormat>();
  const date = (d: Date, timeZone: string) => {
    let f = dates.get(timeZone);
    if (!f) dates.set(timeZone, (f = dateTimeFormat(intlTag(L), { day: "numeric", month: "short", timeZone })));
    return f.format(d);
  };
  const say = (key: Key, vars: Vars = {}) => compiled.get(key)!(vars);
  if (L === "en") {
    // English as it always read: no grouping, a dot, three decimals at most.
    return {
      L,
      say,
      date,
      fmt: (n) => (Number.isInteger(n) ? n.toFixed(1) : String(Math.round(n * 1000) / 1000)),
      num: (n) => String(Math.round(n * 1000) / 1000),
    };
  }
  const short = numberFormat(intlTag(L), { maximumFractionDigits: 3 });
  const oneDecimal = numberFormat(intlTag(L), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return {
    L,
    say,
    date,
    fmt: (n) => (Number.isInteger(n) ? oneDecimal : short).format(noNegZero(n)),
    num: (n) => short.format(noNegZero(n)),
  };
}

const WORDS = new Map<Locale, Words>();
function wordsFor(locale: string): Words {
  const L = toLocale(locale);
  let w = WORDS.get(L);
  if (!w) WORDS.set(L, (w = prepare(L)));
  return w;
}

/** "share 1/2", "share 3/10 replies", "share 1200/3600 s handle time"; in Russian "доля 3 из 10 ответов". */
function shareText(b: PointsBreakdown, w: Words): string | null {
  const c = b.credit;
  if (c?.unit && c.mine !== undefined && c.of !== undefined) {
    // The unit's word agrees with the whole ("из 21 ответа", "из 10 ответов").
    const [key, unitKey] = c.unit === "replies" ? (["shareReplies", "why.ofReplies"] as const) : (["shareSeconds", "why.ofSeconds"] as const);
    return w.say(key, { mine: w.num(c.mine), of: w.num(c.of), unit: word(w.L, c.of, unitKey) });
  }
  if (b.contributors > 1) return w.say("share", { n: b.contributors });
  return null;
}

/** Who the credit went to, when the mode is not a split. */
function creditNote(b: PointsBreakdown, w: Words): string | null {
  const c = b.credit;
  if (!c) return null;
  if (c.used === "solver") return w.say("solver");
  if (c.used === "last_assignee") return w.say("lastAssignee");
  if (c.mode !== c.used && c.used === "equal") {
    return w.say(c.mode === "by_replies" ? "equalNoReplies" : c.mode === "by_handle_time" ? "equalNoHandle" : "equalNoOne");
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
  const w = wordsFor(locale);
  const notes: string[] = [];
  const thanks = b.thankYouReopens ?? 0;
  if (thanks > 0) notes.push(w.say("thanks", { n: thanks, reopens: word(w.L, thanks, "why.reopenWord") }));
  const credit = creditNote(b, w);
  if (credit) notes.push(credit);
  const tail = `${notes.length ? `; ${notes.join("; ")}` : ""} (${w.say("rules", { v: b.ruleVersion })})`;

  if (b.reopen) {
    const share = shareText(b, w);
    const penalty = b.reopen.penalty !== 0 ? `, ${w.say("penalty", { p: w.num(b.reopen.penalty) })}${share ? ` × ${share}` : ""} = ${w.fmt(b.total)}` : "";
    return `${w.say("reopened", { when: w.date(new Date(b.reopen.at), timeZone) })}${penalty}${tail}`;
  }

  // The value: base × weights × cross-skill.
  const factors: string[] = [w.say("base", { line: b.lineCode ?? w.say("defaultLine"), n: w.num(b.base) })];
  for (const x of b.weights ?? []) factors.push(`× ${w.say(`weight.${x.kind}`)} ${x.key} ${w.num(x.multiplier)}`);
  if (b.crossSkill) factors.push(`× ${w.say("crossSkill", { m: w.num(b.crossSkill.multiplier) })}`);
  let text = factors.join(" ");
  let addend = false;

  if (b.csatGate && !b.csatGate.passed) {
    const penalty = b.lowRatingPenalty ?? 0;
    text = w.say("gate", { r: w.num(b.rating ?? 0), t: w.num(b.csatGate.threshold) });
    if (penalty !== 0) {
      text += `, ${w.say("lowPenalty", { p: w.num(penalty) })}`;
      addend = true;
    } else {
      // Nothing to share out: "= 0.0" is the whole story.
      return `${text} = ${w.fmt(b.total)}${pendingText(state, confirmAfter, w, timeZone)}${tail}`;
    }
  } else if (b.unrated && b.unrated.policy !== "full") {
    text += ` × ${w.say(b.unrated.policy === "half" ? "unratedHalf" : "unratedZero")}`;
  } else if (b.fiveStarBonus > 0) {
    text += ` + ${w.say("fiveStar", { b: w.num(b.fiveStarBonus) })}`;
    addend = true;
  }
  const share = shareText(b, w);
  if (share) text = addend || factors.length > 1 ? `(${text}) × ${share}` : `${text} × ${share}`;
  text += ` = ${w.fmt(b.total)}`;
  return `${text}${pendingText(state, confirmAfter, w, timeZone)}${tail}`;
}

function pendingText(state: LedgerStateName, confirmAfter: Date, w: Words, timeZone: string): string {
  return state === "pending" ? ` — ${w.say("pending", { date: w.date(confirmAfter, timeZone) })}` : "";
}
