import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { authOptions } from "./options";
import type { Viewer } from "./policy";
import { loadViewer } from "./users";

/**
 * The signed-in user for this request, re-read from the database each time so that a changed
 * role or a deactivated account takes effect at once (the JWT only carries the user id).
 * Memoised per server render (React `cache`): the layout and the page ask for it once between
 * them; server actions and route handlers, outside a render, read it afresh on every call.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions);
  const id = Number((session?.user as { id?: string } | undefined)?.id);
  if (!id) return null;
  return loadViewer(await getDb(), id);
});

/** For pages: the viewer, or a redirect to sign-in that comes back here afterwards. */
export async function requirePageViewer(callbackPath: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return viewer;
}
