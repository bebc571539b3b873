import { periodLabel, type PeriodKind } from "@/lib/periods";
import { intlTag, toLocale } from "./index";
import { dateTimeFormat } from "./intl-cache";

const KINDS = new Set(["day", "week", "month", "quarter", "year"]);

/**
 * A period's label in the viewer's language: "Q4 2026" → "4 кв. 2026", "week of 16 Nov" →
 * "неделя с 16 нояб.". Pure; other kinds (custom ranges) keep the label they came with.
 */
export function localPeriodLabel(locale: string, p: { kind: string; startDate: string; label: string }): string {
  if (!KINDS.has(p.kind) || !/^\d{4}-\d{2}-\d{2}$/.test(p.startDate)) return p.label;
  const [year, month, day] = p.startDate.split("-").map(Number) as [number, number, number];
  if (toLocale(locale) === "en") return periodLabel(p.kind as PeriodKind, { year, month, day });
  // Noon UTC, formatted in UTC: the calendar date as stored, whatever the server's zone.
  const d = new Date(Date.UTC(year, month - 1, day, 12));
  const f = (o: Intl.DateTimeFormatOptions) => dateTimeFormat(intlTag(locale), { timeZone: "UTC", ...o }).format(d);
  switch (p.kind) {
    case "day":
      return f({ day: "numeric", month: "short", year: "numeric" });
    case "week":
      return `неделя с ${f({ day: "numeric", month: "short" })}`;
    case "month":
      return f({ month: "long", year: "numeric" });
    case "quarter":
      return `${Math.floor((month - 1) / 3) + 1} кв. ${year}`;
    default:
      return String(year);
  }
}

/** A calendar day without its year ("26 Oct" → "26 окт.") for chart axes; English keeps the label it came with. Pure. */
export function localDayMonth(locale: string, p: { date: string; label: string }): string {
  if (toLocale(locale) === "en" || !/^\d{4}-\d{2}-\d{2}$/.test(p.date)) return p.label;
  const [year, month, day] = p.date.split("-").map(Number) as [number, number, number];
  return dateTimeFormat(intlTag(locale), { timeZone: "UTC", day: "numeric", month: "short" }).format(new Date(Date.UTC(year, month - 1, day, 12)));
}
