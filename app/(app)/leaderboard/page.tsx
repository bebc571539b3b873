import type { Metadata } from "next";
import Link from "next/link";
import { Crown } from "@/app/components/crown";
import { formatPoints } from "@/app/components/format";
import { PeriodTabs } from "@/app/components/period-tabs";
import { getDb } from "@/db/client";
import { canViewEngineerDetails, type Viewer } from "@/lib/auth/policy";
import { requirePageViewer } from "@/lib/auth/session";
import { getBoardOptions, getLeaderboard, getViewerTimeZone, parseLeaderboardSearchParams, type LeaderboardRow } from "@/lib/queries";
import { orForbidden, pathWithQuery, type SearchParams } from "../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Leaderboard" };

export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const path = pathWithQuery("/leaderboard", sp);
  const viewer = await requirePageViewer(path);
  const filters = parseLeaderboardSearchParams(sp);
  const db = await getDb();

  const timeZone = await orForbidden(getViewerTimeZone(db, viewer), path);
  const [board, options] = await orForbidden(
    Promise.all([getLeaderboard(db, viewer, { ...filters, timeZone }), getBoardOptions(db, viewer)]),
    path,
  );
  const keep = { team: filters.teamId, line: filters.lineId, skill: filters.skillGroupId };
  const filtered = filters.teamId !== undefined || filters.lineId !== undefined || filters.skillGroupId !== undefined;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Leaderboard</h1>
          <p className="muted" data-testid="period-label">
            {board.period.label} · points earned in the period{timeZone !== "UTC" ? ` (${timeZone})` : ""}
          </p>
        </div>
        <PeriodTabs basePath="/leaderboard" current={filters.period} params={keep} />
      </div>

      <form method="get" action="/leaderboard" className="filters" aria-label="Filters" data-testid="leaderboard-filters">
        <input type="hidden" name="period" value={filters.period} />
        <label>
          Team
          <select name="team" defaultValue={filters.teamId ?? ""}>
            <option value="">All teams</option>
            {options.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Line
          <select name="line" defaultValue={filters.lineId ?? ""}>
            <option value="">All lines</option>
            {options.lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.code})
              </option>
            ))}
          </select>
        </label>
        <label>
          Skill group
          <select name="skill" defaultValue={filters.skillGroupId ?? ""}>
            <option value="">All skill groups</option>
            {options.skillGroups.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Apply</button>
        {filtered && (
          <Link href={`/leaderboard?period=${filters.period}`} className="button-quiet">
            Clear
          </Link>
        )}
      </form>

      {board.rows.length === 0 ? (
        <p className="card empty" data-testid="leaderboard-empty">
          No engineers match these filters.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="board" data-testid="leaderboard">
            <caption className="sr-only">
              Top {board.rows.length} of {board.total} engineers, {board.period.label}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Rank
                </th>
                <th scope="col">Engineer</th>
                <th scope="col">Team</th>
                <th scope="col">Line</th>
                <th scope="col" className="num">
                  Points
                </th>
                <th scope="col" className="num">
                  Tickets
                </th>
                <th scope="col" className="num" title="Five-star ratings">
                  5★
                </th>
              </tr>
            </thead>
            <tbody>
              {board.rows.map((r) => (
                <BoardRow key={r.engineerId} row={r} viewer={viewer} />
              ))}
            </tbody>
            {board.own && !board.ownInTop && (
              <tbody className="own-below" data-testid="leaderboard-own">
                <tr className="gap" aria-hidden>
                  <td colSpan={7}>⋯</td>
                </tr>
                <BoardRow row={board.own} viewer={viewer} />
              </tbody>
            )}
          </table>
        </div>
      )}
      <p className="muted small">
        {board.total} engineer{board.total === 1 ? "" : "s"} on this board. Points of revoked tickets count as their
        penalty; tickets are the ones not revoked. Equal points share a rank.
      </p>
    </>
  );
}

function BoardRow({ row, viewer }: { row: LeaderboardRow; viewer: Viewer }) {
  const linkable = canViewEngineerDetails(viewer, { id: row.engineerId, teamId: row.teamId });
  return (
    <tr
      data-testid="leaderboard-row"
      data-engineer-id={row.engineerId}
      data-rank={row.rank}
      data-own={row.isOwn ? "true" : undefined}
      className={row.isOwn ? "own" : undefined}
      aria-current={row.isOwn ? "true" : undefined}
    >
      <td className="num rank">
        <span data-testid="rank">{row.rank}</span>
        {row.crown && <Crown />}
      </td>
      <td className="name">
        {linkable ? <Link href={`/engineers/${row.engineerId}`}>{row.name}</Link> : row.name}
        {row.isOwn && <span className="you"> (you)</span>}
      </td>
      <td>{row.teamName ?? "—"}</td>
      <td>{row.lineCode ?? "—"}</td>
      <td className="num strong" data-testid="points">
        {formatPoints(row.points)}
      </td>
      <td className="num">{row.tickets}</td>
      <td className="num">{row.fiveStars}</td>
    </tr>
  );
}
