import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { crowns, engineers } from "@/db/schema";
import type { Viewer } from "@/lib/auth/policy";
import { periodContaining, previousPeriod, type Period } from "@/lib/periods";
import { rankBy } from "@/lib/ranking";
import { periodTotals } from "@/lib/rollups/read";
import { getTeamBoard } from "@/lib/queries/team-board";
import { compareText } from "@/lib/i18n/intl-cache";

/**
 * The crowns job: for each board (engineer points, team CSAT, team points) and each period kind
 * (week, month, quarter) it writes who holds #1 of the running period — keeping `held_since` while
 * the holder stays the same — and makes the previous period's crown final. Idempotent: running it
 * twice changes nothing. Periods are UTC, like the rollups.
 */

export const CROWN_KINDS = ["week", "month", "quarter"] as const;
type Board = "engineer_points" | "team_csat" | "team_points";
type Holder = { engineerId: number | null; teamId: number | null; value: number };

/** Reads boards for the job (no person behind it; never exposed to a page). */
const SYSTEM: Viewer = { userId: 0, email: "system@podium.local", name: "system", role: "director", engineerId: null, teamId: null, locale: "en" };

async function holders(db: Db, p: Period): Promise<Record<Board, Holder | null>> {
  const [totals, people, teams] = await Promise.all([
    periodTotals(db, p.start, p.end),
    db.select({ id: engineers.id, name: engineers.displayName }).from(engineers),
    getTeamBoard(db, SYSTEM, { period: p.kind as "week", now: new Date(p.start.getTime() + 1), timeZone: "UTC" }),
  ]);
  const ranked = rankBy(
    people.map((e) => ({ ...e, points: totals.get(e.id)?.points ?? 0, tickets: totals.get(e.id)?.tickets ?? 0 })),
    (r) => r.points,
    { tieBreak: (x, y) => y.tickets - x.tickets || compareText(x.name, y.name) || x.id - y.id },
  );
  const topEng = ranked[0]?.crown ? ranked[0] : null;
  const topCsat = teams.byCsat.find((t) => t.crown) ?? null;
  const topPoints = teams.byPoints.find((t) => t.crown) ?? null;
  return {
    engineer_points: topEng ? { engineerId: topEng.id, teamId: null, value: topEng.points } : null,
    team_csat: topCsat ? { engineerId: null, teamId: topCsat.teamId, value: Math.round(topCsat.score! * 1000) / 1000 } : null,
    team_points: topPoints ? { engineerId: null, teamId: topPoints.teamId, value: Math.round(topPoints.adjustedPoints * 1000) / 1000 } : null,
  };
}

async function write(db: Db, board: Board, p: Period, h: Holder | null, now: Date, final: boolean) {
  const [old] = await db
    .select()
    .from(crowns)
    .where(and(eq(crowns.board, board), eq(crowns.periodKind, p.kind), eq(crowns.periodStart, p.startDate)));
  if (!h) {
    if (old && !old.finalAt) await db.delete(crowns).where(eq(crowns.id, old.id));
    return;
  }
  if (old?.finalAt) return; // a final crown is history
  const same = old && old.engineerId === h.engineerId && old.teamId === h.teamId;
  const values = { ...h, heldSince: same ? old.heldSince : now, finalAt: final ? now : null };
  if (old) await db.update(crowns).set(values).where(eq(crowns.id, old.id));
  else await db.insert(crowns).values({ board, periodKind: p.kind, periodStart: p.startDate, ...values });
}

export async function recordCrowns(db: Db, now: Date): Promise<{ written: number }> {
  let written = 0;
  for (const kind of CROWN_KINDS) {
    const current = periodContaining(kind, now, "UTC");
    const previous = previousPeriod(current);
    for (const [p, final] of [
      [previous, true],
      [current, false],
    ] as const) {
      const h = await holders(db, p);
      await db.transaction(async (tx) => {
        for (const board of ["engineer_points", "team_csat", "team_points"] as const) {
          await write(tx, board, p, h[board], now, final);
          written++;
        }
      });
    }
  }
  return { written };
}

