import { intlTag, t as tr, texts } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n";
import type { Metadata } from "next";
import Link from "next/link";
import { DismissProposalForm } from "@/app/components/dismiss-proposal-form";
import { formatDate, formatDateTime } from "@/app/components/format";
import { RuleEditorForm } from "@/app/components/rule-editor-form";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { parseId } from "@/lib/queries";
import { configToForm, todayUtc } from "@/lib/rules-editor/form";
import { localRuleFields } from "@/lib/rules-editor/labels";
import { fillParts } from "@/lib/i18n/fill";
import { getProposal, getRuleEditor } from "@/lib/rules-editor/queries";
import { orForbidden, pathWithQuery, type SearchParams } from "../_lib/guard";
import { titled } from "../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.rules");

/** Version 1 is in force "since ever" (epoch): say so rather than print 1 Jan 1970. */
const since = (d: Date, L: string) => (d.getTime() <= 0 ? tr(L, "rulesPage.start") : formatDate(d, "UTC", L));

export default async function RulesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const path = pathWithQuery("/rules", sp);
  const viewer = await requirePageViewer(path);
  const L = viewer.locale;
  const db = await getDb();
  const editor = await orForbidden(getRuleEditor(db, viewer), path);
  const proposalId = editor.canSave && typeof sp.proposal === "string" ? parseId(sp.proposal) : null;
  const proposal = proposalId !== null ? await orForbidden(getProposal(db, viewer, proposalId), path) : null;

  const savedVersion = typeof sp.saved === "string" ? parseId(sp.saved) : null;
  const rescored = typeof sp.rescored === "string" && /^\d{1,9}$/.test(sp.rescored) ? Number(sp.rescored) : null;
  const lineCodes = editor.lines.map((l) => l.code);
  const skillIds = editor.skillGroups.map((s) => s.id);
  const initial = proposal
    ? {
        ...configToForm(proposal.config, lineCodes, skillIds),
        name: proposal.name,
        effectiveFrom: proposal.effectiveFrom.toISOString().slice(0, 10),
      }
    : { ...configToForm(editor.latest.config, lineCodes, skillIds), name: "", effectiveFrom: todayUtc(), note: "" };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{tr(L, "rules.scoring_rules")}</h1>
          <p className="muted">
            {fillParts(tr(L, "rulesPage.inForce"), {
              version: (
                <span key="v">
                  <strong data-testid="rules-latest">{tr(L, "rulesPage.version", { v: editor.latest.version })}</strong> “{editor.latest.name}”
                </span>
              ),
              since: since(editor.latest.effectiveFrom, L),
            })}{" "}
            {tr(L, editor.canSave ? "rulesPage.canSave" : "rulesPage.canPropose")}
          </p>
        </div>
      </div>

      {savedVersion !== null && (
        <p className="card notice" role="status" data-testid="rule-saved">
          {tr(L, "rulesPage.saved", { v: savedVersion, n: rescored ?? 0 })}
        </p>
      )}

      {editor.proposals.length > 0 && (
        <section className="card" data-testid="proposals">
          <h2>{tr(L, editor.canSave ? "rules.proposalsFromLeads" : "rules.yourProposals")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{tr(L, "rules.proposal")}</th>
                  <th scope="col">{tr(L, "rules.from")}</th>
                  <th scope="col">{tr(L, "rules.changes")}</th>
                  <th scope="col">{tr(L, "rules.status")}</th>
                </tr>
              </thead>
              <tbody>
                {editor.proposals.map((p) => (
                  <tr key={p.id} data-testid="proposal-row" data-proposal-id={p.id} data-status={p.status}>
                    <td>
                      <strong>{p.name}</strong>
                      <div className="muted small">
                        {p.proposedBy ?? tr(L, "rulesPage.someone")}
                        {p.teamName ? ` (${p.teamName})` : ""} · {formatDateTime(p.createdAt, "UTC", L)} · {tr(L, "rulesPage.effective", { date: formatDate(p.effectiveFrom, "UTC", L) })}
                      </div>
                      {p.note && <div className="small">“{p.note}”</div>}
                    </td>
                    <td className="nowrap">{formatDate(p.effectiveFrom, "UTC", L)}</td>
                    <td>
                      <ul className="changes small">
                        {p.changes.map((c) => (
                          <li key={c}>{c}</li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {editor.canSave ? (
                        <>
                          <Link href={`/rules?proposal=${p.id}`} data-testid="proposal-review">
                            {tr(L, "rulesPage.review")}
                          </Link>
                          <DismissProposalForm proposalId={p.id} tx={texts(L, "dismissForm.")} />
                        </>
                      ) : (
                        <>
                          <span className="badge">{tr(L, `rulesPage.status.${p.status}` as MessageKey)}</span>
                          {p.resolution && <div className="small">{p.resolution}</div>}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section className="card">
        <h2>{proposal ? tr(L, "rulesPage.reviewing", { name: proposal.name }) : tr(L, "rules.edit")}</h2>
        {proposal && (
          <p className="notice" data-testid="reviewing-proposal">
            {tr(L, "rulesPage.loaded", { note: proposal.note ? `: “${proposal.note}”` : "" })}
          </p>
        )}
        <RuleEditorForm
          key={proposal ? `p${proposal.id}` : `v${editor.latest.version}`}
          initial={initial}
          lines={editor.lines}
          skillGroups={editor.skillGroups}
          canSave={editor.canSave}
          canPropose={editor.canPropose}
          proposalId={proposal?.id ?? null}
          fields={localRuleFields(L)}
          tx={texts(L, "ruleForm.")}
          whatIfTx={texts(L, "whatIf.")}
          intl={intlTag(L)}
        />
      </section>

      <section className="card">
        <h2>{tr(L, "rules.version_history")}</h2>
        <div className="table-wrap">
          <table data-testid="rule-versions">
            <thead>
              <tr>
                <th scope="col" className="num">{tr(L, "rules.version")}</th>
                <th scope="col">{tr(L, "rules.name")}</th>
                <th scope="col">{tr(L, "rules.effective_from")}</th>
                <th scope="col">{tr(L, "rules.saved_by")}</th>
                <th scope="col">{tr(L, "rules.what_changed")}</th>
              </tr>
            </thead>
            <tbody>
              {editor.versions.map((r) => (
                <tr key={r.id} data-testid="rule-version-row" data-version={r.version}>
                  <td className="num strong">v{r.version}</td>
                  <td>{r.name}</td>
                  <td className="nowrap">{since(r.effectiveFrom, L)}</td>
                  <td>
                    {r.createdBy ?? <span className="muted">{tr(L, "rulesPage.system")}</span>}
                    <div className="muted small">{formatDateTime(r.createdAt, "UTC", L)}</div>
                  </td>
                  <td>
                    <ul className="changes small">
                      {r.changes.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
