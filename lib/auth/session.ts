import "server-only";
import { getToken } from "next-auth/jwt";
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
  const token = await getToken({ req: { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} } as never });
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
