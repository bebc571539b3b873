import type { Metadata } from "next";
import Link from "next/link";
import { requestLocale } from "@/app/_lib/request-locale";
import { Logo } from "@/app/components/logo";
import { t } from "@/lib/i18n";

/**
 * Any address no page answers (outside the signed-in pages' own not-found): in the signed-in user's
 * language, else the browser's (Accept-Language), instead of Next's English default.
 */
export const generateMetadata = async (): Promise<Metadata> => ({ title: t(await requestLocale(), "title.notFound") });

export default async function NotFound() {
  const L = await requestLocale();
  return (
    <main className="signin" data-testid="not-found">
      <h1>
        <Logo /> Podium
      </h1>
      <h2>{t(L, "page.notFound")}</h2>
      <p className="muted">{t(L, "page.notFoundText")}</p>
      <p>
        <Link href="/leaderboard">{t(L, "page.backToBoard")}</Link>
      </p>
    </main>
  );
}
