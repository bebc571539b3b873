/**
 * A small dictionary i18n: English and Russian, chosen per user (`users.locale`). `t(locale, key,
 * vars)` with `{name}` placeholders; numbers and dates go through Intl in the same locale. Pure.
 */
import { en } from "./en";
import { ru } from "./ru";
import { dateTimeFormat, numberFormat } from "./intl-cache";

export type Locale = "en" | "ru";
export const LOCALES: readonly Locale[] = ["en", "ru"];
export type MessageKey = keyof typeof en;

const DICTS: Record<Locale, Record<MessageKey, string>> = { en, ru };

export function toLocale(raw: string | null | undefined): Locale {
  return raw === "ru" ? "ru" : "en";
}

export function t(locale: string, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = DICTS[toLocale(locale)][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
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
