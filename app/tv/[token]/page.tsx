import type { Metadata } from "next";
import { cache } from "react";
import { requestLocale } from "@/app/_lib/request-locale";
import { Crown } from "@/app/components/crown";
import { getDb } from "@/db/client";
import type { Viewer } from "@/lib/auth/policy";
import { resolveWallboardToken } from "@/lib/boards/settings";
import { formatFixed, formatNumber, t } from "@/lib/i18n";
import { localPeriodLabel } from "@/lib/i18n/period-label";
import { getLeaderboard, getTeamBoard } from "@/lib/queries";
import { Rotator } from "../rotator";
import "../tv.css";

export const dynamic = "force-dynamic";

/** The link, read once for the title and the page of one request. */
const linkOf = cache(async (token: string) => resolveWallboardToken(await getDb(), token));

/** A live link speaks its creator's language; a dead one has no creator, so the browser's language (Accept-Language). */
export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const link = await linkOf((await params).token);
  return { title: t(link?.locale ?? (await requestLocale()), "title.wallboard"), robots: { index: false } };
}

/**
 * A wallboard opened by a read-only link (`/tv/<id>.<secret>`): no session, nothing to click, the
 * team's (or everyone's) boards in rotation. A revoked or wrong link shows nothing of the boards.
 */
export default async function Wallboard({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ rotate?: string; reload?: string }> }) {
  const { token } = await params;
  const sp = await searchParams;
  const db = await getDb();
  const link = await linkOf(token);
  if (!link) {
    return (
      <main className="tv tv-dead" data-testid="tv-revoked">
        <h1>{t(await requestLocale(), "tv.invalid")}</h1>
      </main>
    );
  }
  // Boards are read as a director would (no own row, no privacy trimming); only the top 10 is shown.
  // In the language of the lead or admin who created the link.
  const L = link.locale;
  const screen: Viewer = { userId: 0, email: "wallboard@podium.local", name: link.name, role: "director", engineerId: null, teamId: link.teamId, locale: L };
  const [week, month, teamsBoard] = await Promise.all([
    getLeaderboard(db, screen, { period: "week", teamId: link.teamId ?? undefined }),
    getLeaderboard(db, screen, { period: "month", teamId: link.teamId ?? undefined }),
    getTeamBoard(db, screen, { period: "quarter" }),
  ]);
  const rotate = Math.min(300, Math.max(3, Number(sp.rotate) || 15));
  const reload = Math.min(3600, Math.max(5, Number(sp.reload) || 60));
  const board = (title: string, rows: typeof week.rows) => (
    <section>
      <h1>{title}</h1>
      <table className="tv-table">
        <tbody>
          {rows.slice(0, 10).map((r) => (
            <tr key={`${r.rank}-${r.engineerId}`} data-testid="tv-row">
              <td className="tv-rank">
                {r.rank}
                {r.crown && <Crown locale={L} />}
              </td>
              <td className="tv-name">{r.name}</td>
              <td className="tv-num">{formatNumber(L, r.points)}</td>
              <td className="tv-num tv-sub">{r.csat === null ? "" : `${formatFixed(L, r.csat)}★`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
  return (
    <main className="tv" data-testid="tv">
      <header className="tv-head">
        <span>{link.name}</span>
        <span data-testid="tv-updated">{new Date().toISOString().slice(11, 19)} UTC</span>
      </header>
      <Rotator rotateSeconds={rotate} reloadSeconds={reload}>
        {board(`${t(L, "board.title")} · ${localPeriodLabel(L, week.period)}`, week.rows)}
        {board(`${t(L, "board.title")} · ${localPeriodLabel(L, month.period)}`, month.rows)}
        <section>
          <h1>
            {t(L, "teams.csat")} · {localPeriodLabel(L, teamsBoard.period)}
          </h1>
          <table className="tv-table">
            <tbody>
              {teamsBoard.byCsat.slice(0, 10).map((r) => (
                <tr key={r.teamId} data-testid="tv-team-row">
                  <td className="tv-rank">
                    {r.rank ?? "–"}
                    {r.crown && <Crown locale={L} />}
                  </td>
                  <td className="tv-name">{r.name}</td>
                  <td className="tv-num">{formatFixed(L, r.average)}</td>
                  <td className="tv-num tv-sub">{formatNumber(L, r.ratings, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </Rotator>
    </main>
  );
}
