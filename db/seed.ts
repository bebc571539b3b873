import { eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { appMeta, engineers, teams, users } from "./schema";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { installDemoOrganisation } from "@/lib/connectors/demo/setup";

/** First-start data: the first admin, and (when the demo is on) the demo organisation and its accounts. */

export const DEMO_PASSWORD = "podium-demo";

export const DEMO_ACCOUNTS = [
  { email: "admin@podium.demo", role: "admin", name: "Demo Admin" },
  { email: "director@podium.demo", role: "director", name: "Diana Director" },
  { email: "lead@podium.demo", role: "lead", name: null },
  { email: "engineer@podium.demo", role: "engineer", name: null },
] as const;

async function getMeta(db: Db, key: string): Promise<unknown> {
  const [row] = await db.select().from(appMeta).where(eq(appMeta.key, key));
  return row?.value;
}

async function setMeta(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insert(appMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: appMeta.key, set: { value, updatedAt: new Date() } });
}

/**
 * Creates the first admin when there is none. Returns the one-time password when it generated
 * one, so the caller prints it exactly once; it is stored only as a hash.
 */
export async function ensureAdmin(
  db: Db,
  opts: { email?: string; password?: string },
): Promise<{ created: false } | { created: true; email: string; generatedPassword: string | null }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
  if (existing) return { created: false };
  const email = (opts.email ?? "admin@podium.local").toLowerCase();
  const generatedPassword = opts.password ? null : generatePassword();
  await db.insert(users).values({
    email,
    name: "Administrator",
    role: "admin",
    passwordHash: await hashPassword(opts.password ?? generatedPassword!),
  });
  return { created: true, email, generatedPassword };
}

/** Installs the demo organisation and its accounts once; later starts find the marker and do nothing. */
export async function seedDemo(db: Db, opts: { now: Date; historyDays: number; seed?: number }): Promise<boolean> {
  if (await getMeta(db, "demo_installed_at")) return false;
  await installDemoOrganisation(db, { now: opts.now, historyDays: opts.historyDays, seed: opts.seed ?? 42 });

  // The lead leads the first team and is its most senior engineer; the engineer is on the same team.
  const [team] = await db.select().from(teams).orderBy(teams.id).limit(1);
  const members = await db
    .select()
    .from(engineers)
    .where(eq(engineers.teamId, team!.id))
    .orderBy(sql`${engineers.lineId} desc`, engineers.id);
  const leadEngineer = members[0]!;
  const engineer = members[members.length - 1]!;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const linked = account.role === "lead" ? leadEngineer : account.role === "engineer" ? engineer : null;
    await db
      .insert(users)
      .values({
        email: account.email,
        name: account.name ?? linked!.displayName,
        role: account.role,
        passwordHash,
        engineerId: linked?.id ?? null,
        teamId: linked ? team!.id : null,
      })
      .onConflictDoNothing();
  }
  await setMeta(db, "demo_installed_at", opts.now.toISOString());
  return true;
}
