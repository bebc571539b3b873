/**
 * Intl formatters built once per (locale, options): constructing one costs 0.1–0.5 ms, and a page
 * formats a hundred numbers and dates (the engineer page: two dates per ledger row). Pure memo.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
// Keys come from code (locales, option literals) plus time zones, a bounded set; the cap is a backstop.
const MAX = 1000;

function memo<F>(map: Map<string, F>, key: string, make: () => F): F {
  let f = map.get(key);
  if (!f) {
    if (map.size >= MAX) map.clear();
    f = make();
    map.set(key, f);
  }
  return f;
}

export function numberFormat(tag: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return memo(numberFormats, `${tag}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(tag, options));
}

export function dateTimeFormat(tag: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return memo(dateFormats, `${tag}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(tag, options));
}

/** `a.localeCompare(b)` without building a collator per call (same default locale and options). */
const collator = new Intl.Collator();
export const compareText = (a: string, b: string): number => collator.compare(a, b);

const pluralRulesCache = new Map<string, Intl.PluralRules>();
export function pluralRules(tag: string): Intl.PluralRules {
  return memo(pluralRulesCache, tag, () => new Intl.PluralRules(tag));
}
