import Link from "next/link";
import { getViewer } from "@/lib/auth/session";
import { t } from "@/lib/i18n";

/** Rendered with HTTP 403 when a page calls forbidden() (a query threw AuthError 403). */
export default async function Forbidden() {
  const L = (await getViewer())?.locale ?? "en";
  return (
    <section className="card notice" data-testid="access-denied" role="alert">
      <h1>{t(L, "page.forbidden")}</h1>
      <p className="muted">{t(L, "page.forbiddenText")}</p>
      <p>
        <Link href="/leaderboard">{t(L, "page.backToBoard")}</Link>
      </p>
    </section>
  );
}
