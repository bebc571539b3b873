import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sharedRead } from "@/lib/runtime/shared-read";
import { connections, engineerDayStats, pointsLedger, tickets } from "@/db/schema";
import { AuthError, canViewEngineerDetails, requireViewer, type Viewer } from "@/lib/auth/policy";
import { isValidTimeZone, lastDays, periodContaining, type Period } from "@/lib/periods";
import { describeBreakdown } from "@/lib/scoring/explain";
import { expandBreakdown } from "@/lib/scoring/compact";
import type { LedgerStateName, PointsBreakdown } from "@/lib/scoring/types";
import { adjustmentsByLedger } from "@/lib/disputes/adjustments";
import { latestDisputeJson, parseLedgerDispute, type LedgerDispute } from "@/lib/disputes/queries";
import { weeklyQuotaOf, type QuotaState } from "@/lib/quota/weekly";
import { pickRules } from "@/lib/scoring/score";
import { loadRuleVersions } from "@/lib/sync/rule-sets";
import { engineerCard } from "./engineer-scope";
import { EngineerDetailArgsSchema, IdSchema, type EngineerDetailArgs } from "./schemas";

const DAY_MS = 86_400_000;
const utcDate = (d: Date) => d.toISOString().slice(0, 10);

export type LedgerEntry = {
  id: number;
  ticketId: number;
  ticketExternalId: string;
  subject: string;
  connectionName: string;
  points: number;
  state: LedgerStateName;
  breakdown: PointsBreakdown;
  /** `describeBreakdown` in the viewer's locale and the engineer's time zone. */
  explanation: string;
  earnedAt: Date;
  confirmAfter: Date;
  /** The row's newest dispute, if any (an accepted one's adjustment is counted in the totals). */
  dispute: LedgerDispute | null;
};

export type EngineerDetail = {
  engineer: {
    id: number;
    name: string;
    active: boolean;
    teamId: number | null;
    teamName: string | null;
    lineId: number | null;
    lineCode: string | null;
    lineName: string | null;
    skills: { id: number; name: string }[];
    crownsWon: number;
  };
  /** The zone "today" is counted in: the argument, else the team's, else UTC. */
  timeZone: string;
  periods: { today: Period; week: Period; quarter: Period };
  points: { today: number; week: number; quarter: number };
  /** One entry per local day, oldest first, today last (zeros included). */
  daily: { date: string; label: string; points: number }[];
  /** Most recent ledger rows first: one page of them. */
  recent: LedgerEntry[];
  /** Where that page is: rows skipped, rows per page, and whether older rows follow. */
  recentPage: { offset: number; limit: number; hasOlder: boolean };
  /**
   * This week's quota (weekly_quotas, kept by the weekly-quotas job); until the job has seen the
   * week, the ledger's points this week against the quota of the rules in force.
   */
  quota: QuotaState;
};

/**
 * One engineer's page: points today / this week / this quarter, points per day, and the latest
 * ledger rows with their reasons. Engineers see only themselves, leads their team (and
 * themselves), directors and admins everyone. An unknown id is null for those who may see any
 * engineer, and 403 for the others, so that ids cannot be probed.
 */
