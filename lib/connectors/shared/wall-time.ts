/**
 * GLPI and OTRS speak "YYYY-MM-DD HH:MM:SS" in their server's time zone, without an offset.
 * These convert between that and instants, for an IANA zone from the connection's settings.
 */

const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** "2024-03-01 10:00:00" in `timeZone` → Date; null for anything else. */
export function parseWallTime(s: string, timeZone: string): Date | null {
  const m = WALL.exec(s.trim());
  if (!m) return null;
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  // Two passes settle the offset around a daylight-saving change.
  let t = guess - offsetMs(guess, timeZone);
  t = guess - offsetMs(t, timeZone);
  return new Date(t);
}

/** Date → "YYYY-MM-DD HH:MM:SS" in `timeZone`. */
export function formatWallTime(d: Date, timeZone: string): string {
  const local = new Date(d.getTime() + offsetMs(d.getTime(), timeZone));
  return local.toISOString().slice(0, 19).replace("T", " ");
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
