/**
 * A small dictionary i18n: English and Russian, chosen per user (`users.locale`). `t(locale, key,
 * vars)` with `{name}` placeholders; numbers and dates go through Intl in the same locale. Pure.
 */
import { en } from "./en";
import { ru } from "./ru";
import { dateTimeFormat, numberFormat } from "./intl-cache";
import { fill } from "./fill";

export type Locale = "en" | "ru";
export const LOCALES: readonly Locale[] = ["en", "ru"];
export type MessageKey = keyof typeof en;

const DICTS: Record<Locale, Record<MessageKey, string>> = { en, ru };

export function toLocale(raw: string | null | undefined): Locale {
  return raw === "ru" ? "ru" : "en";
}

export function t(locale: string, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return fill(DICTS[toLocale(locale)][key] ?? en[key], vars);
}

/** The text of `prefix + value` (a stored word such as a run's trigger), or the value itself when the dictionaries have no such key. */
export function tValue(locale: string, prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  return key in en ? t(locale, key as MessageKey) : value;
}

/**
 * `t(locale, key, vars)` for a text used once per row of a large file: the text is split at its
 * placeholders once, so each call only joins strings (a 100,000-row import labels every row).
 */
export function template(locale: string, key: MessageKey): (vars: Record<string, string | number>) => string {
  const parts = (DICTS[toLocale(locale)][key] ?? en[key]).split(/(\{\w+\})/);
  const names = parts.map((p) => /^\{(\w+)\}$/.exec(p)?.[1]);
  return (vars) => {
    let out = "";
    for (let i = 0; i < parts.length; i++) {
      const n = names[i];
      out += n !== undefined && n in vars ? String(vars[n]) : parts[i]!;
    }
    return out;
  };
}

/** The keys under `P` with `P` cut off: `"syncNow.sync" -> "sync"` for `P = "syncNow."`. */
type After<P extends string, K> = K extends `${P}${infer S}` ? S : never;
export type Texts<P extends string> = Record<After<P, MessageKey>, string>;

/**
 * All texts under one prefix, unfilled, for a page to hand to a client form (which fills them with
 * `fill` from ./fill): only those strings reach the browser, never the dictionaries.
 */
export function texts<P extends string>(locale: string, prefix: P): Texts<P> {
  const dict = DICTS[toLocale(locale)];
  const out: Record<string, string> = {};
  for (const k of Object.keys(en) as MessageKey[]) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = dict[k] ?? en[k];
  return out as Texts<P>;
}

/**
 * The language an API client asks for (an HTTP Accept-Language header): the supported one it
 * weighs highest, English when it names none (a script has no session to take a language from).
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  let best: { locale: Locale; q: number } | null = null;
  for (const part of (header ?? "").split(",")) {
    const [tag = "", ...params] = part.trim().split(";");
    const primary = tag.trim().toLowerCase().split("-")[0];
    if (primary !== "en" && primary !== "ru") continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { locale: primary, q };
  }
  return best?.locale ?? "en";
}

/** Intl tag for a locale. */
export const intlTag = (locale: string) => (toLocale(locale) === "ru" ? "ru-RU" : "en-GB");

export function formatNumber(locale: string, n: number, digits = 2): string {
  return numberFormat(intlTag(locale), { maximumFractionDigits: digits }).format(Object.is(n, -0) ? 0 : n);
}

export function formatFixed(locale: string, n: number | null, digits = 2): string {
  return n === null ? "—" : numberFormat(intlTag(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

export function formatPercent(locale: string, n: number | null): string {
  return n === null ? "—" : numberFormat(intlTag(locale), { style: "percent", maximumFractionDigits: 1 }).format(n);
}

export function formatDay(locale: string, d: Date, timeZone: string): string {
  return dateTimeFormat(intlTag(locale), { timeZone, day: "numeric", month: "short", year: "numeric" }).format(d);
}

/** "1 – 7 Dec 2026" style label of a board period, localised. */
export function formatRange(locale: string, start: Date, endExclusive: Date, timeZone: string): string {
  const last = new Date(endExclusive.getTime() - 1);
  const f = dateTimeFormat(intlTag(locale), { timeZone, day: "numeric", month: "short", year: "numeric" });
  return f.formatRange(start, last);
}
