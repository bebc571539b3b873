import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pushTokens } from "@/db/schema";

/**
 * Push API tokens: `podium_push_<connection>_<32 random bytes, base64url>`. Only the SHA-256 is
 * stored (a random 256-bit secret needs no slow hash); the token is shown once, at creation.
 */

const PREFIX = "podium_push_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function issueToken(db: Db, connectionId: number, name: string, createdBy: number | null): Promise<{ id: number; token: string; prefix: string }> {
  const token = `${PREFIX}${connectionId}_${randomBytes(32).toString("base64url")}`;
  const prefix = `${token.slice(0, PREFIX.length + String(connectionId).length + 5)}…`;
  const [row] = await db.insert(pushTokens).values({ connectionId, name, tokenHash: hashToken(token), prefix, createdBy }).returning({ id: pushTokens.id });
  return { id: row!.id, token, prefix };
}

export type TokenCheck = { ok: true; tokenId: number } | { ok: false; reason: string };

/** Whether `token` is a live token of this connection; marks it used. */
export async function checkToken(db: Db, connectionId: number, token: string): Promise<TokenCheck> {
  const [row] = await db
    .select({ id: pushTokens.id, connectionId: pushTokens.connectionId, revokedAt: pushTokens.revokedAt })
    .from(pushTokens)
    .where(eq(pushTokens.tokenHash, hashToken(token)));
  if (!row || row.connectionId !== connectionId) return { ok: false, reason: "This token is not valid for this connection." };
  if (row.revokedAt) return { ok: false, reason: "This token was revoked; ask an administrator for a new one." };
  await db.update(pushTokens).set({ lastUsedAt: sql`now()` }).where(eq(pushTokens.id, row.id));
  return { ok: true, tokenId: row.id };
}

export async function revokeToken(db: Db, tokenId: number): Promise<boolean> {
  const rows = await db
    .update(pushTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(pushTokens.id, tokenId), isNull(pushTokens.revokedAt)))
    .returning({ id: pushTokens.id });
  return rows.length > 0;
}
