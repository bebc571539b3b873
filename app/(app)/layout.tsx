import Link from "next/link";
import { Logo } from "@/app/components/logo";
import { NavLink } from "@/app/components/nav-link";
import { SignOutButton } from "@/app/components/sign-out-button";
import { ROLE_LABELS } from "@/app/components/format";
import { getViewer } from "@/lib/auth/session";

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
            <nav className="mainnav" aria-label="Main">
              <NavLink href="/leaderboard" testId="nav-leaderboard">
                Leaderboard
              </NavLink>
              <NavLink href="/teams" testId="nav-teams">
                Teams
              </NavLink>
              {viewer.engineerId !== null && (
                <NavLink href={`/engineers/${viewer.engineerId}`} testId="nav-my-page">
                  My page
                </NavLink>
              )}
              {(viewer.role === "lead" || viewer.role === "admin") && (
                <>
                  <NavLink href="/rules" testId="nav-rules">
                    Rules
                  </NavLink>
                  <NavLink href="/disputes" testId="nav-disputes">
                    Disputes
                  </NavLink>
                </>
              )}
              {viewer.role === "admin" && (
                <NavLink href="/admin/sync" testId="nav-sync">
                  Sync status
                </NavLink>
              )}
            </nav>
            <div className="who" data-testid="viewer">
              <span className="who-name">{viewer.name}</span>
              <span className="role" data-testid="viewer-role">
                {ROLE_LABELS[viewer.role]}
              </span>
              <SignOutButton />
            </div>
          </>
        )}
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
