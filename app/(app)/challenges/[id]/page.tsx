import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BurnupChart } from "@/app/components/burnup-chart";
import { ChallengeStateBadge } from "@/app/components/challenge-state";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { describeContributor } from "@/lib/challenges/contributors";
import { fmtNum } from "@/lib/challenges/evaluate";
import { getChallengeView } from "@/lib/challenges/queries";
import type { Metric } from "@/lib/challenges/types";
import { t } from "@/lib/i18n";
import { orForbidden } from "../../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Challenge" };

const UNIT: Record<Metric, string> = {
  avg_csat: "Ratings",
  five_star_count: "Five-star ratings",
  points: "Points",
  reopen_rate_max: "Solved tickets",
  median_resolution_max: "Solved tickets",
  custom: "Matching tickets",
};

function formatValue(metric: Metric, v: number | null): string {
  if (v === null) return "—";
  if (metric === "avg_csat") return v.toFixed(3);
  if (metric === "reopen_rate_max") return `${fmtNum(Math.round(v * 10) / 10, 1)} %`;
  if (metric === "median_resolution_max") return `${fmtNum(Math.round(v * 10) / 10, 1)} h`;
  return fmtNum(Math.round(v * 100) / 100);
}

export default async function ChallengePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/challenges/${id}`;
  const viewer = await requirePageViewer(path);
  if (!/^\d+$/.test(id)) notFound();
  const view = await orForbidden(getChallengeView(await getDb(), viewer, { id: Number(id) }), path);
  const { challenge: c, evaluation: e } = view;
  const metric = c.metric as Metric;
  const own = view.personal.find((p) => p.engineerId === viewer.engineerId);
  const shown = own?.evaluation ?? e;
  const L = viewer.locale;
  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="challenge-name">{c.name}</h1>
          <p className="muted">
            {c.teamName ?? t(L, "ch.allTeams")} · {t(L, c.scope === "engineer" ? "ch.personalGoal" : "ch.teamGoal")} · {t(L, `ch.metric.${metric}`)}{" "}
            {formatValue(metric, c.target)}
            {c.minCount > 0 ? ` over at least ${c.minCount} ${metric === "avg_csat" ? "ratings" : "solved tickets"}` : ""} · {c.periodStart} → {c.periodEnd}
          </p>
        </div>
        {view.canEdit && (
          <Link href={`/challenges/${c.id}/edit`} className="button" data-testid="edit-challenge">
            {t(L, "ch.edit")}
          </Link>
        )}
      </div>

      <section className="card">
        <div className="stats">
          <div className="stat">
            <span className="stat-label">{t(L, "ch.state")}{own ? t(L, "ch.yours") : ""}</span>
            <span className="stat-value">
              <ChallengeStateBadge state={shown.state} locale={L} />
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">{t(L, "ch.now")}</span>
            <span className="stat-value" data-testid="challenge-value">
              {formatValue(metric, shown.value)}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">{UNIT[metric]}</span>
            <span className="stat-value" data-testid="challenge-progress">
              {fmtNum(Math.round(shown.progress * 100) / 100)}
              {shown.progressGoal > 0 ? ` / ${fmtNum(shown.progressGoal)}` : ""}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">{t(L, "ch.daysLeftLabel")}</span>
            <span className="stat-value" data-testid="days-left">
              {shown.daysLeft}
            </span>
          </div>
        </div>
        <p className="takes" data-testid="what-it-takes">
          {shown.whatItTakes}
        </p>
        <BurnupChart data={shown.series} goal={shown.progressGoal} unit={UNIT[metric]} today={view.today} />
        <p className="muted small">
          Solid line: {UNIT[metric].toLowerCase()} so far. Dashed grey: the pace that reaches {fmtNum(shown.progressGoal)} on the last day. Dotted
          orange: where the current pace ends ({fmtNum(Math.round(shown.projected * 10) / 10)}).
        </p>
      </section>

      {view.personal.length > 0 && (
        <section className="card">
          <h2>{t(L, "ch.eachEngineerTitle")}</h2>
          <div className="table-wrap">
            <table data-testid="personal-table">
              <thead>
                <tr>
                  <th scope="col">{t(L, "board.engineer")}</th>
                  <th scope="col" className="num">
                    {t(L, "ch.now")}
                  </th>
                  <th scope="col">{t(L, "ch.state")}</th>
                  <th scope="col">{t(L, "ch.whatItTakes")}</th>
                </tr>
              </thead>
              <tbody>
                {view.personal.map((p) => (
                  <tr key={p.engineerId} className={p.engineerId === viewer.engineerId ? "you" : undefined}>
                    <td>{p.name}</td>
                    <td className="num">{formatValue(metric, p.evaluation.value)}</td>
                    <td>
                      <ChallengeStateBadge state={p.evaluation.state} locale={L} />
                    </td>
                    <td className="small">{p.evaluation.whatItTakes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section className="card">
        <h2>{t(L, "ch.contributors")}</h2>
        <p className="muted small">{t(L, "ch.contributorsIntro", { day: view.today })}</p>
        {view.contributors.length === 0 ? (
          <p className="empty">{t(L, "ch.noContributors")}</p>
        ) : (
          <ul data-testid="contributors">
            {view.contributors.map((ct) => (
              <li key={ct.engineerId}>{describeContributor(ct)}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
