import Link from "next/link";
import { Crown } from "@/app/components/crown";
import { intlTag, t, texts } from "@/lib/i18n";
import { dateTimeFormat } from "@/lib/i18n/intl-cache";
import { localBadgeLabel } from "@/lib/i18n/badge-label";
import { localDayMonth, localPeriodLabel } from "@/lib/i18n/period-label";
import { getEngineerBadges, getEngineerExtras } from "@/lib/queries";
import { notFound } from "next/navigation";
import { DisputeControl, DisputeTexts } from "@/app/components/dispute-control";
import { DisputeOutcome } from "@/app/components/dispute-outcome";
import { formatDate, formatPoints } from "@/app/components/format";
import { GoalForm } from "@/app/components/goal-form";
import { PointsChart } from "@/app/components/points-chart";
import { ProgressChart } from "@/app/components/progress-chart";
import { StateBadge } from "@/app/components/state-badge";
import { getDb } from "@/db/client";
import { canSetPersonalGoal } from "@/lib/auth/policy";
import { requirePageViewer } from "@/lib/auth/session";
import { getPersonalGoal } from "@/lib/goals/goals";
import { cumulativeFrom, fullWeek, weeklyGoalLine, weeksInQuarter } from "@/lib/goals/progress";
import { getEngineerDetail, parseId } from "@/lib/queries";
import { orForbidden, pathWithQuery, type SearchParams } from "../../_lib/guard";
import { titled } from "../../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.engineer");

const LEDGER_PAGE = 25;

