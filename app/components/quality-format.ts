import { intlTag, toLocale } from "@/lib/i18n";
import { numberFormat } from "@/lib/i18n/intl-cache";

/** Formatting for the directors' tables, in the viewer's locale (English by default). */
const fixed = (v: number, digits: number, locale: string) =>
  numberFormat(intlTag(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
export const avg = (v: number | null, locale = "en") => (v === null ? "—" : fixed(v, 2, locale));
export const pct = (v: number | null, locale = "en") => (v === null ? "—" : `${fixed(v * 100, 1, locale)} %`);
export const hours = (v: number | null, locale = "en") => (v === null ? "—" : `${fixed(v, 1, locale)} ${toLocale(locale) === "ru" ? "ч" : "h"}`);
