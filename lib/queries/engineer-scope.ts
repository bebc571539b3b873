import { eq } from "drizzle-orm";
import { cache } from "react";
import type { Db } from "@/db/client";
import { engineers } from "@/db/schema";

/**
 * An engineer's id and team, which every access check on their data needs. Memoised per server
 * render (React `cache`): the engineer page's four data functions each check access with one read
 * between them. Outside a render (jobs, tests) it reads every time.
 */
export const engineerScope = cache(async (db: Db, id: number): Promise<{ id: number; teamId: number | null } | undefined> => {
  const [e] = await db.select({ id: engineers.id, teamId: engineers.teamId }).from(engineers).where(eq(engineers.id, id));
  return e;
});
