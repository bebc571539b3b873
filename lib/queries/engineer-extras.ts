import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineerScope } from "./engineer-scope";
import { engineerIdentities, ratings, tickets } from "@/db/schema";
import { AuthError, canViewEngineerDetails, requireViewer, type Viewer } from "@/lib/auth/policy";
import { rowsOf } from "@/lib/sync/bulk";

export type EngineerExtras = {
  /** Customers' comments on the engineer's rated tickets, newest first. */
  comments: { ratedAt: Date; score: number; comment: string; ticketExternalId: string | null; subject: string | null }[];
};

/** The engineer page's customers' comments (its quota comes with getEngineerDetail); same access rule as the page (self, own team's lead, directors, admins). */
export async function getEngineerExtras(db: Db, viewer: Viewer | null, engineerId: number, limit = 10): Promise<EngineerExtras> {
  const v = requireViewer(viewer);
  const e = await engineerScope(db, engineerId);
  if (!e || !canViewEngineerDetails(v, e)) throw new AuthError(403);
  // Per helpdesk identity of the engineer, its newest commented ratings (ratings_identity_rated_idx,
  // read backwards), the newest `limit` of those, then their tickets: never all of their ratings.
  const comments = await db.execute(sql`
    select r.rated_at, r.score, r.comment, t.external_id, t.subject
    from (
      select r.rated_at, r.score, r.comment, r.ticket_id, r.id
      from ${engineerIdentities} i
      cross join lateral (
        select x.rated_at, x.score, x.comment, x.ticket_id, x.id from ${ratings} x
        where x.rated_identity_id = i.id and x.comment is not null and x.comment <> ''
        order by x.rated_at desc limit ${limit}
      ) r
      where i.engineer_id = ${e.id}
      order by r.rated_at desc, r.id desc limit ${limit}
    ) r
    left join ${tickets} t on t.id = r.ticket_id
    order by r.rated_at desc, r.id desc`);
  return {
    comments: rowsOf(comments).map((r) => ({
      ratedAt: new Date(r.rated_at as string | Date),
      score: Number(r.score),
      comment: String(r.comment),
      ticketExternalId: r.external_id === null ? null : String(r.external_id),
      subject: r.subject === null ? null : String(r.subject),
    })),
  };
}
