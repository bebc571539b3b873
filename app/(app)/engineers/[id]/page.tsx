import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DisputeControl } from "@/app/components/dispute-control";
import { DisputeOutcome } from "@/app/components/dispute-outcome";
import { formatDate, formatPoints } from "@/app/components/format";
import { PointsChart } from "@/app/components/points-chart";
import { StateBadge } from "@/app/components/state-badge";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { getEngineerDetail, parseId } from "@/lib/queries";
import { orForbidden } from "../../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Engineer" };

export default async function EngineerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const path = `/engineers/${encodeURIComponent(rawId)}`;
  const viewer = await requirePageViewer(path);
  const id = parseId(rawId);
  if (id === null) notFound();
  const detail = await orForbidden(getEngineerDetail(await getDb(), viewer, id), path);
  if (!detail) notFound();
  const { engineer: e, points, periods, timeZone } = detail;
  const isSelf = viewer.engineerId === e.id;

  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="engineer-name">
            {e.name}
            {isSelf && <span className="you"> (you)</span>}
            {!e.active && <span className="badge badge-muted">inactive</span>}
          </h1>
          <p className="muted">
            {e.teamName ?? "No team"} · {e.lineName ? `${e.lineName} (${e.lineCode})` : "No line"}
          </p>
          {e.skills.length > 0 && (
            <ul className="chips" aria-label="Skill groups">
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
          <span className="stat-label">Today</span>
          <span className="stat-value">{formatPoints(points.today)}</span>
          <span className="muted small">{periods.today.label}</span>
        </div>
        <div className="stat card" data-testid="points-week">
          <span className="stat-label">This week</span>
          <span className="stat-value">{formatPoints(points.week)}</span>
          <span className="muted small">{periods.week.label}</span>
        </div>
        <div className="stat card" data-testid="points-quarter">
          <span className="stat-label">This quarter</span>
          <span className="stat-value">{formatPoints(points.quarter)}</span>
          <span className="muted small">{periods.quarter.label}</span>
        </div>
      </div>

      <section className="card">
        <h2>Points per day</h2>
        <PointsChart data={detail.daily} />
      </section>

      <section className="card">
        <h2>Recent tickets</h2>
        {detail.recent.length === 0 ? (
          <p className="muted" data-testid="ledger-empty">
            No points yet.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="ledger" data-testid="ledger">
              <thead>
                <tr>
                  <th scope="col">Solved</th>
                  <th scope="col">Ticket</th>
                  <th scope="col" className="num">
                    Points
                  </th>
                  <th scope="col">State</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {detail.recent.map((r) => (
                  <tr key={r.id} data-testid="ledger-row" data-ledger-id={r.id} data-state={r.state} className={`state-${r.state}`}>
                    <td className="nowrap">{formatDate(r.earnedAt, timeZone)}</td>
                    <td>
                      <span className="ticket-id">#{r.ticketExternalId}</span> {r.subject || <span className="muted">(no subject)</span>}
                      <span className="muted small"> · {r.connectionName}</span>
                    </td>
                    <td className="num strong" data-testid="ledger-points">
                      {formatPoints(r.points)}
                    </td>
                    <td>
                      <StateBadge state={r.state} />
                    </td>
                    <td className="why" data-testid="ledger-why">
                      {r.explanation}
                      {r.dispute && <DisputeOutcome d={r.dispute} />}
                      {/* The engineer themself disputes a row; one open dispute per row. */}
                      {isSelf && r.dispute?.status !== "open" && <DisputeControl ledgerId={r.id} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted small">Times in {timeZone}.</p>
      </section>
    </>
  );
}
