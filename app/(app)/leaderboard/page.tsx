import type { Metadata } from "next";
import Link from "next/link";
import { Crown } from "@/app/components/crown";
import { PeriodTabs } from "@/app/components/period-tabs";
import { getDb } from "@/db/client";
import { canViewEngineerDetails, type Viewer } from "@/lib/auth/policy";
import { requirePageViewer } from "@/lib/auth/session";
import { formatFixed, formatNumber, formatPercent, t } from "@/lib/i18n";
import { localPeriodLabel } from "@/lib/i18n/period-label";
import { getBoardOptions, getLeaderboard, getViewerTimeZone, parseLeaderboardSearchParams, type LeaderboardRow } from "@/lib/queries";
import { orForbidden, pathWithQuery, type SearchParams } from "../_lib/guard";
import { titled } from "../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.leaderboard");

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
  const L = viewer.locale;
  const keep = { team: filters.teamId, line: filters.lineId, skill: filters.skillGroupId };
  const filtered = filters.teamId !== undefined || filters.lineId !== undefined || filters.skillGroupId !== undefined;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t(L, "board.title")}</h1>
          <p className="muted" data-testid="period-label">
            {localPeriodLabel(L, board.period)} · {t(L, "board.subtitle")}
            {timeZone !== "UTC" ? ` (${timeZone})` : ""}
          </p>
          {viewer.role === "engineer" && (
            <p className="muted small" data-testid="privacy-note" data-privacy={board.privacy}>
              {t(L, `board.privacy.${board.privacy}`)}
            </p>
          )}
        </div>
        <PeriodTabs basePath="/leaderboard" current={filters.period} params={keep} locale={L} from={board.filters.from} to={board.filters.to} />
      </div>

      <form method="get" action="/leaderboard" className="filters" aria-label={t(L, "aria.filters")} data-testid="leaderboard-filters">
        <input type="hidden" name="period" value={filters.period} />
        {filters.period === "custom" && (
          <>
            <input type="hidden" name="from" value={board.filters.from ?? ""} />
            <input type="hidden" name="to" value={board.filters.to ?? ""} />
          </>
        )}
        <label>
          {t(L, "board.team")}
          <select name="team" defaultValue={filters.teamId ?? ""}>
            <option value="">{t(L, "board.allTeams")}</option>
            {options.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(L, "board.line")}
          <select name="line" defaultValue={filters.lineId ?? ""}>
            <option value="">{t(L, "board.allLines")}</option>
            {options.lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.code})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(L, "board.skill")}
          <select name="skill" defaultValue={filters.skillGroupId ?? ""}>
            <option value="">{t(L, "board.allSkills")}</option>
            {options.skillGroups.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t(L, "board.apply")}</button>
        {filtered && (
          <Link href={`/leaderboard?period=${filters.period}`} className="button-quiet">
            {t(L, "board.clear")}
          </Link>
        )}
      </form>

      {board.rows.length === 0 ? (
        <p className="card empty" data-testid="leaderboard-empty">
          {t(L, "board.empty")}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="board" data-testid="leaderboard">
            <caption className="sr-only">
              {t(L, "board.caption", { shown: board.rows.length, total: board.total, period: localPeriodLabel(L, board.period) })}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t(L, "board.rank")}
                </th>
                <th scope="col">{t(L, "board.engineer")}</th>
                <th scope="col">{t(L, "board.team")}</th>
                <th scope="col">{t(L, "board.line")}</th>
                <th scope="col" className="num">
                  {t(L, "board.points")}
                </th>
                <th scope="col" className="num">
                  {t(L, "board.tickets")}
                </th>
                <th scope="col" className="num">
                  {t(L, "board.fiveStars")}
                </th>
                <th scope="col" className="num" title={t(L, "board.csatHint")}>
                  {t(L, "board.csat")}
                </th>
                <th scope="col" className="num">
                  {t(L, "board.reopens")}
                </th>
                <th scope="col" className="num">
                  {t(L, "board.movement")}
                </th>
              </tr>
            </thead>
            <tbody>
              {board.rows.map((r) => (
                <BoardRow key={`${r.rank}-${r.engineerId ?? "x"}-${r.name ?? ""}`} row={r} viewer={viewer} />
              ))}
            </tbody>
            {board.own && !board.ownInTop && (
              <tbody className="own-below" data-testid="leaderboard-own">
                <tr className="gap" aria-hidden>
                  <td colSpan={10}>⋯</td>
                </tr>
                <BoardRow row={board.own} viewer={viewer} />
              </tbody>
            )}
          </table>
        </div>
      )}
      <p className="muted small">{t(L, "board.total", { n: formatNumber(L, board.total, 0) })}</p>
    </>
  );
}

function BoardRow({ row, viewer }: { row: LeaderboardRow; viewer: Viewer }) {
  const L = viewer.locale;
  const linkable = row.engineerId !== null && canViewEngineerDetails(viewer, { id: row.engineerId, teamId: row.teamId });
  const m = row.movement;
  return (
    <tr
      data-testid="leaderboard-row"
      data-engineer-id={row.engineerId ?? undefined}
      data-rank={row.rank}
      data-own={row.isOwn ? "true" : undefined}
      data-hidden={row.name === null ? "true" : undefined}
      className={row.isOwn ? "own" : undefined}
      aria-current={row.isOwn ? "true" : undefined}
    >
      <td className="num rank">
        <span data-testid="rank">{row.rank}</span>
        {row.crown && <Crown locale={L} />}
      </td>
      <td className="name">
        {row.name === null ? (
          <span className="muted">{t(L, "board.hidden")}</span>
        ) : linkable ? (
          <Link href={`/engineers/${row.engineerId}`}>{row.name}</Link>
        ) : (
          row.name
        )}
        {row.isOwn && <span className="you"> {t(L, "board.you")}</span>}
      </td>
      <td>{row.teamName ?? "—"}</td>
      <td>{row.lineCode ?? "—"}</td>
      <td className="num strong" data-testid="points">
        {formatNumber(L, row.points)}
      </td>
      <td className="num">{formatNumber(L, row.tickets, 0)}</td>
      <td className="num">{formatNumber(L, row.fiveStars, 0)}</td>
      <td className="num" title={row.csatConfidence === null ? undefined : `≥ ${formatFixed(L, row.csatConfidence)}`}>
        {formatFixed(L, row.csat)} <span className="muted small">({formatNumber(L, row.ratings, 0)})</span>
      </td>
      <td className="num">{formatPercent(L, row.reopenRate)}</td>
      <td className="num movement" data-testid="movement">
        {m === null || m === 0 ? <span className="muted">—</span> : m > 0 ? <span className="up">▲{m}</span> : <span className="down">▼{-m}</span>}
      </td>
    </tr>
  );
}