export default async function EngineerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id: rawId } = await params;
  const sp = await searchParams;
  const base = `/engineers/${encodeURIComponent(rawId)}`;
  const path = pathWithQuery(base, sp);
  // ?page=N: the ledger's Nth page of LEDGER_PAGE rows (anything else is the first page).
  const pageNo = Math.min(Math.max(1, Number.parseInt(String(sp.page ?? "1"), 10) || 1), 10_000);
  const viewer = await requirePageViewer(path);
  const L = viewer.locale;
  const disputeTexts = texts(L, "dispForm.");
  const id = parseId(rawId);
  if (id === null) notFound();
  const db = await getDb();
  const detail = await orForbidden(getEngineerDetail(db, viewer, id, { recentLimit: LEDGER_PAGE, recentOffset: (pageNo - 1) * LEDGER_PAGE }), path);
  if (!detail) notFound();
  const [extras, goal, badgeRows] = await Promise.all([
    orForbidden(getEngineerExtras(db, viewer, detail.engineer.id), path),
    orForbidden(getPersonalGoal(db, viewer, detail.engineer.id), path),
    getEngineerBadges(db, viewer, detail.engineer.id),
  ]);
  const { engineer: e, points, periods, timeZone } = detail;
  const won = e.crownsWon;
  const isSelf = viewer.engineerId === e.id;
  const fp = (n: number) => formatPoints(n, L);
  // One presentation of the weekly quota: issue #3's state (weekly_quotas, else the rules' quota).
  const quota = detail.quota;
  const dayLabel = dateTimeFormat(intlTag(L), { timeZone: "UTC", weekday: "short", day: "numeric" });
  const progress = fullWeek(
    cumulativeFrom(detail.daily, periods.week.startDate).map((p) => ({ ...p, label: dayLabel.format(new Date(`${p.date}T12:00:00Z`)) })),
    periods.week.startDate,
    (date) => dayLabel.format(new Date(`${date}T12:00:00Z`)),
  );
  const goalLine = weeklyGoalLine(goal, weeksInQuarter(periods.quarter.startDate, addDay(periods.quarter.lastDate)));
  const goalSoFar = goal ? (goal.period === "week" ? points.week : points.quarter) : 0;

  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="engineer-name">
            {e.name}
            {isSelf && <span className="you"> {t(L, "eng.you")}</span>}
            {!e.active && <span className="badge badge-muted">{t(L, "eng.inactive")}</span>}
          </h1>
          <p className="muted">
            {e.teamName ?? t(L, "eng.noTeam")} · {e.lineName ? `${e.lineName} (${e.lineCode})` : t(L, "eng.noLine")}
          </p>
          {e.skills.length > 0 && (
            <ul className="chips" aria-label={t(L, "eng.skills")}>
              {e.skills.map((s) => (
                <li key={s.id} className="chip">
                  {s.name}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <div className="stats">
        <div className="stat card" data-testid="points-today">
          <span className="stat-label">{t(L, "eng.today")}</span>
          <span className="stat-value">{fp(points.today)}</span>
          <span className="muted small">{localPeriodLabel(L, periods.today)}</span>
        </div>
        <div className="stat card" data-testid="points-week">
          <span className="stat-label">{t(L, "eng.week")}</span>
          <span className="stat-value">{fp(points.week)}</span>
          <span className="muted small">{localPeriodLabel(L, periods.week)}</span>
          <span className="small" data-testid="quota-state" data-met={quota.met ? "true" : "false"}>
            {quota.quota <= 0
              ? t(L, "eng.noQuota")
              : t(L, quota.met ? "eng.quotaMet" : "eng.quotaOf", { points: fp(quota.points), quota: fp(quota.quota) })}
          </span>
        </div>
        <div className="stat card" data-testid="points-quarter">
          <span className="stat-label">{t(L, "eng.quarter")}</span>
          <span className="stat-value">{fp(points.quarter)}</span>
          <span className="muted small">{localPeriodLabel(L, periods.quarter)}</span>
        </div>
      </div>

      <section className="card" data-testid="progress">
        <h2>{t(L, "eng.progress")}</h2>
        <ProgressChart
          data={progress}
          quota={quota.quota}
          goal={goalLine}
          intlTag={intlTag(L)}
          text={{ points: t(L, "board.points"), quota: t(L, "eng.quotaLine"), goal: t(L, "eng.goalLine"), caption: t(L, "eng.chartCaption") }}
        />
        <h3>{t(L, "eng.goal")}</h3>
        <p data-testid="goal-state" data-goal={goal ? `${goal.period}:${goal.points}` : ""}>
          {!goal
            ? t(L, "eng.goalNone")
            : t(L, goal.period === "week" ? "eng.goalWeek" : "eng.goalQuarter", { goal: fp(goal.points), points: fp(goalSoFar), pace: fp(goalLine ?? 0) })}
          {goal && goalSoFar >= goal.points && <span className="badge"> ✓ {t(L, "eng.goalMet")}</span>}
        </p>
        {canSetPersonalGoal(viewer, e) && (
          <GoalForm
            engineerId={e.id}
            period={goal?.period ?? "week"}
            points={goal?.points ?? null}
            text={{
              label: t(L, "eng.goalLabel"),
              week: t(L, "eng.goalPerWeek"),
              quarter: t(L, "eng.goalPerQuarter"),
              save: t(L, "common.save"),
              saving: t(L, "common.saving"),
              saved: t(L, "common.saved"),
              hint: t(L, "eng.goalHint"),
            }}
          />
        )}
      </section>

      <section className="card" data-testid="badges">
        <h2>{t(L, "eng.badges")}</h2>
        <p data-testid="crowns-won">
          {won > 0 && <Crown locale={L} />} {t(L, "crowns.won")}: <strong>{won}</strong>
        </p>
        {badgeRows.length === 0 ? (
          <p className="muted">{t(L, "eng.noBadges")}</p>
        ) : (
          <ul className="chips">
            {badgeRows.map((b) => (
              <li key={b.id} className="chip" data-testid="badge" data-kind={b.kind} title={formatDate(b.awardedAt, timeZone, L)}>
                {localBadgeLabel(L, b)}
                {b.team && <span className="muted small"> · {e.teamName}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" data-testid="customer-comments">
        <h2>{t(L, "eng.comments")}</h2>
        {extras.comments.length === 0 ? (
          <p className="muted">{t(L, "eng.noComments")}</p>
        ) : (
          <ul className="comments">
            {extras.comments.map((c, i) => (
              <li key={i}>
                <strong>{"★".repeat(Math.round(c.score))}</strong> “{c.comment}”{" "}
                <span className="muted small">
                  {c.ticketExternalId ? `#${c.ticketExternalId} · ` : ""}
                  {formatDate(c.ratedAt, timeZone, L)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card">
        <h2>{t(L, "eng.daily")}</h2>
        <PointsChart data={detail.daily.map((d) => ({ ...d, label: localDayMonth(L, d) }))} intlTag={intlTag(L)} text={{ points: t(L, "board.points"), caption: t(L, "eng.dailyCaption") }} />
      </section>

      <section className="card">
        <h2>{t(L, "eng.recent")}</h2>
        {detail.recent.length === 0 ? (
          <p className="muted" data-testid="ledger-empty">
            {t(L, "eng.noPoints")}
          </p>
        ) : (
          <DisputeTexts tx={disputeTexts}>
            <div className="table-wrap">
              <table className="ledger" data-testid="ledger">
                <thead>
                  <tr>
                    <th scope="col">{t(L, "eng.solved")}</th>
                    <th scope="col">{t(L, "eng.ticket")}</th>
                    <th scope="col" className="num">
                      {t(L, "board.points")}
                    </th>
                    <th scope="col">{t(L, "eng.state")}</th>
                    <th scope="col">{t(L, "eng.why")}</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.recent.map((r) => (
                    <tr key={r.id} data-testid="ledger-row" data-ledger-id={r.id} data-state={r.state} className={`state-${r.state}`}>
                      <td className="nowrap">{formatDate(r.earnedAt, timeZone, L)}</td>
                      <td>
                        <span className="ticket-id">#{r.ticketExternalId}</span> {r.subject || <span className="muted">{t(L, "eng.noSubject")}</span>}
                        <span className="muted small"> · {r.connectionName}</span>
                      </td>
                      <td className="num strong" data-testid="ledger-points">
                        {fp(r.points)}
                      </td>
                      <td>
                        <StateBadge state={r.state} locale={L} />
                      </td>
                      <td className="why" data-testid="ledger-why">
                        {r.explanation}
                        {r.dispute && <DisputeOutcome d={r.dispute} locale={L} />}
                        {/* The engineer themself disputes a row; one open dispute per row. */}
                        {isSelf && r.dispute?.status !== "open" && <DisputeControl ledgerId={r.id} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </DisputeTexts>
        )}
        {(pageNo > 1 || detail.recentPage.hasOlder) && (
          <nav className="pager" aria-label={t(L, "eng.recent")} data-testid="ledger-pager">
            {pageNo > 1 ? (
              <Link href={pageNo === 2 ? base : `${base}?page=${pageNo - 1}`} data-testid="ledger-newer">
                {t(L, "eng.newer")}
              </Link>
            ) : (
              <span />
            )}
            <span className="muted small">
              {t(L, "eng.rowsShown", { from: detail.recentPage.offset + 1, to: detail.recentPage.offset + detail.recent.length })}
            </span>
            {detail.recentPage.hasOlder ? (
              <Link href={`${base}?page=${pageNo + 1}`} data-testid="ledger-older">
                {t(L, "eng.older")}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
        <p className="muted small">{t(L, "eng.timesIn", { tz: timeZone })}</p>
      </section>
    </>
  );
}

/** The day after a YYYY-MM-DD date (the quarter's exclusive end). */
function addDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
