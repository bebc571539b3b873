import Link from "next/link";
import { Logo } from "@/app/components/logo";
import { NavLink } from "@/app/components/nav-link";
import { SignOutButton } from "@/app/components/sign-out-button";
import { getViewer } from "@/lib/auth/session";
import { t } from "@/lib/i18n";

// Every page below reads the session: render per request, never at build time.
export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  // Each page checks the viewer again (requirePageViewer) and redirects to sign-in when needed.
  const viewer = await getViewer();
  return (
    <div className="shell">
      <header className="topbar">
        <Link href="/leaderboard" className="brand">
          <Logo /> Podium
        </Link>
        {viewer && (
          <>
            <nav className="mainnav" aria-label={t(viewer.locale, "aria.main")}>
              <NavLink href="/leaderboard" testId="nav-leaderboard">
                {t(viewer.locale, "nav.leaderboard")}
              </NavLink>
              <NavLink href="/teams" testId="nav-teams">
                {t(viewer.locale, "nav.teams")}
              </NavLink>
              <NavLink href="/crowns" testId="nav-crowns">
                {t(viewer.locale, "nav.crowns")}
              </NavLink>
              <NavLink href="/honours" testId="nav-honours">
                {t(viewer.locale, "nav.honours")}
              </NavLink>
              <NavLink href="/challenges" testId="nav-challenges">
                {t(viewer.locale, "nav.challenges")}
              </NavLink>
              {viewer.engineerId !== null && (
                <NavLink href={`/engineers/${viewer.engineerId}`} testId="nav-my-page">
                  {t(viewer.locale, "nav.myPage")}
                </NavLink>
              )}
              {(viewer.role === "lead" || viewer.role === "admin") && (
                <>
                  <NavLink href="/rules" testId="nav-rules">
                    {t(viewer.locale, "nav.rules")}
                  </NavLink>
                  <NavLink href="/disputes" testId="nav-disputes">
                    {t(viewer.locale, "nav.disputes")}
                  </NavLink>
                </>
              )}
              {(viewer.role === "lead" || viewer.role === "admin") && (
                <NavLink href="/digest" testId="nav-digest">
                  {t(viewer.locale, "nav.digest")}
                </NavLink>
              )}
              {(viewer.role === "director" || viewer.role === "admin") && (
                <NavLink href="/directors" testId="nav-directors">
                  {t(viewer.locale, "nav.directors")}
                </NavLink>
              )}
              {viewer.role === "admin" && (
                <>
                  <NavLink href="/admin/sync" testId="nav-sync">
                    {t(viewer.locale, "nav.sync")}
                  </NavLink>
                  <NavLink href="/admin/import" testId="nav-import">
                    {t(viewer.locale, "nav.import")}
                  </NavLink>
                  <NavLink href="/admin/connections" testId="nav-connections">
                    {t(viewer.locale, "nav.connections")}
                  </NavLink>
                </>
              )}
            </nav>
            <div className="who" data-testid="viewer">
              <NavLink href="/settings" testId="nav-settings">
                ⚙
              </NavLink>
              <span className="who-name">{viewer.name}</span>
              <span className="role" data-testid="viewer-role">
                {t(viewer.locale, `role.${viewer.role}`)}
              </span>
              <SignOutButton text={t(viewer.locale, "auth.signOut")} pendingText={t(viewer.locale, "auth.signingOut")} />
            </div>
          </>
        )}
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
