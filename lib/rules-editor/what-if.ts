import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { disputes, engineers, lines, pointsLedger, teams } from "@/db/schema";
import { AuthError, requireViewer, type Viewer } from "@/lib/auth/policy";
import { periodTotals } from "@/lib/rollups/read";
import { periodContaining, type Period } from "@/lib/periods";
import { rankBy } from "@/lib/ranking";
import { firstSolvedAt, rulesPicker, scoreTicket } from "@/lib/scoring/score";
import type { RuleConfig } from "@/lib/scoring/types";
import { loadRuleVersions } from "@/lib/sync/rule-sets";
import { quarterInput } from "./what-if-data";
import { canOpenRuleEditor } from "./policy";
import { compareText } from "@/lib/i18n/intl-cache";

/**
 * What-if: the current quarter's leaderboard under draft rules beside the real one. The quarter's
 * tickets (read by id ranges, kept in memory between previews: what-if-data.ts) are rescored with
 * the pure `scoreTicket`; nothing is written. Tickets solved before the draft's effective date keep the version they have today.
 */

export type WhatIfRow = {
  engineerId: number;
  name: string;
  teamName: string | null;
  lineCode: string | null;
  current: { points: number; tickets: number; rank: number };
  draft: { points: number; tickets: number; rank: number };
  /** Places gained under the draft (positive: up). */
  rankChange: number;
};

export type WhatIf = {
  period: Period;
  effectiveFrom: Date;
  /** The version number the draft would get. */
  draftVersion: number;
  ticketsScored: number;
  durationMs: number;
  /** Ordered by the draft's rank. */
  rows: WhatIfRow[];
};

type Tally = { points: number; tickets: number };
const round3 = (n: number) => Math.round(n * 1000) / 1000;

export { quarterTicketIds } from "./what-if-data";

export async function computeWhatIf(
  db: Db,
  viewer: Viewer | null,
  args: { config: RuleConfig; effectiveFrom: Date; now?: Date; timeZone?: string },
): Promise<WhatIf> {
  const v = requireViewer(viewer);
  if (!canOpenRuleEditor(v)) throw new AuthError(403);
  const started = performance.now();
  const now = args.now ?? new Date();
  const period = periodContaining("quarter", now, args.timeZone ?? "UTC");
  const versions = await loadRuleVersions(db);
  const draftVersion = Math.max(0, ...versions.map((r) => r.version)) + 1;
  const all = [...versions, { id: -1, version: draftVersion, effectiveFrom: args.effectiveFrom, config: args.config }];

  // Started first: the database sums today's board while this process scores the draft. Today's
  // totals come from the rollups, as the leaderboard's do (accepted dispute adjustments included);
  // the adjustments alone are summed too, because the draft keeps them.
  const currentQuery = periodTotals(db, period.start, period.end);
  const adjustmentQuery = db
    .select({
      engineerId: pointsLedger.engineerId,
      adjustment: sql<number>`sum(${disputes.adjustment})`.mapWith(Number),
    })
    .from(disputes)
    .innerJoin(pointsLedger, eq(pointsLedger.id, disputes.ledgerId))
    .where(and(eq(disputes.status, "accepted"), gte(pointsLedger.earnedAt, period.start), lt(pointsLedger.earnedAt, period.end)))
    .groupBy(pointsLedger.engineerId)
    .execute();
  // The same engineers as the leaderboard: the active ones, and anyone with points in the quarter.
  const peopleQuery = db
    .select({ id: engineers.id, name: engineers.displayName, active: engineers.active, teamName: teams.name, lineCode: lines.code })
    .from(engineers)
    .leftJoin(teams, eq(teams.id, engineers.teamId))
    .leftJoin(lines, eq(lines.id, engineers.lineId))
    .execute();
  // Awaited after scoring; a failure meanwhile must not count as unhandled.
  currentQuery.catch(() => {});
  adjustmentQuery.catch(() => {});
  peopleQuery.catch(() => {});
  const draft = new Map<number, Tally>();
  const input = await quarterInput(db, period.start, period.end);
  const start = period.start.getTime();
  const end = period.end.getTime();
  const pick = rulesPicker(all);
  for (const t of input.tickets) {
    const rules = pick(firstSolvedAt(t) ?? now)!;
    for (const row of scoreTicket(t, input.engineers, rules, now, { breakdown: false })) {
      const earned = row.earnedAt.getTime();
      if (earned < start || earned >= end) continue;
      let tally = draft.get(row.engineerId);
      if (!tally) draft.set(row.engineerId, (tally = { points: 0, tickets: 0 }));
      tally.points += row.points;
      if (row.state !== "revoked") tally.tickets++;
    }
  }

  const [totals, adjustments, people] = await Promise.all([currentQuery, adjustmentQuery, peopleQuery]);
  const current = new Map([...totals.values()].map((r) => [r.engineerId, { points: r.points, tickets: r.tickets }]));
  for (const r of adjustments) {
    if (!r.adjustment) continue;
    const t = draft.get(r.engineerId) ?? { points: 0, tickets: 0 };
    t.points += r.adjustment;
    draft.set(r.engineerId, t);
  }

  const board = people.filter((p) => p.active || current.has(p.id) || draft.has(p.id));
  const rankOf = (tallies: Map<number, Tally>) => {
    const ranked = rankBy(
      board.map((p) => ({ engineerId: p.id, name: p.name, ...(tallies.get(p.id) ?? { points: 0, tickets: 0 }) })),
      (r) => round3(r.points),
      // The leaderboard's tie-break: more tickets, then name, then id.
      { tieBreak: (x, y) => y.tickets - x.tickets || compareText(x.name, y.name) || x.engineerId - y.engineerId },
    );
    return new Map(ranked.map((r) => [r.engineerId, r]));
  };
  const before = rankOf(current);
  const after = rankOf(draft);
  const rows: WhatIfRow[] = board.map((p) => {
    const c = before.get(p.id)!;
    const d = after.get(p.id)!;
    return {
      engineerId: p.id,
      name: p.name,
      teamName: p.teamName,
      lineCode: p.lineCode,
      current: { points: round3(c.points), tickets: c.tickets, rank: c.rank },
      draft: { points: round3(d.points), tickets: d.tickets, rank: d.rank },
      rankChange: c.rank - d.rank,
    };
  });
  rows.sort((x, y) => x.draft.rank - y.draft.rank || compareText(x.name, y.name));
  return {
    period,
    effectiveFrom: args.effectiveFrom,
    draftVersion,
    ticketsScored: input.tickets.length,
    durationMs: Math.round(performance.now() - started),
    rows,
  };
}
