import { and, desc, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineerIdentities, engineers, ratings, tickets, weeklyQuotas } from "@/db/schema";
import { AuthError, canViewEngineerDetails, requireViewer, type Viewer } from "@/lib/auth/policy";

/** Weekly quota used when issue #3's weekly_quotas has no row for the week. */
export const DEFAULT_WEEKLY_QUOTA = 50;

export type EngineerExtras = {
  quota: { weekStart: string; quota: number; fromTable: boolean };
  /** Customers' comments on the engineer's rated tickets, newest first. */
  comments: { ratedAt: Date; score: number; comment: string; ticketExternalId: string | null; subject: string | null }[];
};

/** The engineer page's quota and customers' comments; same access rule as the page (self, own team's lead, directors, admins). */
export async function getEngineerExtras(db: Db, viewer: Viewer | null, engineerId: number, weekStart: string, limit = 10): Promise<EngineerExtras> {
  const v = requireViewer(viewer);
  const [e] = await db.select({ id: engineers.id, teamId: engineers.teamId }).from(engineers).where(eq(engineers.id, engineerId));
  if (!e || !canViewEngineerDetails(v, e)) throw new AuthError(403);
  const [[q], comments] = await Promise.all([
    db
      .select({ quota: weeklyQuotas.quota })
      .from(weeklyQuotas)
      .where(and(eq(weeklyQuotas.engineerId, e.id), eq(weeklyQuotas.weekStart, weekStart))),
    db
      .select({ ratedAt: ratings.ratedAt, score: ratings.score, comment: sql<string>`${ratings.comment}`, ticketExternalId: tickets.externalId, subject: tickets.subject })
      .from(ratings)
      .innerJoin(engineerIdentities, eq(engineerIdentities.id, ratings.ratedIdentityId))
      .leftJoin(tickets, eq(tickets.id, ratings.ticketId))
      .where(and(eq(engineerIdentities.engineerId, e.id), isNotNull(ratings.comment), ne(ratings.comment, "")))
      .orderBy(desc(ratings.ratedAt))
      .limit(limit),
  ]);
  return {
    quota: { weekStart, quota: q?.quota ?? DEFAULT_WEEKLY_QUOTA, fromTable: q !== undefined },
    comments,
  };
}
