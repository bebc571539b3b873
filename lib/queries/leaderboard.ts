import { and, eq, isNotNull, or, sql, type SQL, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineers, engineerSkillGroups, lines, teamBoardSettings, teams } from "@/db/schema";
import { requireViewer, type Viewer } from "@/lib/auth/policy";
import { periodContaining } from "@/lib/periods";
import { applyPrivacy, csatLowerBound, rankBy, type PrivacyMode } from "@/lib/ranking";
import { EMPTY_TOTALS, periodTotals } from "@/lib/rollups/read";
import { boardRange, type BoardRange } from "./board-period";
import { LeaderboardArgsSchema, type BoardPeriod, type LeaderboardArgs } from "./schemas";
import { compareText } from "@/lib/i18n/intl-cache";

export type LeaderboardRow = {
  /** Null when the viewer's privacy mode hides who this is. */
  engineerId: number | null;
  name: string | null;
  teamId: number | null;
  teamName: string | null;
  lineId: number | null;
  lineCode: string | null;
  lineName: string | null;
  /** Sum of the ledger rows earned in the period (plus accepted adjustments); revoked rows add their (≤ 0) points. */
  points: number;
  /** Ledger rows earned in the period that are not revoked. */
  tickets: number;
  /** Ratings of 5 given to the engineer in the period. */
  fiveStars: number;
  ratings: number;
  /** Raw average 1–5, null without ratings. */
  csat: number | null;
  /** Wilson lower bound of the average on 1–5 (what a CSAT ranking would sort by); null without ratings. */
  csatConfidence: number | null;
  /** Share of the period's tickets reopened at least once; null without tickets. */
  reopenRate: number | null;
  rank: number;
  crown: boolean;
  isOwn: boolean;
  /** Places gained (+) or lost (−) since the end of yesterday; null when the period began today. */
  movement: number | null;
};

export type Leaderboard = {
  period: BoardRange;
  filters: { period: BoardPeriod; teamId: number | null; lineId: number | null; skillGroupId: number | null; from: string | null; to: string | null };
  /** What this viewer may see (engineers: their team's mode; others: full). */
  privacy: PrivacyMode;
  /** The rows this viewer may see: the top 10, everyone, or the viewer's neighbours. */
  rows: LeaderboardRow[];
  /** The viewer's own row wherever it is; null when the viewer is not an engineer on this board. */
  own: LeaderboardRow | null;
  ownInTop: boolean;
  /** Engineers on the board (all ranks). */
  total: number;
};

/** The privacy mode that governs what this viewer sees: engineers get their team's; leads and up see everything. */
export async function privacyFor(db: Db, v: Viewer): Promise<PrivacyMode> {
  if (v.role !== "engineer" || v.teamId === null) return "full";
  const [s] = await db.select({ privacy: teamBoardSettings.privacy }).from(teamBoardSettings).where(eq(teamBoardSettings.teamId, v.teamId));
  return s?.privacy ?? "top_and_me";
}

/**
 * Engineers ranked by points earned in the period, with tickets, five-stars, CSAT (raw and its
 * confidence bound), reopen rate and movement since yesterday. Read from the rollups (never the
 * tickets). Privacy is applied here, so hidden names never leave the server.
 */
