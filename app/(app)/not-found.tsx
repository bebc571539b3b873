import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth/session";
import { t } from "@/lib/i18n";

export const generateMetadata = async (): Promise<Metadata> => ({ title: t((await getViewer())?.locale ?? "en", "title.notFound") });

export default async function NotFound() {
  const L = (await getViewer())?.locale ?? "en";
  return (
    <section className="card notice" data-testid="not-found">
      <h1>{t(L, "page.notFound")}</h1>
      <p className="muted">{t(L, "page.notFoundText")}</p>
      <p>
        <Link href="/leaderboard">{t(L, "page.backToBoard")}</Link>
      </p>
    </section>
  );
}
