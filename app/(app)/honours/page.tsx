import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/app/components/action-form";
import { getDb } from "@/db/client";
import { createNominationAction } from "@/lib/actions/boards";
import { requirePageViewer } from "@/lib/auth/session";
import { formatNumber, t } from "@/lib/i18n";
import { localPeriodLabel } from "@/lib/i18n/period-label";
import { NOMINATION_METRICS, METRIC_IDS } from "@/lib/nominations/metrics";

type MetricId = (typeof METRIC_IDS)[number];
import { getHonourBoard } from "@/lib/nominations/service";
import { getBoardOptions } from "@/lib/queries";
import { orForbidden } from "../_lib/guard";
import { titled } from "../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.honours");

export default async function HonoursPage() {
  const viewer = await requirePageViewer("/honours");
  const db = await getDb();
  const [board, options] = await orForbidden(Promise.all([getHonourBoard(db, viewer), getBoardOptions(db, viewer)]), "/honours");
  const L = viewer.locale;
  const manages = viewer.role === "lead" || viewer.role === "admin";
  return (
    <>
      <div className="page-head">
        <h1>{t(L, "hon.title")}</h1>
      </div>
      {board.length === 0 && <p className="card empty">{t(L, "hon.none")}</p>}
      {board.map((n) => (
        <section key={n.id} className="card" data-testid="nomination">
          <h2>
            {n.name} <span className="muted small">· {n.metric in NOMINATION_METRICS ? t(L, `nomMetric.${n.metric as MetricId}`) : n.metric} · {t(L, n.periodKind === "year" ? "period.year" : n.periodKind === "quarter" ? "period.quarter" : "period.month")}</span>
          </h2>
          {n.winners.length === 0 ? (
            <p className="muted">{t(L, "hon.noWinner")}</p>
          ) : (
            <ul>
              {n.winners.map((w) => (
                <li key={w.periodStart}>
                  {localPeriodLabel(L, { kind: n.periodKind, startDate: w.periodStart, label: w.periodStart })}: <Link href={`/engineers/${w.engineerId}`}>{w.name}</Link> ({formatNumber(L, w.value)})
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {manages && (
        <section className="card">
          <h2>{t(L, "hon.new")}</h2>
          <ActionForm action={createNominationAction} testId="nomination-form" okText="✓">
            <label>
              {t(L, "hon.name")} <input name="name" required maxLength={80} />
            </label>
            <label>
              {t(L, "hon.metric")}
              <select name="metric">
                {METRIC_IDS.map((m) => (
                  <option key={m} value={m}>
                    {t(L, `nomMetric.${m}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t(L, "hon.period")}
              <select name="periodKind">
                <option value="month">{t(L, "hon.month")}</option>
                <option value="quarter">{t(L, "hon.quarter")}</option>
                <option value="year">{t(L, "hon.year")}</option>
              </select>
            </label>
            <label>
              {t(L, "hon.minSample")} <input name="minSample" type="number" min={0} defaultValue={5} />
            </label>
            <label>
              {t(L, "hon.team")}
              <select name="teamId" defaultValue={viewer.role === "lead" ? String(viewer.teamId ?? "") : ""}>
                {viewer.role === "admin" && <option value="">{t(L, "hon.allTeams")}</option>}
                {options.teams
                  .filter((tm) => viewer.role === "admin" || tm.id === viewer.teamId)
                  .map((tm) => (
                    <option key={tm.id} value={tm.id}>
                      {tm.name}
                    </option>
                  ))}
              </select>
            </label>
            <label>
              {t(L, "hon.line")}
              <select name="lineId">
                <option value="">{t(L, "hon.allLines")}</option>
                {options.lines.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.code}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t(L, "hon.create")}</button>
          </ActionForm>
        </section>
      )}
    </>
  );
}
