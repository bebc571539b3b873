import { t as tr } from "@/lib/i18n";
import type { Metadata } from "next";
import Link from "next/link";
import { avg, hours, pct } from "@/app/components/quality-format";
import { TrendChart } from "@/app/components/trend-chart";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { getDirectorsView, quarterKey } from "@/lib/directors/queries";
import { nextPeriod } from "@/lib/periods";
import { localPeriodLabel } from "@/lib/i18n/period-label";
import { orForbidden, pathWithQuery, type SearchParams } from "../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Directors" };

function Csv({ table, quarter, label }: { table: string; quarter: string; label: string }) {
  return (
    <a href={`/api/directors/export?table=${table}&quarter=${quarter}`} className="small" data-testid={`csv-${table}`} download>
      {label}
    </a>
  );
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
        <nav className="tabs" aria-label="Quarter">
          <Link href={`/directors?quarter=${quarterKey(v.previous)}`}>← {localPeriodLabel(L, v.previous)}</Link>
          {next.start <= new Date() && <Link href={`/directors?quarter=${quarterKey(next)}`}>{localPeriodLabel(L, next)} →</Link>}
        </nav>
      </div>

      <section className="card">
        <div className="card-head">
          <h2>{tr(L, "dir.quality_by_team")}</h2>
          <Csv table="teams" quarter={v.key} label={tr(L, "dir.download_csv")} />
        </div>
        <div className="table-wrap">
          <table data-testid="directors-teams">
            <thead>
              <tr>
                <th scope="col">{tr(L, "dir.team")}</th>
                <th scope="col" className="num">{tr(L, "dir.average_csat")}</th>
                <th scope="col" className="num">{tr(L, "dir.ratings")}</th>
                <th scope="col" className="num">{tr(L, "dir.five_star_share")}</th>
                <th scope="col" className="num">{tr(L, "dir.reopen_rate")}</th>
                <th scope="col" className="num">{tr(L, "dir.median_resolution")}</th>
                <th scope="col" className="num">{tr(L, "dir.rating_response_rate")}</th>
              </tr>
            </thead>
            <tbody>
              {v.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/directors/teams/${r.id}?quarter=${v.key}`}>{r.name}</Link>
                  </td>
                  <td className="num">{avg(r.average, L)}</td>
                  <td className="num">{r.ratings}</td>
                  <td className="num">{pct(r.fiveStarShare, L)}</td>
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
          <h2>{tr(L, "dir.quarter_over_quarter")}</h2>
          <Csv table="comparison" quarter={v.key} label={tr(L, "dir.download_csv")} />
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
          <Csv table="trend" quarter={v.key} label={tr(L, "dir.download_csv")} />
        </div>
        <TrendChart testId="directors-trend" rows={v.trend.map((t) => ({ quarter: t.quarter, ...t.values }))} series={v.teams.map((t) => t.name)} />
      </section>
    </>
  );
}
