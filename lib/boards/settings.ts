import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, teamBoardSettings, teams, users, wallboardLinks } from "@/db/schema";
import { AuthError, canManageTeam, requireViewer, type Viewer } from "@/lib/auth/policy";
import { SafeError } from "@/lib/actions/define";

/** Board settings: a user's language, a team's privacy mode, and read-only wallboard links. */

const OptionalId = z.preprocess((v) => (v === "" || v === undefined || v === null ? null : v), z.coerce.number().int().positive().nullable());

export const LocaleInputSchema = z.object({ locale: z.enum(["en", "ru"], { message: "Choose English or Russian." }) });
export const PrivacyInputSchema = z.object({
  teamId: z.coerce.number().int().positive(),
  privacy: z.enum(["full", "top_and_me", "neighbours", "names_hidden"], { message: "Choose a privacy mode." }),
});
export const WallboardCreateSchema = z.object({
  name: z.string().trim().min(1, "Give the screen a name.").max(80, "Keep the name under 80 characters."),
  teamId: OptionalId,
});
export const WallboardRevokeSchema = z.object({ id: z.coerce.number().int().positive() });

export async function setLocale(db: Db, viewer: Viewer | null, input: z.infer<typeof LocaleInputSchema>) {
  const v = requireViewer(viewer);
  await db.update(users).set({ locale: input.locale }).where(eq(users.id, v.userId));
  return { locale: input.locale };
}

export async function setTeamPrivacy(db: Db, viewer: Viewer | null, input: z.infer<typeof PrivacyInputSchema>) {
  const v = requireViewer(viewer);
  if (!canManageTeam(v, input.teamId)) throw new AuthError(403, "Only the team's lead or an admin can change its privacy.");
  const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, input.teamId));
  if (!team) throw new SafeError("No such team.", 404);
  await db.transaction(async (tx) => {
    await tx
      .insert(teamBoardSettings)
      .values({ teamId: input.teamId, privacy: input.privacy })
      .onConflictDoUpdate({ target: teamBoardSettings.teamId, set: { privacy: input.privacy, updatedAt: new Date() } });
    await tx.insert(auditLog).values({ actorUserId: v.userId, action: "board.privacy", entity: "team", entityId: String(input.teamId), details: { privacy: input.privacy } });
  });
  return { teamId: input.teamId, privacy: input.privacy };
}

const hash = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Leads for their own team, admins for any team or everyone. */
function canManageWallboard(v: Viewer, teamId: number | null): boolean {
  if (v.role === "admin") return true;
  return v.role === "lead" && teamId !== null && v.teamId === teamId;
}

/** Creates a link; the token (`id.secret`) is returned once and only its hash is stored. */
export async function createWallboardLink(db: Db, viewer: Viewer | null, input: z.infer<typeof WallboardCreateSchema>) {
  const v = requireViewer(viewer);
  if (!canManageWallboard(v, input.teamId)) throw new AuthError(403, "Leads create screens for their own team; admins for any.");
  const secret = randomBytes(24).toString("base64url");
  const [row] = await db
    .insert(wallboardLinks)
    .values({ name: input.name, teamId: input.teamId, secretHash: hash(secret), createdByUserId: v.userId })
    .returning({ id: wallboardLinks.id });
  return { id: row!.id, path: `/tv/${row!.id}.${secret}` };
}

export async function revokeWallboardLink(db: Db, viewer: Viewer | null, input: z.infer<typeof WallboardRevokeSchema>) {
  const v = requireViewer(viewer);
  const [link] = await db.select().from(wallboardLinks).where(eq(wallboardLinks.id, input.id));
  if (!link || !canManageWallboard(v, link.teamId)) throw new AuthError(403);
  await db.update(wallboardLinks).set({ revoked: true }).where(eq(wallboardLinks.id, link.id));
  return { id: link.id, revoked: true };
}

export async function listWallboardLinks(db: Db, viewer: Viewer | null) {
  const v = requireViewer(viewer);
  if (v.role !== "admin" && v.role !== "lead") return [];
  const rows = await db.select().from(wallboardLinks).orderBy(desc(wallboardLinks.createdAt));
  return rows
    .filter((r) => canManageWallboard(v, r.teamId))
    .map(({ secretHash: _h, ...r }) => r);
}

/** The link a wallboard token opens, or null (unknown, wrong secret, revoked). */
/** A valid link's screen; `locale` is the language of whoever created it (a screen has no user of its own). */
export async function resolveWallboardToken(db: Db, token: string): Promise<{ id: number; name: string; teamId: number | null; locale: string } | null> {
  const m = /^(\d{1,9})\.([A-Za-z0-9_-]{20,64})$/.exec(token);
  if (!m) return null;
  const [row] = await db
    .select({ link: wallboardLinks, locale: users.locale })
    .from(wallboardLinks)
    .leftJoin(users, eq(users.id, wallboardLinks.createdByUserId))
    .where(and(eq(wallboardLinks.id, Number(m[1])), eq(wallboardLinks.revoked, false)));
  if (!row) return null;
  const link = row.link;
  const a = Buffer.from(hash(m[2]!), "hex");
  const b = Buffer.from(link.secretHash, "hex");
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return { id: link.id, name: link.name, teamId: link.teamId, locale: row.locale ?? "en" };
}

export async function getTeamPrivacyRows(db: Db, viewer: Viewer | null) {
  const v = requireViewer(viewer);
  const rows = await db
    .select({ teamId: teams.id, name: teams.name, privacy: teamBoardSettings.privacy })
    .from(teams)
    .leftJoin(teamBoardSettings, eq(teamBoardSettings.teamId, teams.id))
    .orderBy(teams.name);
  return rows.filter((r) => canManageTeam(v, r.teamId)).map((r) => ({ ...r, privacy: r.privacy ?? "top_and_me" }));
}
