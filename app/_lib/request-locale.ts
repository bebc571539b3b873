import { headers } from "next/headers";
import { getViewer } from "@/lib/auth/session";
import { localeFromAcceptLanguage, toLocale, type Locale } from "@/lib/i18n";

/**
 * The language of a page anyone may open (sign-in, a 404, a dead wallboard link): the signed-in
 * user's, else the browser's Accept-Language (English when it names neither English nor Russian).
 */
export async function requestLocale(): Promise<Locale> {
  const viewer = await getViewer();
  if (viewer) return toLocale(viewer.locale);
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}