export async function getEngineerDetail(
  db: Db,
  viewer: Viewer | null,
  engineerId: number,
  args: EngineerDetailArgs = {},
): Promise<EngineerDetail | null> {
  const v = requireViewer(viewer);
  const id = IdSchema.safeParse(engineerId);
  const a = EngineerDetailArgsSchema.parse(args);

  const e = id.success ? await engineerCard(db, id.data) : undefined;
  if (!e) {
    // Only those who may see every engineer learn that an id does not exist.
    if (v.role === "admin" || v.role === "director") return null;
    throw new AuthError(403);
  }
  if (!canViewEngineerDetails(v, { id: e.id, teamId: e.teamId })) throw new AuthError(403);

  const now = a.now ?? new Date();
  const timeZone = a.timeZone ?? (e.teamTimeZone && isValidTimeZone(e.teamTimeZone) ? e.teamTimeZone : "UTC");
  const today = periodContaining("day", now, timeZone);
  const week = periodContaining("week", now, timeZone);
  const quarter = periodContaining("quarter", now, timeZone);
  const days = lastDays(a.days, now, timeZone);
  const from = new Date(Math.min(quarter.start.getTime(), week.start.getTime()));
  const to = new Date(Math.max(quarter.end.getTime(), week.end.getTime()));

  // Accepted dispute adjustments count with the row they correct.
  const adj = adjustmentsByLedger(db);
  const inRange = (p: Period) =>
    // gte/lt rather than raw ${date} params: they encode the Date through the column (both drivers).
    sql`coalesce(sum(${pointsLedger.points} + coalesce(${adj.adjustment}, 0)) filter (where ${and(gte(pointsLedger.earnedAt, p.start), lt(pointsLedger.earnedAt, p.end))}), 0)`;
  // When every boundary is a UTC midnight (a UTC team, or a zone at +0 now), the points per day and
  // per period are sums of the rollups (engineer_day_stats: ledger points + adjustments per UTC
  // day); otherwise local days cut UTC days, and this engineer's ledger rows are summed instead.
  const utcDays = [today, week, quarter, ...days].every((p) => p.start.getTime() % DAY_MS === 0 && p.end.getTime() % DAY_MS === 0);
  const fromRollups = async () => {
    const first = new Date(Math.min(from.getTime(), days[0]!.start.getTime()));
    const last = new Date(Math.max(to.getTime(), days[days.length - 1]!.end.getTime()));
    const rows = await db
      .select({ day: engineerDayStats.day, points: engineerDayStats.points })
      .from(engineerDayStats)
      .where(and(eq(engineerDayStats.engineerId, e.id), gte(engineerDayStats.day, utcDate(first)), lt(engineerDayStats.day, utcDate(last))));
    const sumOf = (p: Period) => {
      const a = utcDate(p.start);
      const b = utcDate(p.end);
      // Sums of numeric(14, 3) values: round away the float noise of adding them in JS.
      return Math.round(rows.reduce((s, r) => (r.day >= a && r.day < b ? s + r.points : s), 0) * 1000) / 1000;
    };
    return {
      totals: { today: sumOf(today), week: sumOf(week), quarter: sumOf(quarter) },
      perDay: days.map((d) => ({ date: d.startDate, points: sumOf(d) })).filter((d) => d.points !== 0),
    };
  };
  const fromLedger = async () => {
    const [[totals], perDay] = await Promise.all([
      db
        .select({
          today: inRange(today).mapWith(Number),
          week: inRange(week).mapWith(Number),
          quarter: inRange(quarter).mapWith(Number),
        })
        .from(pointsLedger)
        .leftJoin(adj, eq(adj.ledgerId, pointsLedger.id))
        .where(and(eq(pointsLedger.engineerId, e.id), gte(pointsLedger.earnedAt, from), lt(pointsLedger.earnedAt, to))),
      db
        .select({
          date: sql<string>`to_char(${pointsLedger.earnedAt} at time zone ${timeZone}, 'YYYY-MM-DD')`,
          points: sql<number>`sum(${pointsLedger.points} + coalesce(${adj.adjustment}, 0))`.mapWith(Number),
        })
        .from(pointsLedger)
        .leftJoin(adj, eq(adj.ledgerId, pointsLedger.id))
        .where(
          and(
            eq(pointsLedger.engineerId, e.id),
            gte(pointsLedger.earnedAt, days[0]!.start),
            lt(pointsLedger.earnedAt, days[days.length - 1]!.end),
          ),
        )
        .groupBy(sql`1`),
    ]);
    return { totals, perDay };
  };

  const [{ totals, perDay }, recentAndOne, storedQuota] = await Promise.all([
    utcDays ? fromRollups() : fromLedger(),
    db
      .select({
        id: pointsLedger.id,
        ticketId: pointsLedger.ticketId,
        ticketExternalId: tickets.externalId,
        subject: tickets.subject,
        connectionName: connections.name,
        points: pointsLedger.points,
        state: pointsLedger.state,
        breakdown: pointsLedger.breakdown,
        earnedAt: pointsLedger.earnedAt,
        confirmAfter: pointsLedger.confirmAfter,
        // Qualified by hand: see latestDisputeJson.
        dispute: latestDisputeJson(sql`"points_ledger"."id"`),
      })
      .from(pointsLedger)
      .innerJoin(tickets, eq(tickets.id, pointsLedger.ticketId))
      .innerJoin(connections, eq(connections.id, tickets.connectionId))
      .where(eq(pointsLedger.engineerId, e.id))
      .orderBy(desc(pointsLedger.earnedAt), desc(pointsLedger.id))
      // One more than the page, to know whether an older page exists.
      .limit(a.recentLimit + 1)
      .offset(a.recentOffset),
    weeklyQuotaOf(db, e.id, week.startDate),
  ]);

  const byDay = new Map(perDay.map((d) => [d.date, d.points]));
  let quota = storedQuota;
  if (!quota) {
    // The rule versions change with a rescore, whose rollup write empties the shared reads.
    const q = pickRules(await sharedRead(db, "rule-versions", () => loadRuleVersions(db)), now)!.config.weeklyQuota;
    const pts = totals?.week ?? 0;
    quota = { weekStart: week.startDate, points: pts, quota: q, met: q > 0 && pts >= q, metAt: null };
  }
  const recent = recentAndOne.slice(0, a.recentLimit);
  const { teamTimeZone: _tz, ...engineer } = e;

  return {
    engineer,
    timeZone,
    periods: { today, week, quarter },
    points: { today: totals?.today ?? 0, week: totals?.week ?? 0, quarter: totals?.quarter ?? 0 },
    quota,
    daily: days.map((d) => ({ date: d.startDate, label: d.label.replace(/ \d{4}$/, ""), points: byDay.get(d.startDate) ?? 0 })),
    recentPage: { offset: a.recentOffset, limit: a.recentLimit, hasOlder: recentAndOne.length > a.recentLimit },
    recent: recent.map((r) => ({
      ...r,
      breakdown: expandBreakdown(r.breakdown),
      explanation: describeBreakdown(expandBreakdown(r.breakdown), r.state, r.confirmAfter, v.locale, timeZone),
      dispute: parseLedgerDispute(r.dispute),
    })),
  };
}