export async function getLeaderboard(db: Db, viewer: Viewer | null, args: LeaderboardArgs = {}): Promise<Leaderboard> {
  const v = requireViewer(viewer);
  const a = LeaderboardArgsSchema.parse(args);
  const now = a.now ?? new Date();
  const timeZone = a.timeZone ?? "UTC";
  const period = boardRange(a.period, now, timeZone, a.from, a.to);
  // Movement: ranks as they stood at the start of today (only when the period began before today).
  const todayStart = periodContaining("day", now, timeZone).start;
  const baselineEnd = new Date(Math.min(todayStart.getTime(), period.end.getTime()));
  const hasBaseline = baselineEnd > period.start && now < period.end && now >= period.start;

  // Each filter is added only when given: never `eq(column, undefined)`.
  const where: SQL[] = [];
  if (a.teamId !== undefined) where.push(eq(engineers.teamId, a.teamId));
  if (a.lineId !== undefined) where.push(eq(engineers.lineId, a.lineId));
  if (a.skillGroupId !== undefined) {
    where.push(
      sql`exists (select 1 from ${engineerSkillGroups} where ${engineerSkillGroups.engineerId} = ${engineers.id} and ${engineerSkillGroups.skillGroupId} = ${a.skillGroupId})`,
    );
  }

  const [people, totals, baseline, privacy] = await Promise.all([
    db
      .select({
        engineerId: engineers.id,
        name: engineers.displayName,
        active: engineers.active,
        teamId: engineers.teamId,
        teamName: teams.name,
        lineId: engineers.lineId,
        lineCode: lines.code,
        lineName: lines.name,
      })
      .from(engineers)
      .leftJoin(teams, eq(teams.id, engineers.teamId))
      .leftJoin(lines, eq(lines.id, engineers.lineId))
      .where(where.length ? and(...where) : undefined),
    periodTotals(db, period.start, period.end),
    hasBaseline ? periodTotals(db, period.start, baselineEnd) : Promise.resolve(null),
    privacyFor(db, v),
  ]);

  // Rank small records (identity, points, tickets) and build full rows only for the rows this
  // viewer gets: every viewer of a board ranks all of its engineers, but most see ten rows.
  type Light = { i: number; engineerId: number; name: string; teamId: number | null; teamName: string | null; isOwn: boolean; points: number; tickets: number };
  const light: Light[] = [];
  for (let i = 0; i < people.length; i++) {
    const p = people[i]!;
    const t = totals.get(p.engineerId);
    // Inactive engineers appear only when they earned something in the period.
    if (!p.active && !t) continue;
    light.push({
      i,
      engineerId: p.engineerId,
      name: p.name,
      teamId: p.teamId,
      teamName: p.teamName,
      isOwn: v.engineerId !== null && p.engineerId === v.engineerId,
      points: t?.points ?? 0,
      tickets: t?.tickets ?? 0,
    });
  }
  // Equal points: more tickets first, then by name, then id — a stable order for equal ranks.
  const tieBreak = (x: Light, y: Light) => y.tickets - x.tickets || compareText(x.name, y.name) || x.engineerId - y.engineerId;
  const ranked = rankBy(light, (r) => r.points, { tieBreak });
  let before: Map<number, number> | null = null;
  if (baseline) {
    const base = rankBy(
      light.map((r) => ({ ...r, points: baseline.get(r.engineerId)?.points ?? 0, tickets: baseline.get(r.engineerId)?.tickets ?? 0 })),
      (r) => r.points,
      { tieBreak },
    );
    before = new Map(base.map((r) => [r.engineerId, r.rank]));
  }
  const withMovement = ranked.map((r) => ({ ...r, movement: before ? before.get(r.engineerId)! - r.rank : null }));

  const lightView = applyPrivacy(withMovement, privacy, a.top);
  const built = new Map<(typeof withMovement)[number], LeaderboardRow>();
  const full = (r: (typeof withMovement)[number]): LeaderboardRow => {
    let row = built.get(r);
    if (row) return row;
    const p = people[r.i]!;
    const t = totals.get(p.engineerId) ?? { engineerId: p.engineerId, ...EMPTY_TOTALS };
    const csat = t.ratings > 0 ? t.ratingSum / t.ratings : null;
    row = {
      // Identity as the privacy mode left it (null when hidden).
      engineerId: r.engineerId,
      name: r.name,
      teamId: r.teamId,
      teamName: r.teamName,
      lineId: p.lineId,
      lineCode: p.lineCode,
      lineName: p.lineName,
      points: t.points,
      tickets: t.tickets,
      fiveStars: t.fiveStars,
      ratings: t.ratings,
      csat,
      csatConfidence: csat === null ? null : csatLowerBound(csat, t.ratings),
      reopenRate: t.tickets > 0 ? t.reopened / t.tickets : null,
      rank: r.rank,
      crown: r.crown,
      isOwn: r.isOwn,
      movement: r.movement,
    };
    built.set(r, row);
    return row;
  };
  const view = { rows: lightView.rows.map(full), own: lightView.own && full(lightView.own), ownInRows: lightView.ownInRows };
  return {
    period,
    filters: {
      period: a.period,
      teamId: a.teamId ?? null,
      lineId: a.lineId ?? null,
      skillGroupId: a.skillGroupId ?? null,
      from: a.period === "custom" ? period.startDate : null,
      to: a.period === "custom" ? period.lastDate : null,
    },
    privacy,
    rows: view.rows,
    own: view.own,
    ownInTop: view.ownInRows,
    total: ranked.length,
  };
}
