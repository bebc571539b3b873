import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/policy";

/** A user row (audit and created-by columns reference users) and the viewer for it. */
export async function makeViewer(db: Db, role: Viewer["role"], opts: { engineerId?: number | null; teamId?: number | null } = {}): Promise<Viewer> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.com`;
  const name = `${role} ${email.slice(role.length + 1, role.length + 5)}`;
  const [u] = await db
    .insert(users)
    .values({ email, name, passwordHash: "x", role, engineerId: opts.engineerId ?? null, teamId: opts.teamId ?? null })
    .returning({ id: users.id });
  return { userId: u!.id, email, name, role, engineerId: opts.engineerId ?? null, teamId: opts.teamId ?? null, locale: "en" };
}
