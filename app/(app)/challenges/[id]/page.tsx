import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BurnupChart } from "@/app/components/burnup-chart";
import { ChallengeStateBadge } from "@/app/components/challenge-state";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { describeContributor } from "@/lib/challenges/contributors";
import { getChallengeView } from "@/lib/challenges/queries";
import type { Metric } from "@/lib/challenges/types";
import { formatFixed, intlTag, t, texts } from "@/lib/i18n";
import { num, word } from "@/lib/i18n/plural";
import { orForbidden } from "../../_lib/guard";
import { titled } from "../../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.challenge");

/** A metric's value in the viewer's number format (decimal comma in Russian). */
function formatValue(L: string, metric: Metric, v: number | null): string {
  if (v === null) return "—";
  if (metric === "avg_csat") return formatFixed(L, v, 3);
  if (metric === "reopen_rate_max") return `${num(L, Math.round(v * 10) / 10, 1)} %`;
  if (metric === "median_resolution_max") return `${num(L, Math.round(v * 10) / 10, 1)}${t(L, "unit.hoursShort")}`;
  return num(L, Math.round(v * 100) / 100);
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
  const unit = t(L, `chPage.unit.${metric}`);
  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="challenge-name">{c.name}</h1>
          <p className="muted">
            {c.teamName ?? t(L, "ch.allTeams")} · {t(L, c.scope === "engineer" ? "ch.personalGoal" : "ch.teamGoal")} · {t(L, `ch.metric.${metric}`)}{" "}
            {formatValue(L, metric, c.target)}
            {c.minCount > 0 ? t(L, "chPage.overAtLeast", { n: num(L, c.minCount), unit: word(L, c.minCount, metric === "avg_csat" ? "unit.rating" : "unit.solvedTicket") }) : ""} · {c.periodStart} → {c.periodEnd}
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
              {formatValue(L, metric, shown.value)}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">{unit}</span>
            <span className="stat-value" data-testid="challenge-progress">
              {num(L, Math.round(shown.progress * 100) / 100)}
              {shown.progressGoal > 0 ? ` / ${num(L, shown.progressGoal)}` : ""}
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
        <BurnupChart data={shown.series} goal={shown.progressGoal} unit={unit} today={view.today} text={texts(L, "burnup.")} tag={intlTag(L)} />
        <p className="muted small">
          {t(L, "chPage.caption", { unit: unit.toLowerCase(), goal: num(L, shown.progressGoal), projected: num(L, Math.round(shown.projected * 10) / 10) })}
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
                    <td className="num">{formatValue(L, metric, p.evaluation.value)}</td>
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
              <li key={ct.engineerId}>{describeContributor(ct, L)}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
