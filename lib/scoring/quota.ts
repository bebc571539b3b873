import { periodContaining } from "@/lib/periods";

/**
 * Weekly quota: per engineer and ISO week (Monday to Sunday, in `timeZone`), the points earned and
 * whether they reached the quota, and when. Pure.
 *
 * - Points count in the week of their `earnedAt` (the first solve). Revoked rows count what they
 *   carry (0, or a negative reopen penalty), so a reopen can take a met quota back.
 * - Rows are added in time order (ties by ticket id); `metAt` is the moment the running total
 *   last rose to the quota and stayed there until the end of the week; null when not met.
 * - A quota of 0 (or less) means no quota: never met.
 */

export type QuotaInputRow = { engineerId: number; ticketId?: number; earnedAt: Date; points: number };

export type WeeklyQuotaRow = {
  engineerId: number;
  /** Monday of the ISO week, YYYY-MM-DD. */
  weekStart: string;
  points: number;
  quota: number;
  met: boolean;
  metAt: Date | null;
};

const round3 = (n: number) => Math.round(n * 1000) / 1000 + 0;

export function computeWeeklyQuota(rows: readonly QuotaInputRow[], quota: number, timeZone = "UTC"): WeeklyQuotaRow[] {
  const sorted = [...rows].sort(
    (a, b) => a.earnedAt.getTime() - b.earnedAt.getTime() || (a.ticketId ?? 0) - (b.ticketId ?? 0) || a.engineerId - b.engineerId,
  );
  const acc = new Map<string, WeeklyQuotaRow>();
  for (const r of sorted) {
    const week = periodContaining("week", r.earnedAt, timeZone).startDate;
    const key = `${r.engineerId}|${week}`;
    let w = acc.get(key);
    if (!w) acc.set(key, (w = { engineerId: r.engineerId, weekStart: week, points: 0, quota, met: false, metAt: null }));
    const before = w.points;
    w.points = round3(w.points + r.points);
    if (quota > 0) {
      if (before < quota && w.points >= quota) w.metAt = r.earnedAt;
      else if (w.points < quota) w.metAt = null;
      w.met = w.points >= quota;
    }
  }
  return [...acc.values()].sort((a, b) => a.engineerId - b.engineerId || a.weekStart.localeCompare(b.weekStart));
}
