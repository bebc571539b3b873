import { texts, t as tr, tValue } from "@/lib/i18n";
import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, formatDuration } from "@/app/components/format";
import { SyncNowForm } from "@/app/components/sync-now-form";
import { SyncProgress } from "@/app/components/sync-progress";
import { getDb } from "@/db/client";
import { describeSyncError } from "@/lib/connectors/http/sync-error";
import { requirePageViewer } from "@/lib/auth/session";
import { getSyncStatus, getViewerTimeZone, type ConnectionStatus } from "@/lib/queries";
import { orForbidden } from "../../_lib/guard";
import { titled } from "../../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.sync");

const PATH = "/admin/sync";

export default async function SyncStatusPage() {
  const viewer = await requirePageViewer(PATH);
  const L = viewer.locale;
  const db = await getDb();
  // The admin check comes first: a non-admin learns nothing, not even the time zone lookup.
  const status = await orForbidden(getSyncStatus(db, viewer), PATH);
  const timeZone = await orForbidden(getViewerTimeZone(db, viewer), PATH);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{tr(L, "sync.sync_status")}</h1>
          <p className="muted">{tr(L, "sync.intro", { tz: timeZone })}</p>
        </div>
      </div>
      {status.connections.length === 0 && (
        <p className="card empty" data-testid="no-connections">
          {tr(L, "sync.no_helpdesk_is_connected_yet")}
        </p>
      )}
      {status.connections.map((c) => (
        <ConnectionCard key={c.id} c={c} timeZone={timeZone} L={L} />
      ))}
    </>
  );
}

function ConnectionCard({ c, timeZone, L }: { c: ConnectionStatus; timeZone: string; L: string }) {
  const rejects = c.runs.flatMap((r) => r.rejects.map((x, i) => ({ ...x, key: `${r.id}-${i}`, startedAt: r.startedAt })));
  const last = c.runs[0];
  return (
    <section className="card" data-testid="connection" data-connection-id={c.id}>
      <div className="card-head">
        <h2>
          {c.name} <span className="muted small">{c.kind}</span>{" "}
          <span className={`badge ${c.enabled ? "badge-confirmed" : "badge-muted"}`} data-testid="connection-enabled">
            {tr(L, c.enabled ? "sync.enabled" : "sync.disabled")}
          </span>
        </h2>
        {/* An import connection has nothing to pull: its data comes from uploads and pushes. */}
        {c.kind === "import" ? (
          <Link href="/admin/import" className="small">
            {tr(L, "nav.import")} →
          </Link>
        ) : (
          <SyncNowForm connectionId={c.id} disabled={!c.enabled} text={texts(L, "syncNow.")} />
        )}
      </div>
      {!c.enabled && <p className="muted small">{tr(L, "sync.disabled_neither_the_schedule_nor_sync_n")}</p>}
      <p className="small">
        {last ? (
          <>
            {tr(L, "sync.lastRun")} <RunStatus status={last.status} L={L} /> {formatDateTime(last.startedAt, timeZone, L)}
          </>
        ) : (
          <span className="muted">{tr(L, "sync.never_synced")}</span>
        )}
      </p>
      {last?.status === "running" && <SyncProgress progress={last.progress} L={L} />}
      {c.cursors.length > 0 && (
        <dl className="cursors" data-testid="cursors">
          {c.cursors.map((k) => (
            <div key={k.stream}>
              <dt>{tValue(L, "runStream.", k.stream)}</dt>
              <dd>
                <code>{k.cursor}</code> <span className="muted small">{tr(L, "sync.updated", { at: formatDateTime(k.updatedAt, timeZone, L) })}</span>
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
                <th scope="col">{tr(L, "sync.status")}</th>
                <th scope="col">{tr(L, "sync.started")}</th>
                <th scope="col">{tr(L, "sync.trigger")}</th>
                <th scope="col" className="num">
                  {tr(L, "sync.duration")}
                </th>
                <th scope="col" className="num">
                  {tr(L, "sync.pages")}
                </th>
                <th scope="col" className="num">
                  {tr(L, "sync.tickets")}
                </th>
                <th scope="col" className="num">
                  {tr(L, "sync.ratings")}
                </th>
                <th scope="col" className="num">
                  {tr(L, "sync.rejected")}
                </th>
                <th scope="col">{tr(L, "sync.error")}</th>
              </tr>
            </thead>
            <tbody>
              {c.runs.map((r) => (
                <tr key={r.id} data-testid="sync-run-row" data-run-id={r.id} data-status={r.status} data-trigger={r.trigger}>
                  <td>
                    <RunStatus status={r.status} L={L} />
                  </td>
                  <td className="nowrap">{formatDateTime(r.startedAt, timeZone, L)}</td>
                  <td>{tValue(L, "runTrigger.", r.trigger)}</td>
                  <td className="num nowrap">{formatDuration(r.durationMs)}</td>
                  <td className="num">{r.pages}</td>
                  <td className="num">{r.ticketsStored}</td>
                  <td className="num">{r.ratingsStored}</td>
                  <td className={`num${r.rejected > 0 ? " warn" : ""}`}>{r.rejected}</td>
                  <td className="error-cell">{describeSyncError(L, r.error)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rejects.length > 0 && (
        <details className="rejects">
          <summary>
            {tr(L, "sync.rejectedSummary", { n: rejects.length, runs: c.runs.length })}
          </summary>
          <table data-testid="sync-rejects">
            <thead>
              <tr>
                <th scope="col">{tr(L, "sync.run_started")}</th>
                <th scope="col">{tr(L, "sync.stream")}</th>
                <th scope="col">{tr(L, "sync.record")}</th>
                <th scope="col">{tr(L, "sync.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {rejects.map((x) => (
                <tr key={x.key} data-testid="sync-reject-row">
                  <td className="nowrap">{formatDateTime(x.startedAt, timeZone, L)}</td>
                  <td>{tValue(L, "runStream.", x.stream)}</td>
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

const RUN_STATES = new Set(["succeeded", "failed", "running", "partial"]);

function RunStatus({ status, L }: { status: string; L: string }) {
  return (
    <span className={`badge badge-run-${status}`} data-testid="run-status">
      {RUN_STATES.has(status) ? tr(L, `sync.status.${status}` as "sync.status.failed") : status}
    </span>
  );
}
