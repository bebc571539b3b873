import type { Metadata } from "next";
import { Crown } from "@/app/components/crown";
import { formatAverage, formatPoints, formatSigned } from "@/app/components/format";
import { t as tr, texts } from "@/lib/i18n";
import { localPeriodLabel } from "@/lib/i18n/period-label";
import { PeriodTabs } from "@/app/components/period-tabs";
import { TeamHandicapForm } from "@/app/components/team-handicap-form";
import { getDb } from "@/db/client";
import { listManagedHandicaps } from "@/lib/handicap/auto";
import { requirePageViewer } from "@/lib/auth/session";
import { getTeamBoard, getViewerTimeZone, parseTeamBoardSearchParams } from "@/lib/queries";
import { orForbidden, pathWithQuery, type SearchParams } from "../_lib/guard";
import { titled } from "../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.teams");

export default async function TeamsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const path = pathWithQuery("/teams", sp);
  const viewer = await requirePageViewer(path);
  const { period, from, to } = parseTeamBoardSearchParams(sp);
  const db = await getDb();
  const timeZone = await orForbidden(getViewerTimeZone(db, viewer), path);
  const board = await orForbidden(getTeamBoard(db, viewer, { period, from, to, timeZone }), path);
  const handicaps = await listManagedHandicaps(db, viewer);
  const L = viewer.locale;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{tr(L, "teams.title")}</h1>
          <p className="muted" data-testid="period-label">
            {localPeriodLabel(L, board.period)}
          </p>
        </div>
        <PeriodTabs basePath="/teams" current={period} locale={viewer.locale} from={from} to={to} />
      </div>

      <section className="card">
        <h2>{tr(L, "teams.csat")}</h2>
        <p className="muted small">
          {tr(L, "teams.csatIntro", { n: board.minSample })}
        </p>
        <div className="table-wrap">
          <table className="board" data-testid="team-csat">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {tr(L, "board.rank")}
                </th>
                <th scope="col">{tr(L, "board.team")}</th>
                <th scope="col" className="num">
                  {tr(L, "teams.average")}
                </th>
                <th scope="col" className="num">
                  {tr(L, "teams.handicap")}
                </th>
                <th scope="col" className="num">
                  {tr(L, "teams.handicapped")}
                </th>
                <th scope="col" className="num">
                  {tr(L, "teams.ratings")}
                </th>
                <th scope="col" className="num" title={tr(L, "teams.fiveStarsHint")}>
                  5★
                </th>
                <th scope="col" className="num" title={tr(L, "teams.scoreHint")}>
                  {tr(L, "teams.score")}
                </th>
              </tr>
            </thead>
            <tbody>
              {board.byCsat.map((t) => (
                <tr
                  key={t.teamId}
                  data-testid="team-csat-row"
                  data-team-id={t.teamId}
                  data-rank={t.rank ?? undefined}
                  data-own={t.isOwn ? "true" : undefined}
                  className={[t.isOwn ? "own" : "", t.rank === null ? "unranked" : ""].join(" ").trim() || undefined}
                >
                  <td className="num rank">
                    {t.rank === null ? (
                      <span className="muted" title={tr(L, "teams.fewer", { n: board.minSample })}>
                        –
                      </span>
                    ) : (
                      <span data-testid="rank">{t.rank}</span>
                    )}
                    {t.crown && <Crown locale={L} />}
                  </td>
                  <td className="name">{t.name}</td>
                  <td className="num" data-testid="csat-average">
                    {formatAverage(t.average, L)}
                  </td>
                  <td className="num">{t.handicap === 0 ? "—" : formatSigned(t.handicap, L)}</td>
                  <td className="num strong" data-testid="csat-handicapped">
                    {formatAverage(t.handicappedAverage, L)}
                  </td>
                  <td className="num" data-testid="csat-count">
                    {t.ratings}
                  </td>
                  <td className="num">{t.fiveStars}</td>
                  <td className="num muted">{t.score === null ? tr(L, "teams.notRanked") : formatAverage(t.score, L)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card">
        <h2>{tr(L, "teams.points")}</h2>
        <p className="muted small">
          {tr(L, "teams.pointsIntro")}
        </p>
        <div className="table-wrap">
          <table className="board" data-testid="team-points">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {tr(L, "board.rank")}
                </th>
                <th scope="col">{tr(L, "board.team")}</th>
                <th scope="col" className="num">
                  {tr(L, "teams.points")}
                </th>
                <th scope="col" className="num">
                  {tr(L, "teams.engineers")}
                </th>
                <th scope="col" className="num">
                  {tr(L, "teams.perEngineer")}
                </th>
                <th scope="col" className="num">
                  {tr(L, "teams.factor")}
                </th>
                <th scope="col" className="num">
                  {tr(L, "teams.rankedOn")}
                </th>
              </tr>
            </thead>
            <tbody>
              {board.byPoints.map((t) => (
                <tr
                  key={t.teamId}
                  data-testid="team-points-row"
                  data-team-id={t.teamId}
                  data-rank={t.rank}
                  data-own={t.isOwn ? "true" : undefined}
                  className={t.isOwn ? "own" : undefined}
                >
                  <td className="num rank">
                    <span data-testid="rank">{t.rank}</span>
                    {t.crown && <Crown locale={L} />}
                  </td>
                  <td className="name">{t.name}</td>
                  <td className="num">{formatPoints(t.points, L)}</td>
                  <td className="num">{t.engineers}</td>
                  <td className="num">{t.pointsPerEngineer === null ? "—" : formatPoints(t.pointsPerEngineer, L)}</td>
                  <td className="num">{t.factor === 1 ? "—" : `×${formatPoints(t.factor, L)}`}</td>
                  <td className="num strong">{formatPoints(t.adjustedPoints, L)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {handicaps.teams.length > 0 && (
        <section className="card" data-testid="handicap-settings">
          <h2>{tr(L, "teams.handicaps")}</h2>
          <p className="muted small">
            {tr(L, "teams.handicapsIntro")}
          </p>
          {handicaps.teams.map((t) => (
            <TeamHandicapForm key={t.teamId} {...t} rulesMode={handicaps.rulesMode} tx={texts(L, "hcForm.")} />
          ))}
        </section>
      )}
    </>
  );
}
