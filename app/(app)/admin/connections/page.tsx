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
import { orForbidden } from "../../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Helpdesk connections" };

const PATH = "/admin/connections";

export default async function ConnectionsPage() {
  const viewer = await requirePageViewer(PATH);
  const db = await getDb();
  const list = await orForbidden(listManagedConnections(db, viewer), PATH);
  const mappings = await Promise.all(list.map((c) => orForbidden(getMapping(db, viewer, c.id), PATH)));
  const rules = await Promise.all(list.map((c) => orForbidden(listFieldRules(db, viewer, c.id), PATH)));
  const status = await orForbidden(getSyncStatus(db, viewer), PATH);
  const running = new Map(status.connections.map((s) => [s.id, s.runs[0]?.status === "running" ? s.runs[0] : null]));
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Helpdesk connections</h1>
          <p className="muted">
            Zendesk and Freshdesk accounts Podium reads tickets and ratings from. Credentials are stored encrypted and never shown again. Runs, cursors and
            errors are on <a href="/admin/sync">Sync status</a>.
          </p>
        </div>
      </div>
      {list.map((c, i) => (
        <section key={c.id} className="card" data-testid="managed-connection" data-connection-id={c.id}>
          <div className="card-head">
            <h2>
              {c.name} <span className="muted small">{c.kind}</span>{" "}
              <span className={`badge ${c.enabled ? "badge-confirmed" : "badge-muted"}`} data-testid="enabled-badge">
                {c.enabled ? "enabled" : "disabled"}
              </span>
            </h2>
            <div className="conn-actions">
              <TestConnectionForm connectionId={c.id} />
              <EnableForm connectionId={c.id} enabled={c.enabled} />
              <SyncNowForm connectionId={c.id} disabled={!c.enabled} />
            </div>
          </div>
          <SyncProgress progress={running.get(c.id)?.progress ?? null} L={viewer.locale} />
          <p className="muted small">
            Webhook address: <code>/api/webhooks/{c.kind}?connection={c.id}</code>
            {c.kind === "zendesk" ? " (signed with the webhook signing secret)" : " (send the webhook token in the X-Podium-Token header)"}
          </p>
          <details>
            <summary>Edit</summary>
            <ConnectionForm kind={c.kind as "zendesk" | "freshdesk"} connection={c} />
          </details>
          <details data-testid="mapping">
            <summary>
              Mapping ({mappings[i]!.groups.length} groups, {mappings[i]!.agents.length} agents)
            </summary>
            <p className="muted small">Agents are matched to engineers by email on every sync; a choice here overrides it. Saving rescores the tickets counted beside each row.</p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr><th>Helpdesk group</th><th>Tickets</th><th>Skill group and line</th></tr>
                </thead>
                <tbody>
                  {mappings[i]!.groups.map((g) => (
                    <tr key={g.id}>
                      <td>{g.name}</td>
                      <td>{g.tickets}</td>
                      <td><GroupMappingForm groupId={g.id} skillGroupId={g.skillGroupId} lineId={g.lineId} skillGroups={mappings[i]!.options.skillGroups} lines={mappings[i]!.options.lines} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>Tag and field rules</h3>
            <p className="muted small">
              Tickets with a tag or a custom field value count in the skill group and line chosen here, over their helpdesk group&apos;s mapping. The first matching
              rule wins. Preview before saving; saving moves and rescores the matching tickets.
            </p>
            <div className="table-wrap">
              <table data-testid="field-rules">
                <thead>
                  <tr><th>#</th><th>When</th><th>Tickets</th><th>Counts in</th><th></th></tr>
                </thead>
                <tbody>
                  {rules[i]!.rules.map((r) => (
                    <tr key={r.id} data-testid="field-rule-row">
                      <td>{r.position}</td>
                      <td>{r.kind === "tag" ? <>tag <code>{r.fieldKey}</code></> : <>field <code>{r.fieldKey}</code> = <code>{r.fieldValue}</code></>}</td>
                      <td>{r.tickets}</td>
                      <td>{r.target}</td>
                      <td><DeleteFieldRuleForm ruleId={r.id} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {rules[i]!.tags.length > 0 && (
                <p className="muted small">Common tags: {rules[i]!.tags.map((t) => `${t.tag} (${t.tickets})`).join(", ")}</p>
              )}
              <FieldRuleForm connectionId={c.id} skillGroups={mappings[i]!.options.skillGroups} lines={mappings[i]!.options.lines} />
            </div>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr><th>Helpdesk agent</th><th>Tickets</th><th>Engineer</th></tr>
                </thead>
                <tbody>
                  {mappings[i]!.agents.map((a) => (
                    <tr key={a.id}>
                      <td>{a.name} <span className="muted small">{a.email}</span></td>
                      <td>{a.tickets}</td>
                      <td><AgentMappingForm identityId={a.id} engineerId={a.engineerId} engineers={mappings[i]!.options.engineers.map((e) => ({ id: e.id, name: `${e.name}${e.email ? ` (${e.email})` : ""}` }))} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>
      ))}
      <AddConnection />
    </>
  );
}
