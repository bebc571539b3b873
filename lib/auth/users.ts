import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Viewer } from "./policy";

/** User lookups for sign-in and sessions; no authorization here because they answer for oneself. */

export async function findUserForSignIn(db: Db, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, email.toLowerCase()), eq(users.active, true)))
    .limit(1);
  return user;
}

export async function recordSignIn(db: Db, userId: number): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
}

/** The viewer behind a session's user id, or null if the user is gone or deactivated. */
export async function loadViewer(db: Db, userId: number): Promise<Viewer | null> {
  if (!Number.isInteger(userId) || userId <= 0) return null;
  // Only the viewer's columns: this runs on every page view, and the password hash has no business here.
  const [u] = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: users.role, engineerId: users.engineerId, teamId: users.teamId, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .limit(1);
  return u ?? null;
}
