import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineers, pointsLedger, teams, weeklyQuotas } from "@/db/schema";
import { periodContaining } from "@/lib/periods";
import { computeWeeklyQuota, type QuotaInputRow, type WeeklyQuotaRow } from "@/lib/scoring/quota";
import { pickRules } from "@/lib/scoring/score";
import { loadRuleVersions, type RuleVersion } from "@/lib/sync/rule-sets";

/**
 * Fills `weekly_quotas` from the ledger: per engineer and ISO week (in the engineer's team's time
 * zone) the points, the quota of the rule version in force at the week's start, and when it was met.
 *
 * A derived table, refreshed by the `weekly-quotas` job (recent weeks every few minutes, a quarter
 * daily) and after whole-ledger rewrites (rebuild, new rule version), instead of inside every sync
 * page: a page touches hundreds of engineer-weeks, and recomputing them there would cost more than
 * the page's 200 ms rescore budget. The weeks from `since` on are replaced in one transaction.
 */

const DAY_MS = 86_400_000;

/** Monday (YYYY-MM-DD) of the UTC ISO week one week before the week containing `since`. */
export function firstWeekToRefresh(since: Date): string {
  return periodContaining("week", new Date(since.getTime() - 7 * DAY_MS), "UTC").startDate;
}

/** Pure: quota rows for ledger rows of engineers in several zones, each week with its own quota. */
export function quotaRowsFor(
  rows: readonly (QuotaInputRow & { timeZone: string })[],
  versions: readonly RuleVersion[],
  fromWeek: string,
): WeeklyQuotaRow[] {
  const quotaOfWeek = (week: string) => pickRules(versions, new Date(`${week}T00:00:00Z`))?.config.weeklyQuota ?? 50;
  // Rows grouped by zone and quota; the quota is the week's, so one week never splits in two.
  const groups = new Map<string, { timeZone: string; quota: number; rows: QuotaInputRow[] }>();
  const weekCache = new Map<string, string>();
  for (const r of rows) {
    const dayKey = `${r.timeZone}|${Math.floor(r.earnedAt.getTime() / 3_600_000)}`;
    let week = weekCache.get(dayKey);
    if (week === undefined) weekCache.set(dayKey, (week = periodContaining("week", r.earnedAt, r.timeZone).startDate));
    if (week < fromWeek) continue;
    const quota = quotaOfWeek(week);
    const key = `${r.timeZone}|${quota}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { timeZone: r.timeZone, quota, rows: [] }));
    g.rows.push(r);
  }
  return [...groups.values()].flatMap((g) => computeWeeklyQuota(g.rows, g.quota, g.timeZone));
}

/** Recomputes every week from the one before `since` on (UTC Monday); returns how many rows it wrote. */
export async function refreshWeeklyQuotas(db: Db, since: Date): Promise<{ fromWeek: string; weeks: number }> {
  const fromWeek = firstWeekToRefresh(since);
  // A day early: a week starting Monday 00:00 east of UTC began on Sunday in UTC.
  const loadFrom = new Date(Date.parse(`${fromWeek}T00:00:00Z`) - DAY_MS);
  const versions = await loadRuleVersions(db);
  const rows = await db
    .select({
      engineerId: pointsLedger.engineerId,
      ticketId: pointsLedger.ticketId,
      earnedAt: pointsLedger.earnedAt,
      points: pointsLedger.points,
      timeZone: sql<string>`coalesce(${teams.timeZone}, 'UTC')`,
    })
    .from(pointsLedger)
    .innerJoin(engineers, eq(engineers.id, pointsLedger.engineerId))
    .leftJoin(teams, eq(teams.id, engineers.teamId))
    .where(gte(pointsLedger.earnedAt, loadFrom));
  const computed = quotaRowsFor(rows, versions, fromWeek);
  await db.transaction(async (tx) => {
    await tx.delete(weeklyQuotas).where(gte(weeklyQuotas.weekStart, fromWeek));
    for (let i = 0; i < computed.length; i += 1000) {
      await tx.insert(weeklyQuotas).values(
        computed.slice(i, i + 1000).map((w) => ({ engineerId: w.engineerId, weekStart: w.weekStart, points: w.points, quota: w.quota, metAt: w.metAt })),
      );
    }
  });
  return { fromWeek, weeks: computed.length };
}

export type QuotaState = { weekStart: string; points: number; quota: number; met: boolean; metAt: Date | null };

/** One engineer's quota row for a week, if the job has computed it. No authorization: callers check. */
export async function weeklyQuotaOf(db: Db, engineerId: number, weekStart: string): Promise<QuotaState | null> {
  const [row] = await db
    .select()
    .from(weeklyQuotas)
    .where(and(eq(weeklyQuotas.engineerId, engineerId), eq(weeklyQuotas.weekStart, weekStart)));
  if (!row) return null;
  return { weekStart: row.weekStart, points: row.points, quota: row.quota, met: row.quota > 0 && row.points >= row.quota, metAt: row.metAt };
}
