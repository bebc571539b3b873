import "server-only";
import { forbidden, redirect } from "next/navigation";
import { AuthError } from "@/lib/auth/policy";

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Awaits a query and turns its AuthError into the page's answer: 401 → sign-in (and back here),
 * 403 → the forbidden page with HTTP 403 (forbidden() needs experimental.authInterrupts).
 */
export async function orForbidden<T>(work: Promise<T>, callbackPath: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof AuthError) {
      if (e.status === 401) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
      forbidden();
    }
    throw e;
  }
}

/** The path with its search params, for the sign-in callback. */
export function pathWithQuery(path: string, sp: SearchParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else if (v !== undefined) q.set(k, v);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
