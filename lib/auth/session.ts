import "server-only";
import hkdf from "@panva/hkdf";
import { jwtDecrypt } from "jose";
import { getToken, type JWTDecodeParams } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { Viewer } from "./policy";
import { loadViewer } from "./users";

/**
 * The signed-in user for this request, re-read from the database each time so that a changed
 * role or a deactivated account takes effect at once (the JWT only carries the user id).
 * Memoised per server render (React `cache`): the layout and the page ask for it once between
 * them; server actions and route handlers, outside a render, read it afresh on every call.
 * The session cookie is decoded with next-auth's own `getToken` (cookie name, chunks, expiry)
 * rather than `getServerSession`, which runs the whole auth handler and re-encrypts the token on
 * every page view only to drop the refreshed cookie (a server component cannot set one).
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const jar = await cookies();
  const token = await getToken({ req: { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} } as never, decode: decodeSession });
  const id = Number(token?.sub);
  if (!id) return null;
  return loadViewer(await getDb(), id);
});

/** For pages: the viewer, or a redirect to sign-in that comes back here afterwards. */
export async function requirePageViewer(callbackPath: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return viewer;
}

/**
 * next-auth's own `decode` (jwt/index.js), with the key it derives from the secret kept: deriving it
 * (HKDF through the thread pool) on every page view cost ~0.15–0.35 ms of CPU and a thread hop.
 * Same key, algorithm and clock tolerance as next-auth, which still encodes the cookie.
 */
const sessionKeys = new Map<string, Promise<Uint8Array>>();
async function decodeSession({ token, secret, salt = "" }: JWTDecodeParams) {
  if (!token) return null;
  const id = `${salt}\u0000${String(secret)}`;
  let key = sessionKeys.get(id);
  if (!key) {
    key = hkdf("sha256", secret as string, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32);
    sessionKeys.set(id, key);
  }
  const { payload } = await jwtDecrypt(token, await key, { clockTolerance: 15 });
  return payload;
}
