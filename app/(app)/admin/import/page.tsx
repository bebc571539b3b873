import { t as tr, texts, tValue } from "@/lib/i18n";
import { fillParts } from "@/lib/i18n/fill";
import type { Metadata } from "next";
import { formatDateTime } from "@/app/components/format";
import { CreateImportConnectionForm, CreateTokenForm, ImportFileForm, RevokeTokenForm } from "@/app/components/import-forms";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { listImportConnections } from "@/lib/import/admin";
import { COLUMNS } from "@/lib/import/columns";
import { getViewerTimeZone } from "@/lib/queries";
import { orForbidden } from "../../_lib/guard";
import { titled } from "../../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.import");

const PATH = "/admin/import";

export default async function ImportPage() {
  const viewer = await requirePageViewer(PATH);
  const L = viewer.locale;
  const db = await getDb();
  const conns = await orForbidden(listImportConnections(db, viewer), PATH);
  const timeZone = await orForbidden(getViewerTimeZone(db, viewer), PATH);
  const tx = texts(L, "impForm.");
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{tr(L, "imp.import")}</h1>
          <p className="muted">
            {tr(L, "imp.intro")}
          </p>
        </div>
      </div>
      {conns.length === 0 && <p className="card empty" data-testid="no-import-connections">{tr(L, "imp.no_import_connection_yet_create_one_belo")}</p>}
      {conns.map((c) => (
        <section key={c.id} className="card" data-testid="import-connection" data-connection-id={c.id}>
          <div className="card-head">
            <h2>
              {c.name} <span className="muted small">{tr(L, "imp.sub", { id: c.id })}</span>
            </h2>
          </div>
          <ImportFileForm connectionId={c.id} tx={tx} />
          <h3>{tr(L, "imp.push_api_tokens")}</h3>
          <p className="muted small">
            {fillParts(tr(L, "imp.pushHow"), {
              post: <code key="post">POST /api/push/{c.id}/tickets</code>,
              ratings: <code key="ratings">/ratings</code>,
              auth: <code key="auth">Authorization: Bearer &lt;token&gt;</code>,
            })}
          </p>
          {c.tokens.length > 0 && (
            <div className="table-wrap">
              <table data-testid="push-tokens">
                <thead>
                  <tr>
                    <th scope="col">{tr(L, "imp.name")}</th>
                    <th scope="col">{tr(L, "imp.token")}</th>
                    <th scope="col">{tr(L, "imp.created")}</th>
                    <th scope="col">{tr(L, "imp.last_used")}</th>
                    <th scope="col">{tr(L, "imp.state")}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.tokens.map((t) => (
                    <tr key={t.id} data-testid="push-token-row">
                      <td>{t.name}</td>
                      <td>
                        <code>{t.prefix}</code>
                      </td>
                      <td className="nowrap">{formatDateTime(t.createdAt, timeZone, L)}</td>
                      <td className="nowrap">{t.lastUsedAt ? formatDateTime(t.lastUsedAt, timeZone, L) : tr(L, "imp.never")}</td>
                      <td>{t.revokedAt ? <span className="badge badge-muted">{tr(L, "imp.revoked")}</span> : <RevokeTokenForm tokenId={t.id} tx={tx} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <CreateTokenForm connectionId={c.id} tx={tx} />
          {c.lastImports.length > 0 && (
            <p className="small muted" data-testid="last-imports">
              {tr(L, "imp.latest")}: {c.lastImports.map((r) => tr(L, "imp.runCounts", { trigger: tValue(L, "runTrigger.", r.trigger), at: formatDateTime(r.startedAt, timeZone, L), tickets: r.ticketsStored, ratings: r.ratingsStored })).join(" · ")}
            </p>
          )}
        </section>
      ))}
      <section className="card">
        <h2>{tr(L, "imp.new_import_connection")}</h2>
        <CreateImportConnectionForm tx={tx} />
      </section>
      <section className="card">
        <h2>{tr(L, "imp.columns")}</h2>
        <p className="small">
          {tr(L, "imp.tickets")}: <code>{COLUMNS.tickets.join(", ")}</code>
        </p>
        <p className="small">
          {tr(L, "imp.ratings")}: <code>{COLUMNS.ratings.join(", ")}</code>
        </p>
        <p className="muted small">{tr(L, "imp.the_readme_describes_each_column_dates_a")}</p>
      </section>
    </>
  );
}
