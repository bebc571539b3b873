/**
 * Calendar periods (day, ISO week, month, quarter, year) as half-open instants [start, end) in an
 * IANA time zone. Pure: no clock, no I/O; uses only Intl to read wall-clock time in a zone.
 */

export type PeriodKind = "day" | "week" | "month" | "quarter" | "year";
export const PERIOD_KINDS: readonly PeriodKind[] = ["day", "week", "month", "quarter", "year"];

/** A calendar date without a time zone. `month` is 1–12. */
export type CalendarDate = { year: number; month: number; day: number };

export type Period = {
  kind: PeriodKind;
  timeZone: string;
  /** First instant of the period (local midnight of its first day). */
  start: Date;
  /** First instant after the period (exclusive). */
  end: Date;
  /** Local first day, YYYY-MM-DD (what `crowns.period_start` and challenges store). */
  startDate: string;
  /** Local last day, YYYY-MM-DD. */
  lastDate: string;
  label: string;
};

const MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what callers should see.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of an instant in a zone. */
export function zonedParts(at: Date, timeZone: string) {
  // UTC, the default zone, from the Date itself: formatToParts costs ~20 µs a call and a page's
  // periods (30 days of a chart, their labels and bounds) call it hundreds of times.
  if (timeZone === "UTC") {
    return {
      year: at.getUTCFullYear(),
      month: at.getUTCMonth() + 1,
      day: at.getUTCDate(),
      hour: at.getUTCHours(),
      minute: at.getUTCMinutes(),
      second: at.getUTCSeconds(),
    };
  }
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetMs(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant of local midnight starting a calendar date in a zone. When midnight does not exist
 * (a DST jump at 00:00), the first instant of that day is returned.
 */
export function startOfLocalDay(d: CalendarDate, timeZone: string): Date {
  const wall = Date.UTC(d.year, d.month - 1, d.day);
  // Memoised per (zone, date): four zone conversions of ~20 µs each, and a page's periods (a chart's
  // 30 days, a week, a quarter) ask for the same few dozen midnights on every view.
  const key = `${timeZone}|${wall}`;
  const known = midnights.get(key);
  if (known !== undefined) return new Date(known);
  if (midnights.size >= 10_000) midnights.clear();
  const at = computeStartOfLocalDay(wall, timeZone);
  midnights.set(key, at.getTime());
  return at;
}

const midnights = new Map<string, number>();

function computeStartOfLocalDay(wall: number, timeZone: string): Date {
  // The instant is wall − offset, and offsets lie within ±14 h: sampling the offset 15 h either
  // side brackets any transition near this midnight.
  const before = wall - offsetMs(new Date(wall - 15 * 3600_000), timeZone);
  const after = wall - offsetMs(new Date(wall + 15 * 3600_000), timeZone);
  const isMidnight = (t: number) => {
    const p = zonedParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) === wall;
  };
  const valid = [before, after].filter(isMidnight);
  if (valid.length > 0) return new Date(Math.min(...valid));
  // Midnight falls in a DST gap: the day begins at the transition, `wall` read with the old offset.
  return new Date(Math.max(before, after));
}

/** The calendar date of an instant in a zone. */
export function localDate(at: Date, timeZone: string): CalendarDate {
  const p = zonedParts(at, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

/** Adds days to a calendar date (pure calendar arithmetic, no zone). */
export function addDays(d: CalendarDate, days: number): CalendarDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function addMonths(d: CalendarDate, months: number): CalendarDate {
  const t = new Date(Date.UTC(d.year, d.month - 1 + months, 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: 1 };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
function isoWeekday(d: CalendarDate): number {
  const w = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function formatDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

export function parseDate(s: string): CalendarDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`Not a date: ${s}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** The local date key (YYYY-MM-DD) of an instant in a zone. */
export function dayKey(at: Date, timeZone: string): string {
  return formatDate(localDate(at, timeZone));
}

function firstDay(kind: PeriodKind, d: CalendarDate): CalendarDate {
  switch (kind) {
    case "day":
      return d;
    case "week":
      return addDays(d, 1 - isoWeekday(d));
    case "month":
      return { year: d.year, month: d.month, day: 1 };
    case "quarter":
      return { year: d.year, month: Math.floor((d.month - 1) / 3) * 3 + 1, day: 1 };
    case "year":
      return { year: d.year, month: 1, day: 1 };
  }
}

function nextFirstDay(kind: PeriodKind, first: CalendarDate): CalendarDate {
  switch (kind) {
    case "day":
      return addDays(first, 1);
    case "week":
      return addDays(first, 7);
    case "month":
      return addMonths(first, 1);
    case "quarter":
      return addMonths(first, 3);
    case "year":
      return addMonths(first, 12);
  }
}

function previousFirstDay(kind: PeriodKind, first: CalendarDate): CalendarDate {
  switch (kind) {
    case "day":
      return addDays(first, -1);
    case "week":
      return addDays(first, -7);
    case "month":
      return addMonths(first, -1);
    case "quarter":
      return addMonths(first, -3);
    case "year":
      return addMonths(first, -12);
  }
}

/** "16 Nov 2026", "week of 16 Nov", "November 2026", "Q4 2026", "2026". */
export function periodLabel(kind: PeriodKind, first: CalendarDate): string {
  switch (kind) {
    case "day":
      return `${first.day} ${MONTHS_SHORT[first.month - 1]} ${first.year}`;
    case "week":
      return `week of ${first.day} ${MONTHS_SHORT[first.month - 1]}`;
    case "month":
      return `${MONTHS_LONG[first.month - 1]} ${first.year}`;
    case "quarter":
      return `Q${Math.floor((first.month - 1) / 3) + 1} ${first.year}`;
    case "year":
      return String(first.year);
  }
}

function build(kind: PeriodKind, first: CalendarDate, timeZone: string): Period {
  const next = nextFirstDay(kind, first);
  return {
    kind,
    timeZone,
    start: startOfLocalDay(first, timeZone),
    end: startOfLocalDay(next, timeZone),
    startDate: formatDate(first),
    lastDate: formatDate(addDays(next, -1)),
    label: periodLabel(kind, first),
  };
}

/** The period of the given kind that contains `at`, in `timeZone` (default UTC). */
export function periodContaining(kind: PeriodKind, at: Date, timeZone = "UTC"): Period {
  return build(kind, firstDay(kind, localDate(at, timeZone)), timeZone);
}

/** The period just before `p`, of the same kind and zone. */
export function previousPeriod(p: Period): Period {
  return build(p.kind, previousFirstDay(p.kind, parseDate(p.startDate)), p.timeZone);
}

/** The period just after `p`, of the same kind and zone. */
export function nextPeriod(p: Period): Period {
  return build(p.kind, nextFirstDay(p.kind, parseDate(p.startDate)), p.timeZone);
}

/** The last `n` local days ending with the day containing `at`, oldest first. */
export function lastDays(n: number, at: Date, timeZone = "UTC"): Period[] {
  const today = localDate(at, timeZone);
  const out: Period[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(build("day", addDays(today, -i), timeZone));
  return out;
}
