import { t as tr } from "@/lib/i18n";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { avg, hours, pct } from "@/app/components/quality-format";
import { TrendChart } from "@/app/components/trend-chart";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { localPeriodLabel } from "@/lib/i18n/period-label";
import { getTeamDrilldown } from "@/lib/directors/queries";
import { orForbidden, pathWithQuery, type SearchParams } from "../../../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Team quality" };

export default async function TeamDrilldownPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  const sp = await searchParams;
  const path = pathWithQuery(`/directors/teams/${id}`, sp);
  const viewer = await requirePageViewer(path);
  const L = viewer.locale;
  if (!/^\d+$/.test(id)) notFound();
  const d = await orForbidden(getTeamDrilldown(await getDb(), viewer, { teamId: Number(id), quarter: typeof sp.quarter === "string" ? sp.quarter : undefined }), path);
  const csv = (table: string) => `/api/directors/export?table=${table}&quarter=${d.key}&teamId=${d.team.id}`;
  // The chart's series names are its legend: in the viewer's language.
  const avgSeries = tr(L, "dir.average_csat");
  const fiveSeries = `${tr(L, "dir.five_star_share")} ×5`;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{d.team.name}</h1>
          <p className="muted">
            {localPeriodLabel(L, d.quarter)} · <Link href={`/directors?quarter=${d.key}`}>{tr(L, "dir.all_teams")}</Link>
          </p>
        </div>
      </div>
      <section className="card">
        <div className="card-head">
          <h2>{tr(L, "dir.engineers")}</h2>
          <a href={csv("engineers")} className="small" data-testid="csv-engineers" download>
            {tr(L, "dir.download_csv")}
          </a>
        </div>
        <div className="table-wrap">
          <table data-testid="drilldown-engineers">
            <thead>
              <tr>
                <th scope="col">{tr(L, "dir.engineer")}</th>
                <th scope="col" className="num">{tr(L, "dir.average_csat")}</th>
                <th scope="col" className="num">{tr(L, "dir.ratings")}</th>
                <th scope="col" className="num">{tr(L, "dir.five_star_share")}</th>
                <th scope="col" className="num">{tr(L, "dir.solved")}</th>
                <th scope="col" className="num">{tr(L, "dir.reopen_rate")}</th>
                <th scope="col" className="num">{tr(L, "dir.median_resolution")}</th>
                <th scope="col" className="num">{tr(L, "dir.response_rate")}</th>
              </tr>
            </thead>
            <tbody>
              {d.engineers.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/engineers/${r.id}`}>{r.name}</Link>
                  </td>
                  <td className="num">{avg(r.average, L)}</td>
                  <td className="num">{r.ratings}</td>
                  <td className="num">{pct(r.fiveStarShare, L)}</td>
                  <td className="num">{r.solved}</td>
                  <td className="num">{pct(r.reopenRate, L)}</td>
                  <td className="num">{hours(r.medianResolutionHours, L)}</td>
                  <td className="num">{pct(r.responseRate, L)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card">
        <div className="card-head">
          <h2>{tr(L, "dir.last_eight_quarters")}</h2>
          <a href={csv("team-trend")} className="small" data-testid="csv-team-trend" download>
            {tr(L, "dir.download_csv")}
          </a>
        </div>
        <TrendChart
          testId="drilldown-trend"
          rows={d.trend.map((t) => ({ quarter: t.quarter, [avgSeries]: t.average, [fiveSeries]: t.fiveStarShare === null ? null : Math.round(t.fiveStarShare * 500) / 100 }))}
          series={[avgSeries, fiveSeries]}
        />
        <div className="table-wrap">
          <table className="small">
            <thead>
              <tr>
                <th scope="col">{tr(L, "dir.quarter")}</th>
                <th scope="col" className="num">{tr(L, "dir.average")}</th>
                <th scope="col" className="num">{tr(L, "dir.ratings")}</th>
                <th scope="col" className="num">{tr(L, "dir.reopen_rate")}</th>
                <th scope="col" className="num">{tr(L, "dir.median_resolution")}</th>
                <th scope="col" className="num">{tr(L, "dir.response_rate")}</th>
              </tr>
            </thead>
            <tbody>
              {d.trend.map((t) => (
                <tr key={t.quarter}>
                  <td>{t.quarter}</td>
                  <td className="num">{avg(t.average, L)}</td>
                  <td className="num">{t.ratings}</td>
                  <td className="num">{pct(t.reopenRate, L)}</td>
                  <td className="num">{hours(t.medianResolutionHours, L)}</td>
                  <td className="num">{pct(t.responseRate, L)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
