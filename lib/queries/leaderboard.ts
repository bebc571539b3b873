import { and, eq, isNotNull, or, sql, type SQL, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineers, engineerSkillGroups, lines, teamBoardSettings, teams } from "@/db/schema";
import { requireViewer, type Viewer } from "@/lib/auth/policy";
import { periodContaining } from "@/lib/periods";
import { applyPrivacy, csatLowerBound, rankBy, type PrivacyMode } from "@/lib/ranking";
import { EMPTY_TOTALS, periodTotals, type StatTotals } from "@/lib/rollups/read";
import { sharedRead } from "@/lib/runtime/shared-read";
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

  const [board, privacy] = await Promise.all([
    // The ranking is the same for every viewer of this board: computed once and shared (sharedRead).
    sharedRead(db, `leaderboard:${period.start.getTime()}:${period.end.getTime()}:${hasBaseline ? baselineEnd.getTime() : ""}:${a.teamId ?? ""}:${a.lineId ?? ""}:${a.skillGroupId ?? ""}`, () =>
      rankBoard(db, a, period, hasBaseline ? baselineEnd : null),
    ),
    privacyFor(db, v),
  ]);
  const { people, totals } = board;
  // The viewer's own row is marked on a copy; the shared ranking is never changed.
  const withMovement = v.engineerId === null ? board.ranked : board.ranked.map((r) => (r.engineerId === v.engineerId ? { ...r, isOwn: true } : r));

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
    total: board.ranked.length,
  };
}

type Person = { engineerId: number; name: string; active: boolean; teamId: number | null; teamName: string | null; lineId: number | null; lineCode: string | null; lineName: string | null };
type Light = { i: number; engineerId: number; name: string; teamId: number | null; teamName: string | null; isOwn: boolean; points: number; tickets: number; nameOrder: number };
type RankedLight = Light & { rank: number; crown: boolean; movement: number | null };

/**
 * The board's engineers ranked by points (ties: more tickets, then name, then id), with the
 * movement since `baselineEnd` when given. Ranks small records; full rows are built per viewer
 * only for the rows that viewer gets.
 */
async function rankBoard(db: Db, a: { teamId?: number; lineId?: number; skillGroupId?: number }, period: BoardRange, baselineEnd: Date | null) {
  // Each filter is added only when given: never `eq(column, undefined)`.
  const where: SQL[] = [];
  if (a.teamId !== undefined) where.push(eq(engineers.teamId, a.teamId));
  if (a.lineId !== undefined) where.push(eq(engineers.lineId, a.lineId));
  if (a.skillGroupId !== undefined) {
    where.push(
      sql`exists (select 1 from ${engineerSkillGroups} where ${engineerSkillGroups.engineerId} = ${engineers.id} and ${engineerSkillGroups.skillGroupId} = ${a.skillGroupId})`,
    );
  }
  const [people, totals, baseline]: [Person[], Map<number, StatTotals>, Map<number, StatTotals> | null] = await Promise.all([
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
    baselineEnd ? periodTotals(db, period.start, baselineEnd) : Promise.resolve(null),
  ]);
  const light: Light[] = [];
  for (let i = 0; i < people.length; i++) {
    const p = people[i]!;
    const t = totals.get(p.engineerId);
    // Inactive engineers appear only when they earned something in the period.
    if (!p.active && !t) continue;
    light.push({ i, engineerId: p.engineerId, name: p.name, teamId: p.teamId, teamName: p.teamName, isOwn: false, points: t?.points ?? 0, tickets: t?.tickets ?? 0, nameOrder: 0 });
  }
  // Names are collated once into `nameOrder` (a collator compare per tie cost more than the rest
  // of the sort); the baseline's copies carry it along.
  [...light].sort((x, y) => compareText(x.name, y.name) || x.engineerId - y.engineerId).forEach((r, k) => (r.nameOrder = k));
  const tieBreak = (x: Light, y: Light) => y.tickets - x.tickets || x.nameOrder - y.nameOrder;
  const ranked = rankBy(light, (r) => r.points, { tieBreak });
  let before: Map<number, number> | null = null;
  if (baseline) {
    const base = light.map((r) => ({ ...r, points: baseline.get(r.engineerId)?.points ?? 0, tickets: baseline.get(r.engineerId)?.tickets ?? 0 }));
    before = new Map(rankBy(base, (r) => r.points, { tieBreak }).map((r) => [r.engineerId, r.rank]));
  }
  const rankedWithMovement: RankedLight[] = ranked.map((r) => ({ ...r, movement: before ? before.get(r.engineerId)! - r.rank : null }));
  return { people, totals, ranked: rankedWithMovement };
}
