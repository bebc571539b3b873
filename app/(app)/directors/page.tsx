import { intlTag, t as tr } from "@/lib/i18n";
import type { Metadata } from "next";
import Link from "next/link";
import { avg } from "@/app/components/quality-format";
import { CsvLink, QualityTable } from "@/app/components/quality-table";
import { TrendChart } from "@/app/components/trend-chart";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { getDirectorsView, quarterKey } from "@/lib/directors/queries";
import { nextPeriod } from "@/lib/periods";
import { localPeriodLabel } from "@/lib/i18n/period-label";
import { orForbidden, pathWithQuery, type SearchParams } from "../_lib/guard";
import { titled } from "../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.directors");

function Csv({ table, quarter, L }: { table: string; quarter: string; L: string }) {
  return <CsvLink href={`/api/directors/export?table=${table}&quarter=${quarter}`} table={table} L={L} />;
}

export default async function DirectorsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const path = pathWithQuery("/directors", sp);
  const viewer = await requirePageViewer(path);
  const L = viewer.locale;
  const v = await orForbidden(getDirectorsView(await getDb(), viewer, { quarter: typeof sp.quarter === "string" ? sp.quarter : undefined }), path);
  const next = nextPeriod(v.quarter);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{tr(L, "dir.all_teams")}</h1>
          <p className="muted" data-testid="directors-quarter">
            {localPeriodLabel(L, v.quarter)} {tr(L, "dir.utc")}
          </p>
        </div>
        <nav className="tabs" aria-label={tr(L, "period.quarter")}>
          <Link href={`/directors?quarter=${quarterKey(v.previous)}`}>← {localPeriodLabel(L, v.previous)}</Link>
          {next.start <= new Date() && <Link href={`/directors?quarter=${quarterKey(next)}`}>{localPeriodLabel(L, next)} →</Link>}
        </nav>
      </div>

      <section className="card">
        <div className="card-head">
          <h2>{tr(L, "dir.quality_by_team")}</h2>
          <Csv table="teams" quarter={v.key} L={L} />
        </div>
        <QualityTable
          L={L}
          testId="directors-teams"
          rows={v.rows}
          rowKey={(r) => r.id}
          first={{ head: "dir.team", cell: (r) => <Link href={`/directors/teams/${r.id}?quarter=${v.key}`}>{r.name}</Link> }}
          columns={[
            ["average", "dir.average_csat"],
            ["ratings", "dir.ratings"],
            ["fiveStarShare", "dir.five_star_share"],
            ["reopenRate", "dir.reopen_rate"],
            ["medianResolutionHours", "dir.median_resolution"],
            ["responseRate", "dir.rating_response_rate"],
          ]}
        />
      </section>

      <section className="card">
        <div className="card-head">
          <h2>{tr(L, "dir.quarter_over_quarter")}</h2>
          <Csv table="comparison" quarter={v.key} L={L} />
        </div>
        <ul data-testid="directors-comparison">
          {v.rows.map((r) => {
            const y = v.lastYearRows.get(r.id);
            const p = v.previousRows.get(r.id);
            return (
              <li key={r.id}>
                <strong>{r.name}</strong>: {tr(L, "dir.cmpNow", { avg: avg(r.average, L), q: localPeriodLabel(L, v.quarter) })}
                {y?.average != null ? tr(L, "dir.cmpYear", { avg: avg(y.average, L), q: localPeriodLabel(L, v.lastYear) }) : tr(L, "dir.cmpNoYear", { q: localPeriodLabel(L, v.lastYear) })}
                {p?.average != null ? tr(L, "dir.cmpPrev", { avg: avg(p.average, L), q: localPeriodLabel(L, v.previous) }) : ""}.
              </li>
            );
          })}
        </ul>
      </section>

      <section className="card">
        <div className="card-head">
          <h2>{tr(L, "dir.average_csat_last_eight_quarters")}</h2>
          <Csv table="trend" quarter={v.key} L={L} />
        </div>
        <TrendChart
          intlTag={intlTag(L)}
          testId="directors-trend"
          rows={v.trend.map((t, i) => ({ quarter: localPeriodLabel(L, v.quarters[i]!), ...t.values }))}
          series={v.teams.map((t) => t.name)}
          caption={tr(L, "dir.byQuarter", { series: v.teams.map((t) => t.name).join(", ") })}
        />
      </section>
    </>
  );
}
