import { addDays, formatDate, parseDate, periodContaining, startOfLocalDay, type Period } from "@/lib/periods";
import type { BoardPeriod } from "./schemas";

/** A board's period: a calendar period containing `now`, or a custom range of days. */
export type BoardRange = Omit<Period, "kind"> & { kind: BoardPeriod };

/** Custom periods are clamped to 366 days; a reversed range is swapped; missing ends default to today. */
export function boardRange(kind: BoardPeriod, now: Date, timeZone: string, from?: string, to?: string): BoardRange {
  if (kind !== "custom") return periodContaining(kind, now, timeZone);
  const today = periodContaining("day", now, timeZone).startDate;
  let a = from ?? to ?? today;
  let b = to ?? from ?? today;
  if (a > b) [a, b] = [b, a];
  const first = parseDate(a);
  const maxLast = addDays(first, 365);
  const last = formatDate(maxLast) < b ? maxLast : parseDate(b);
  return {
    kind: "custom",
    timeZone,
    start: startOfLocalDay(first, timeZone),
    end: startOfLocalDay(addDays(last, 1), timeZone),
    startDate: formatDate(first),
    lastDate: formatDate(last),
    label: `${formatDate(first)} – ${formatDate(last)}`,
  };
}
