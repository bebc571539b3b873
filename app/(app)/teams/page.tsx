import type { Metadata } from "next";
import { Crown } from "@/app/components/crown";
import { formatAverage, formatPoints, formatSigned } from "@/app/components/format";
import { PeriodTabs } from "@/app/components/period-tabs";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { getTeamBoard, getViewerTimeZone, parseTeamBoardSearchParams } from "@/lib/queries";
import { orForbidden, pathWithQuery, type SearchParams } from "../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const path = pathWithQuery("/teams", sp);
  const viewer = await requirePageViewer(path);
  const { period } = parseTeamBoardSearchParams(sp);
  const db = await getDb();
  const timeZone = await orForbidden(getViewerTimeZone(db, viewer), path);
  const board = await orForbidden(getTeamBoard(db, viewer, { period, timeZone }), path);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Teams</h1>
          <p className="muted" data-testid="period-label">
            {board.period.label}
          </p>
        </div>
        <PeriodTabs basePath="/teams" current={period} />
      </div>

      <section className="card">
        <h2>Customer rating</h2>
        <p className="muted small">
          Average rating 1–5 of the engineers of each team in the period, with the team&apos;s handicap. Teams rank by a
          cautious score — the 95&nbsp;% lower bound of their average plus the handicap — so a few lucky ratings never beat
          many good ones. Teams with fewer than {board.minSample} ratings are listed without a rank.
        </p>
        <div className="table-wrap">
          <table className="board" data-testid="team-csat">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Rank
                </th>
                <th scope="col">Team</th>
                <th scope="col" className="num">
                  Average
                </th>
                <th scope="col" className="num">
                  Handicap
                </th>
                <th scope="col" className="num">
                  With handicap
                </th>
                <th scope="col" className="num">
                  Ratings
                </th>
                <th scope="col" className="num" title="Five-star ratings">
                  5★
                </th>
                <th scope="col" className="num" title="Lower bound of the average plus the handicap: what the rank sorts by">
                  Score
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
                      <span className="muted" title={`Fewer than ${board.minSample} ratings`}>
                        –
                      </span>
                    ) : (
                      <span data-testid="rank">{t.rank}</span>
                    )}
                    {t.crown && <Crown />}
                  </td>
                  <td className="name">{t.name}</td>
                  <td className="num" data-testid="csat-average">
                    {formatAverage(t.average)}
                  </td>
                  <td className="num">{t.handicap === 0 ? "—" : formatSigned(t.handicap)}</td>
                  <td className="num strong" data-testid="csat-handicapped">
                    {formatAverage(t.handicappedAverage)}
                  </td>
                  <td className="num" data-testid="csat-count">
                    {t.ratings}
                  </td>
                  <td className="num">{t.fiveStars}</td>
                  <td className="num muted">{t.score === null ? "not ranked" : formatAverage(t.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card">
        <h2>Points</h2>
        <p className="muted small">
          Points earned by the team&apos;s engineers in the period. Teams rank by points × their points factor.
        </p>
        <div className="table-wrap">
          <table className="board" data-testid="team-points">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Rank
                </th>
                <th scope="col">Team</th>
                <th scope="col" className="num">
                  Points
                </th>
                <th scope="col" className="num">
                  Engineers
                </th>
                <th scope="col" className="num">
                  Per engineer
                </th>
                <th scope="col" className="num">
                  Factor
                </th>
                <th scope="col" className="num">
                  Ranked on
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
                    {t.crown && <Crown />}
                  </td>
                  <td className="name">{t.name}</td>
                  <td className="num">{formatPoints(t.points)}</td>
                  <td className="num">{t.engineers}</td>
                  <td className="num">{t.pointsPerEngineer === null ? "—" : formatPoints(t.pointsPerEngineer)}</td>
                  <td className="num">{t.factor === 1 ? "—" : `×${formatPoints(t.factor)}`}</td>
                  <td className="num strong">{formatPoints(t.adjustedPoints)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
