import type { Metadata } from "next";
import { AddConnection, ConnectionForm, EnableForm, TestConnectionForm } from "@/app/components/connection-forms";
import { AgentMappingForm, DeleteFieldRuleForm, FieldRuleForm, GroupMappingForm } from "@/app/components/mapping-forms";
import { SyncNowForm } from "@/app/components/sync-now-form";
import { SyncProgress } from "@/app/components/sync-progress";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { listManagedConnections } from "@/lib/connections/manage";
import { getMapping } from "@/lib/connections/mapping";
import { listFieldRules } from "@/lib/connections/field-rules";
import { getSyncStatus } from "@/lib/queries";
import { texts, t as tr } from "@/lib/i18n";
import { fillParts } from "@/lib/i18n/fill";
import { Fragment } from "react";
import { orForbidden } from "../../_lib/guard";
import { titled } from "../../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.connections");

const PATH = "/admin/connections";

export default async function ConnectionsPage() {
  const viewer = await requirePageViewer(PATH);
  const db = await getDb();
  const list = await orForbidden(listManagedConnections(db, viewer), PATH);
  const mappings = await Promise.all(list.map((c) => orForbidden(getMapping(db, viewer, c.id), PATH)));
  const rules = await Promise.all(list.map((c) => orForbidden(listFieldRules(db, viewer, c.id), PATH)));
  const status = await orForbidden(getSyncStatus(db, viewer), PATH);
  const L = viewer.locale;
  const formText = texts(L, "connForm.");
  const mapText = texts(L, "mapForm.");
  const syncText = texts(L, "syncNow.");
  const running = new Map(status.connections.map((s) => [s.id, s.runs[0]?.status === "running" ? s.runs[0] : null]));
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{tr(L, "conn.title")}</h1>
          <p className="muted">
            {fillParts(tr(L, "conn.intro"), { link: <a href="/admin/sync">{tr(L, "nav.sync")}</a> }).map((part, i) => (
              <Fragment key={i}>{part}</Fragment>
            ))}
          </p>
        </div>
      </div>
      {list.map((c, i) => (
        <section key={c.id} className="card" data-testid="managed-connection" data-connection-id={c.id}>
          <div className="card-head">
            <h2>
              {c.name} <span className="muted small">{c.kind}</span>{" "}
              <span className={`badge ${c.enabled ? "badge-confirmed" : "badge-muted"}`} data-testid="enabled-badge">
                {tr(L, c.enabled ? "sync.enabled" : "sync.disabled")}
              </span>
            </h2>
            <div className="conn-actions">
              <TestConnectionForm connectionId={c.id} text={formText} />
              <EnableForm connectionId={c.id} enabled={c.enabled} text={formText} />
              <SyncNowForm connectionId={c.id} disabled={!c.enabled} text={syncText} />
            </div>
          </div>
          <SyncProgress progress={running.get(c.id)?.progress ?? null} L={viewer.locale} />
          <p className="muted small">
            {tr(L, "conn.webhook")} <code>/api/webhooks/{c.kind}?connection={c.id}</code>
            {tr(L, c.kind === "zendesk" ? "conn.webhookZendesk" : "conn.webhookFreshdesk")}
          </p>
          <details>
            <summary>{tr(L, "conn.edit")}</summary>
            <ConnectionForm kind={c.kind as "zendesk" | "freshdesk"} connection={c} text={formText} />
          </details>
          <details data-testid="mapping">
            <summary>
              {tr(L, "conn.mapping", { groups: mappings[i]!.groups.length, agents: mappings[i]!.agents.length })}
            </summary>
            <p className="muted small">{tr(L, "conn.mappingIntro")}</p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr><th>{tr(L, "conn.group")}</th><th>{tr(L, "conn.tickets")}</th><th>{tr(L, "conn.skillAndLine")}</th></tr>
                </thead>
                <tbody>
                  {mappings[i]!.groups.map((g) => (
                    <tr key={g.id}>
                      <td>{g.name}</td>
                      <td>{g.tickets}</td>
                      <td><GroupMappingForm groupId={g.id} skillGroupId={g.skillGroupId} lineId={g.lineId} skillGroups={mappings[i]!.options.skillGroups} lines={mappings[i]!.options.lines} text={mapText} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>{tr(L, "conn.rules")}</h3>
            <p className="muted small">{tr(L, "conn.rulesIntro")}</p>
            <div className="table-wrap">
              <table data-testid="field-rules">
                <thead>
                  <tr><th>#</th><th>{tr(L, "conn.when")}</th><th>{tr(L, "conn.tickets")}</th><th>{tr(L, "conn.countsIn")}</th><th></th></tr>
                </thead>
                <tbody>
                  {rules[i]!.rules.map((r) => (
                    <tr key={r.id} data-testid="field-rule-row">
                      <td>{r.position}</td>
                      <td>{r.kind === "tag" ? <>{tr(L, "conn.tag")} <code>{r.fieldKey}</code></> : <>{tr(L, "conn.field")} <code>{r.fieldKey}</code> = <code>{r.fieldValue}</code></>}</td>
                      <td>{r.tickets}</td>
                      <td>{r.target}</td>
                      <td><DeleteFieldRuleForm ruleId={r.id} text={mapText} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {rules[i]!.tags.length > 0 && (
                <p className="muted small">{tr(L, "conn.commonTags", { tags: rules[i]!.tags.map((t) => `${t.tag} (${t.tickets})`).join(", ") })}</p>
              )}
              <FieldRuleForm connectionId={c.id} skillGroups={mappings[i]!.options.skillGroups} lines={mappings[i]!.options.lines} text={mapText} />
            </div>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr><th>{tr(L, "conn.agent")}</th><th>{tr(L, "conn.tickets")}</th><th>{tr(L, "conn.engineer")}</th></tr>
                </thead>
                <tbody>
                  {mappings[i]!.agents.map((a) => (
                    <tr key={a.id}>
                      <td>{a.name} <span className="muted small">{a.email}</span></td>
                      <td>{a.tickets}</td>
                      <td><AgentMappingForm identityId={a.id} engineerId={a.engineerId} engineers={mappings[i]!.options.engineers.map((e) => ({ id: e.id, name: `${e.name}${e.email ? ` (${e.email})` : ""}` }))} text={mapText} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>
      ))}
      <AddConnection text={formText} />
    </>
  );
}
