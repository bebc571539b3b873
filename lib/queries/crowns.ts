import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { crowns, engineers, teams } from "@/db/schema";
import { requireViewer, type Viewer } from "@/lib/auth/policy";

export type CrownEntry = {
  board: "engineer_points" | "team_csat" | "team_points";
  periodKind: string;
  periodStart: string;
  holder: string;
  engineerId: number | null;
  teamId: number | null;
  value: number;
  heldSince: Date;
  final: boolean;
};

/** Current crowns (running periods) and the history of final ones, newest first. Any signed-in user: crowns are #1s, always named. */
export async function getCrowns(db: Db, viewer: Viewer | null, opts: { historyLimit?: number } = {}) {
  requireViewer(viewer);
  const rows = await db
    .select({
      board: crowns.board,
      periodKind: crowns.periodKind,
      periodStart: crowns.periodStart,
      engineerId: crowns.engineerId,
      teamId: crowns.teamId,
      engineerName: engineers.displayName,
      teamName: teams.name,
      value: crowns.value,
      heldSince: crowns.heldSince,
      finalAt: crowns.finalAt,
    })
    .from(crowns)
    .leftJoin(engineers, eq(engineers.id, crowns.engineerId))
    .leftJoin(teams, eq(teams.id, crowns.teamId))
    .orderBy(desc(crowns.periodStart), crowns.board)
    .limit(Math.min(500, opts.historyLimit ?? 200));
  const entries: CrownEntry[] = rows.map((r) => ({
    board: r.board,
    periodKind: r.periodKind,
    periodStart: r.periodStart,
    holder: r.engineerName ?? r.teamName ?? "—",
    engineerId: r.engineerId,
    teamId: r.teamId,
    value: r.value,
    heldSince: r.heldSince,
    final: r.finalAt !== null,
  }));
  const won = await db
    .select({ engineerId: crowns.engineerId, name: engineers.displayName, n: sql<number>`count(*)`.mapWith(Number) })
    .from(crowns)
    .innerJoin(engineers, eq(engineers.id, crowns.engineerId))
    .where(sql`${crowns.finalAt} is not null`)
    .groupBy(crowns.engineerId, engineers.displayName)
    .orderBy(desc(sql`count(*)`))
    .limit(20);
  return { current: entries.filter((e) => !e.final), history: entries.filter((e) => e.final), mostCrowns: won };
}
