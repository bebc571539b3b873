import { and, desc, eq, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineerScope } from "./engineer-scope";
import { badges } from "@/db/schema";
import { AuthError, canViewBoards, requireViewer, type Viewer } from "@/lib/auth/policy";

export type EngineerBadge = { id: number; kind: string; label: string; periodStart: string; awardedAt: Date; team: boolean };

/**
 * Badges the engineer won (quarter crowns, challenges achieved) and those of their team. Badges are
 * honours everyone may see, like the boards; no ledger details are involved.
 */
export async function getEngineerBadges(db: Db, viewer: Viewer | null, engineerId: number, limit = 30): Promise<EngineerBadge[]> {
  const v = requireViewer(viewer);
  if (!canViewBoards(v)) throw new AuthError(403);
  const e = await engineerScope(db, engineerId);
  if (!e) return [];
  const mine = eq(badges.engineerId, e.id);
  const where = e.teamId === null ? mine : or(mine, and(eq(badges.teamId, e.teamId), isNull(badges.engineerId)));
  const rows = await db
    .select({ id: badges.id, kind: badges.kind, label: badges.label, periodStart: badges.periodStart, awardedAt: badges.awardedAt, engineerId: badges.engineerId })
    .from(badges)
    .where(where)
    .orderBy(desc(badges.periodStart), desc(badges.id))
    .limit(limit);
  return rows.map(({ engineerId: who, ...b }) => ({ ...b, team: who === null }));
}
