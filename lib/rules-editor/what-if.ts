import { and, eq, gte, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineers, lines, pointsLedger, teams, tickets } from "@/db/schema";
import { AuthError, requireViewer, type Viewer } from "@/lib/auth/policy";
import { adjustmentsByLedger } from "@/lib/disputes/adjustments";
import { periodContaining, type Period } from "@/lib/periods";
import { rankBy } from "@/lib/ranking";
import { firstSolvedAt, pickRules, scoreTicket } from "@/lib/scoring/score";
import type { RuleConfig } from "@/lib/scoring/types";
import { loadRuleVersions } from "@/lib/sync/rule-sets";
import { loadScoringInput } from "@/lib/sync/scoring-input";
import { canOpenRuleEditor } from "./policy";

/**
 * What-if: the current quarter's leaderboard under draft rules beside the real one. The quarter's
 * tickets are loaded in batches and rescored in memory with the pure `scoreTicket`; nothing is
 * written. Tickets solved before the draft's effective date keep the version they have today.
 */

export const WHAT_IF_BATCH = 2000;

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

/** Tickets that may have points in [start, end): solved since the start, or already in the ledger for it. */
export async function quarterTicketIds(db: Db, start: Date, end: Date): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: tickets.id })
    .from(tickets)
    .leftJoin(pointsLedger, eq(pointsLedger.ticketId, tickets.id))
    .where(or(gte(tickets.solvedAt, start), and(gte(pointsLedger.earnedAt, start), lt(pointsLedger.earnedAt, end))));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

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

  const draft = new Map<number, Tally>();
  const ids = await quarterTicketIds(db, period.start, period.end);
  for (let i = 0; i < ids.length; i += WHAT_IF_BATCH) {
    const input = await loadScoringInput(db, ids.slice(i, i + WHAT_IF_BATCH));
    for (const t of input.tickets) {
      const rules = pickRules(all, firstSolvedAt(t) ?? now)!;
      for (const row of scoreTicket(t, input.engineers, rules, now)) {
        if (row.earnedAt < period.start || row.earnedAt >= period.end) continue;
        const tally = draft.get(row.engineerId) ?? { points: 0, tickets: 0 };
        tally.points += row.points;
        if (row.state !== "revoked") tally.tickets++;
        draft.set(row.engineerId, tally);
      }
    }
  }

  // Today's ledger for the quarter, with accepted dispute adjustments (which the draft keeps too).
  const adj = adjustmentsByLedger(db);
  const currentRows = await db
    .select({
      engineerId: pointsLedger.engineerId,
      points: sql<number>`sum(${pointsLedger.points})`.mapWith(Number),
      adjustment: sql<number>`coalesce(sum(${adj.adjustment}), 0)`.mapWith(Number),
      tickets: sql<number>`count(*) filter (where ${pointsLedger.state} <> 'revoked')`.mapWith(Number),
    })
    .from(pointsLedger)
    .leftJoin(adj, eq(adj.ledgerId, pointsLedger.id))
    .where(and(gte(pointsLedger.earnedAt, period.start), lt(pointsLedger.earnedAt, period.end)))
    .groupBy(pointsLedger.engineerId);
  const current = new Map(currentRows.map((r) => [r.engineerId, { points: r.points + r.adjustment, tickets: r.tickets }]));
  for (const r of currentRows) {
    if (r.adjustment === 0) continue;
    const t = draft.get(r.engineerId) ?? { points: 0, tickets: 0 };
    t.points += r.adjustment;
    draft.set(r.engineerId, t);
  }

  // The same engineers as the leaderboard: the active ones, and anyone with points in the quarter.
  const people = await db
    .select({ id: engineers.id, name: engineers.displayName, active: engineers.active, teamName: teams.name, lineCode: lines.code })
    .from(engineers)
    .leftJoin(teams, eq(teams.id, engineers.teamId))
    .leftJoin(lines, eq(lines.id, engineers.lineId));
  const board = people.filter((p) => p.active || current.has(p.id) || draft.has(p.id));
  const rankOf = (tallies: Map<number, Tally>) => {
    const ranked = rankBy(
      board.map((p) => ({ engineerId: p.id, name: p.name, ...(tallies.get(p.id) ?? { points: 0, tickets: 0 }) })),
      (r) => round3(r.points),
      // The leaderboard's tie-break: more tickets, then name, then id.
      { tieBreak: (x, y) => y.tickets - x.tickets || x.name.localeCompare(y.name) || x.engineerId - y.engineerId },
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
  rows.sort((x, y) => x.draft.rank - y.draft.rank || x.name.localeCompare(y.name));
  return {
    period,
    effectiveFrom: args.effectiveFrom,
    draftVersion,
    ticketsScored: ids.length,
    durationMs: Math.round(performance.now() - started),
    rows,
  };
}
