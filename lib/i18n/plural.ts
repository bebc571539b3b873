import { t, toLocale, formatNumber, intlTag, type MessageKey } from "./index";
import { pluralRules } from "./intl-cache";

/**
 * Word forms for a count. A dictionary entry holds them split by "|": English one|other, Russian
 * one|few|many|other (Intl.PluralRules' categories, "other" being fractions); a single form is used
 * for every count. Pure.
 */
const ORDER: Record<"en" | "ru", Intl.LDMLPluralRule[]> = { en: ["one", "other"], ru: ["one", "few", "many", "other"] };

export function word(locale: string, n: number, key: MessageKey): string {
  const forms = t(locale, key).split("|");
  if (forms.length === 1) return forms[0]!;
  const L = toLocale(locale);
  const i = ORDER[L].indexOf(pluralRules(intlTag(L)).select(n));
  return forms[i < 0 ? forms.length - 1 : Math.min(i, forms.length - 1)]!;
}

/**
 * A number for plain-words sentences: English as before (no grouping, trailing zeros cut, "4.5"),
 * other locales through Intl ("4,5", "1 200").
 */
export function num(locale: string, n: number, digits = 2): string {
  if (toLocale(locale) === "en") return Number.isInteger(n) ? String(n) : n.toFixed(digits).replace(/\.?0+$/, "");
  return formatNumber(locale, n, digits);
}
