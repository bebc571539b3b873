import type { Metadata } from "next";
import { formatDateTime, formatDuration } from "@/app/components/format";
import { SyncNowForm } from "@/app/components/sync-now-form";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { getSyncStatus, getViewerTimeZone, type ConnectionStatus } from "@/lib/queries";
import { orForbidden } from "../../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sync status" };

const PATH = "/admin/sync";

export default async function SyncStatusPage() {
  const viewer = await requirePageViewer(PATH);
  const db = await getDb();
  // The admin check comes first: a non-admin learns nothing, not even the time zone lookup.
  const status = await orForbidden(getSyncStatus(db, viewer), PATH);
  const timeZone = await orForbidden(getViewerTimeZone(db, viewer), PATH);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Sync status</h1>
          <p className="muted">Helpdesk connections, where each stream stopped, and the latest runs. Times in {timeZone}.</p>
        </div>
      </div>
      {status.connections.length === 0 && (
        <p className="card empty" data-testid="no-connections">
          No helpdesk is connected yet.
        </p>
      )}
      {status.connections.map((c) => (
        <ConnectionCard key={c.id} c={c} timeZone={timeZone} />
      ))}
    </>
  );
}

function ConnectionCard({ c, timeZone }: { c: ConnectionStatus; timeZone: string }) {
  const rejects = c.runs.flatMap((r) => r.rejects.map((x, i) => ({ ...x, key: `${r.id}-${i}`, startedAt: r.startedAt })));
  const last = c.runs[0];
  return (
    <section className="card" data-testid="connection" data-connection-id={c.id}>
      <div className="card-head">
        <h2>
          {c.name} <span className="muted small">{c.kind}</span>{" "}
          <span className={`badge ${c.enabled ? "badge-confirmed" : "badge-muted"}`} data-testid="connection-enabled">
            {c.enabled ? "enabled" : "disabled"}
          </span>
        </h2>
        <SyncNowForm connectionId={c.id} disabled={!c.enabled} />
      </div>
      {!c.enabled && <p className="muted small">Disabled: neither the schedule nor “Sync now” fetches from it.</p>}
      <p className="small">
        {last ? (
          <>
            Last run <RunStatus status={last.status} /> {formatDateTime(last.startedAt, timeZone)}
          </>
        ) : (
          <span className="muted">Never synced.</span>
        )}
      </p>
      {c.cursors.length > 0 && (
        <dl className="cursors" data-testid="cursors">
          {c.cursors.map((k) => (
            <div key={k.stream}>
              <dt>{k.stream}</dt>
              <dd>
                <code>{k.cursor}</code> <span className="muted small">updated {formatDateTime(k.updatedAt, timeZone)}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {c.runs.length > 0 && (
        <div className="table-wrap">
          <table className="runs" data-testid="sync-runs">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col" className="num">
                  Duration
                </th>
                <th scope="col" className="num">
                  Pages
                </th>
                <th scope="col" className="num">
                  Tickets
                </th>
                <th scope="col" className="num">
                  Ratings
                </th>
                <th scope="col" className="num">
                  Rejected
                </th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {c.runs.map((r) => (
                <tr key={r.id} data-testid="sync-run-row" data-run-id={r.id} data-status={r.status}>
                  <td>
                    <RunStatus status={r.status} />
                  </td>
                  <td className="nowrap">{formatDateTime(r.startedAt, timeZone)}</td>
                  <td>{r.trigger}</td>
                  <td className="num nowrap">{formatDuration(r.durationMs)}</td>
                  <td className="num">{r.pages}</td>
                  <td className="num">{r.ticketsStored}</td>
                  <td className="num">{r.ratingsStored}</td>
                  <td className={`num${r.rejected > 0 ? " warn" : ""}`}>{r.rejected}</td>
                  <td className="error-cell">{r.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rejects.length > 0 && (
        <details className="rejects">
          <summary>
            Rejected records ({rejects.length} shown from the last {c.runs.length} runs)
          </summary>
          <table data-testid="sync-rejects">
            <thead>
              <tr>
                <th scope="col">Run started</th>
                <th scope="col">Stream</th>
                <th scope="col">Record</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {rejects.map((x) => (
                <tr key={x.key} data-testid="sync-reject-row">
                  <td className="nowrap">{formatDateTime(x.startedAt, timeZone)}</td>
                  <td>{x.stream}</td>
                  <td>
                    <code>{x.externalId ?? "—"}</code>
                  </td>
                  <td>{x.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

function RunStatus({ status }: { status: string }) {
  return (
    <span className={`badge badge-run-${status}`} data-testid="run-status">
      {status}
    </span>
  );
}
