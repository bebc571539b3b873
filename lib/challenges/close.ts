import { and, eq, isNotNull, isNull, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { badges, challenges, crowns, teams } from "@/db/schema";
import type { Viewer } from "@/lib/auth/policy";
import { addDays, formatDate, localDate, periodContaining, previousPeriod } from "@/lib/periods";
import { getLeaderboard, getTeamBoard } from "@/lib/queries";
import type { FrozenResult } from "./frozen";
import { evaluateStoredChallenge, type ChallengeRow } from "./queries";

/**
 * Quarter close: freezes every challenge whose period has ended (its result, then status
 * "archived" and closed_at), awards badges to whoever achieved it, and makes the ended quarter's
 * crowns final with a badge for each holder. Every write is guarded (closed_at is null, unique
 * badges, final crowns kept), so running it twice changes nothing.
 */

/** The job reads boards as the system, not as a person. */
const SYSTEM: Viewer = { userId: 0, email: "system@podium", name: "Quarter close", role: "admin", engineerId: null, teamId: null, locale: "en" };

export async function closeEndedChallenges(db: Db, now: Date): Promise<{ closed: number; badges: number }> {
  // Candidates by UTC date (one day of slack covers every zone), then checked in the challenge's zone.
  const yesterday = formatDate(addDays(localDate(now, "UTC"), -1));
  const rows = await db
    .select({ c: challenges, teamName: teams.name, timeZone: teams.timeZone })
    .from(challenges)
    .leftJoin(teams, eq(teams.id, challenges.teamId))
    .where(and(isNull(challenges.closedAt), lte(challenges.periodEnd, yesterday)));
  let closed = 0;
  let awarded = 0;
  for (const r of rows) {
    const c: ChallengeRow = { ...r.c, teamName: r.teamName, timeZone: r.timeZone ?? "UTC" };
    const { today, evaluation, personal } = await evaluateStoredChallenge(db, c, now);
    if (today <= c.periodEnd) continue; // the last day is not over in the team's zone yet
    // The facts, not only the English sentence: pages describe the result in the reader's language (./frozen.ts).
    const result: FrozenResult = {
      state: evaluation.state,
      value: evaluation.value,
      progress: evaluation.progress,
      whatItTakes: evaluation.whatItTakes,
      facts: evaluation.facts,
      series: evaluation.series,
      personal: personal.map((p) => ({
        engineerId: p.engineerId,
        name: p.name,
        state: p.evaluation.state,
        value: p.evaluation.value,
        whatItTakes: p.evaluation.whatItTakes,
        facts: p.evaluation.facts,
      })),
    };
    await db.transaction(async (tx) => {
      const done = await tx
        .update(challenges)
        .set({ result, status: "archived", closedAt: now })
        .where(and(eq(challenges.id, c.id), isNull(challenges.closedAt)))
        .returning({ id: challenges.id });
      if (done.length === 0) return; // closed meanwhile by another run
      closed++;
      const winners =
        c.scope === "team"
          ? evaluation.state === "achieved" && c.teamId !== null
            ? [{ teamId: c.teamId, engineerId: null, subject: `team:${c.teamId}` }]
            : []
          : personal.filter((p) => p.evaluation.state === "achieved").map((p) => ({ teamId: null, engineerId: p.engineerId, subject: `engineer:${p.engineerId}` }));
      if (winners.length) {
        const ins = await tx
          .insert(badges)
          .values(winners.map((w) => ({ kind: "challenge_achieved", challengeId: c.id, ...w, periodStart: c.periodStart, label: `🎯 ${c.name}` })))
          .onConflictDoNothing()
          .returning({ id: badges.id });
        awarded += ins.length;
      }
    });
  }
  return { closed, badges: awarded };
}

const CROWN_LABELS = { team_csat: "Team CSAT crown", team_points: "Team points crown", engineer_points: "Points crown" } as const;
type CrownBoard = keyof typeof CROWN_LABELS;

/**
 * Final quarter crowns (UTC quarters, as on the boards) for the quarter before `now`, and a badge
 * for each holder. The boards' `crowns` job may already have made some final (it finalises the
 * previous period as soon as it runs): those are kept as they are and still earn their badge.
 */
export async function finalizeQuarterCrowns(db: Db, now: Date): Promise<{ crowns: number; badges: number }> {
  const quarter = previousPeriod(periodContaining("quarter", now, "UTC"));
  const finalRows = () =>
    db
      .select({ board: crowns.board, teamId: crowns.teamId, engineerId: crowns.engineerId })
      .from(crowns)
      .where(and(eq(crowns.periodKind, "quarter"), eq(crowns.periodStart, quarter.startDate), isNotNull(crowns.finalAt)));
  const already = new Set((await finalRows()).map((r) => r.board));
  let made = 0;
  if (already.size < Object.keys(CROWN_LABELS).length) {
    const at = new Date(quarter.end.getTime() - 1);
    const [board, leaders] = await Promise.all([getTeamBoard(db, SYSTEM, { period: "quarter", now: at }), getLeaderboard(db, SYSTEM, { period: "quarter", now: at, top: 1 })]);
    const winners: { board: CrownBoard; teamId: number | null; engineerId: number | null; value: number }[] = [];
    const csat = board.byCsat.find((t) => t.crown);
    if (csat) winners.push({ board: "team_csat", teamId: csat.teamId, engineerId: null, value: Math.round((csat.handicappedAverage ?? 0) * 1000) / 1000 });
    const pts = board.byPoints.find((t) => t.crown);
    if (pts) winners.push({ board: "team_points", teamId: pts.teamId, engineerId: null, value: Math.round(pts.adjustedPoints * 1000) / 1000 });
    const top = leaders.rows.find((r) => r.crown);
    if (top) winners.push({ board: "engineer_points", teamId: null, engineerId: top.engineerId, value: Math.round(top.points * 1000) / 1000 });
    await db.transaction(async (tx) => {
      for (const w of winners.filter((w) => !already.has(w.board))) {
        await tx
          .insert(crowns)
          .values({ board: w.board, periodKind: "quarter", periodStart: quarter.startDate, teamId: w.teamId, engineerId: w.engineerId, value: w.value, finalAt: now })
          .onConflictDoUpdate({ target: [crowns.board, crowns.periodKind, crowns.periodStart], set: { teamId: w.teamId, engineerId: w.engineerId, value: w.value, finalAt: now } });
        made++;
      }
    });
  }
  let awarded = 0;
  for (const c of await finalRows()) {
    if (c.teamId === null && c.engineerId === null) continue;
    const ins = await db
      .insert(badges)
      .values({
        kind: "quarter_crown",
        teamId: c.teamId,
        engineerId: c.engineerId,
        subject: c.engineerId ? `engineer:${c.engineerId}` : `team:${c.teamId}`,
        periodStart: quarter.startDate,
        label: `👑 ${CROWN_LABELS[c.board as CrownBoard]} ${quarter.label}`,
      })
      .onConflictDoNothing()
      .returning({ id: badges.id });
    awarded += ins.length;
  }
  return { crowns: made, badges: awarded };
}
