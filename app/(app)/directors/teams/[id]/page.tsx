import { intlTag, t as tr } from "@/lib/i18n";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CsvLink, QualityTable } from "@/app/components/quality-table";
import { TrendChart } from "@/app/components/trend-chart";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { localPeriodLabel } from "@/lib/i18n/period-label";
import { getTeamDrilldown } from "@/lib/directors/queries";
import { orForbidden, pathWithQuery, type SearchParams } from "../../../_lib/guard";
import { titled } from "../../../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.teamQuality");

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
          <CsvLink href={csv("engineers")} table="engineers" L={L} />
        </div>
        <QualityTable
          L={L}
          testId="drilldown-engineers"
          rows={d.engineers}
          rowKey={(r) => r.id}
          first={{ head: "dir.engineer", cell: (r) => <Link href={`/engineers/${r.id}`}>{r.name}</Link> }}
          columns={[
            ["average", "dir.average_csat"],
            ["ratings", "dir.ratings"],
            ["fiveStarShare", "dir.five_star_share"],
            ["solved", "dir.solved"],
            ["reopenRate", "dir.reopen_rate"],
            ["medianResolutionHours", "dir.median_resolution"],
            ["responseRate", "dir.response_rate"],
          ]}
        />
      </section>
      <section className="card">
        <div className="card-head">
          <h2>{tr(L, "dir.last_eight_quarters")}</h2>
          <CsvLink href={csv("team-trend")} table="team-trend" L={L} />
        </div>
        <TrendChart
          intlTag={intlTag(L)}
          testId="drilldown-trend"
          rows={d.trend.map((t, i) => ({ quarter: localPeriodLabel(L, d.quarters[i]!), [avgSeries]: t.average, [fiveSeries]: t.fiveStarShare === null ? null : Math.round(t.fiveStarShare * 500) / 100 }))}
          series={[avgSeries, fiveSeries]}
          caption={tr(L, "dir.byQuarter", { series: `${avgSeries}, ${fiveSeries}` })}
        />
        <QualityTable
          L={L}
          className="small"
          rows={d.trend.map((t, i) => ({ ...t, quarter: localPeriodLabel(L, d.quarters[i]!) }))}
          rowKey={(t) => t.quarter}
          first={{ head: "dir.quarter", cell: (t) => t.quarter }}
          columns={[
            ["average", "dir.average"],
            ["ratings", "dir.ratings"],
            ["reopenRate", "dir.reopen_rate"],
            ["medianResolutionHours", "dir.median_resolution"],
            ["responseRate", "dir.response_rate"],
          ]}
        />
      </section>
    </>
  );
}
