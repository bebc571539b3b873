import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/lib/sync/bulk";

/**
 * Final crowns an engineer has won (any board, any period kind), as a scalar subquery. `engineerId`
 * is a value or a qualified column (`"engineers"."id"`): drizzle writes a one-table query's columns
 * unqualified, and inside this subquery a bare `"id"` would be the crown's own.
 */
export function crownsWonOf(engineerId: SQL): SQL<number> {
  return sql<number>`(select count(*) from crowns c where c.engineer_id = ${engineerId} and c.final_at is not null)`.mapWith(Number);
}

/** Final crowns an engineer has won; the engineer page reads the same count with the engineer (engineerCard). */
export async function crownsWon(db: Db, engineerId: number): Promise<number> {
  const [r] = rowsOf(await db.execute(sql`select ${crownsWonOf(sql`${engineerId}`)} as n`));
  return Number(r?.n ?? 0);
}
