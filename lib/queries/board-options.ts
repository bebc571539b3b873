import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sharedRead } from "@/lib/runtime/shared-read";
import { engineers, lines, skillGroups, teams } from "@/db/schema";
import { requireViewer, type Viewer } from "@/lib/auth/policy";
import { isValidTimeZone } from "@/lib/periods";

export type BoardOptions = {
  teams: { id: number; name: string }[];
  lines: { id: number; code: string; name: string }[];
  skillGroups: { id: number; name: string }[];
};

/** Teams, lines and skill groups for the leaderboard's filter form. Any signed-in user. */
export async function getBoardOptions(db: Db, viewer: Viewer | null): Promise<BoardOptions> {
  requireViewer(viewer);
  // The same lists for every viewer: shared for a few seconds (sharedRead), like the board itself.
  return sharedRead(db, "board-options", async () => {
    const [t, l, s] = await Promise.all([
      db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)),
      db.select({ id: lines.id, code: lines.code, name: lines.name }).from(lines).orderBy(asc(lines.sortOrder), asc(lines.code)),
      db.select({ id: skillGroups.id, name: skillGroups.name }).from(skillGroups).orderBy(asc(skillGroups.name)),
    ]);
    return { teams: t, lines: l, skillGroups: s };
  });
}

/**
 * The zone a viewer's periods are counted in: the team they lead or belong to (through their
 * engineer), else UTC. Any signed-in user.
 */
export async function getViewerTimeZone(db: Db, viewer: Viewer | null): Promise<string> {
  const v = requireViewer(viewer);
  let zone: string | undefined;
  if (v.teamId !== null) {
    [{ zone } = { zone: undefined }] = await db.select({ zone: teams.timeZone }).from(teams).where(eq(teams.id, v.teamId)).limit(1);
  }
  if (!zone && v.engineerId !== null) {
    [{ zone } = { zone: undefined }] = await db
      .select({ zone: teams.timeZone })
      .from(engineers)
      .innerJoin(teams, eq(teams.id, engineers.teamId))
      .where(eq(engineers.id, v.engineerId))
      .limit(1);
  }
  return zone && isValidTimeZone(zone) ? zone : "UTC";
}
