"use client";
import "./editor.css";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { previewRulesAction, proposeRulesAction, saveRulesAction } from "@/lib/actions/rules";
import type { RuleField } from "@/lib/scoring/rules";
import type { LocalRuleField } from "@/lib/rules-editor/labels";
import type { Texts } from "@/lib/i18n";
import { fill } from "@/lib/i18n/fill";
import type { WhatIf } from "@/lib/rules-editor/what-if";
import { WhatIfTable } from "./what-if-table";

type Props = {
  initial: Record<string, string>;
  lines: { code: string; name: string }[];
  skillGroups: { id: number; name: string }[];
  canSave: boolean;
  canPropose: boolean;
  proposalId: number | null;
  /** RULE_FIELDS in the viewer's language (`localRuleFields`), and the page's form and what-if texts. */
  fields: LocalRuleField[];
  tx: Texts<"ruleForm.">;
  whatIfTx: Texts<"whatIf.">;
  /** Intl tag for the what-if's numbers. */
  intl: string;
};

function mapRows(values: Record<string, string>, key: string): number[] {
  const out: number[] = [];
  for (let i = 0; `${key}.name.${i}` in values; i++) out.push(i);
  return out;
}

/**
 * The rule editor: a form generated from RULE_FIELDS (controlled, so a preview does not reset it),
 * a what-if preview, then save (admins) or propose (leads). Messages come back per input name.
 */
export function RuleEditorForm({ initial, lines, skillGroups, canSave, canPropose, proposalId, fields, tx, whatIfTx, intl }: Props) {
  const groups = [...new Map(fields.map((f) => [f.group, f.groupLabel])).entries()];
  const [values, setValues] = useState(initial);
  const [preview, previewAction, previewing] = useActionState<ActionResult | null, FormData>(previewRulesAction, null);
  const [saved, saveAction, saving] = useActionState<ActionResult | null, FormData>(
    canSave ? saveRulesAction : proposeRulesAction,
    null,
  );
  const router = useRouter();
  useEffect(() => {
    if (!saved?.ok) return;
    const d = saved.data as { version?: number; ticketsRescored?: number };
    // A saved version: reload the page on it (the form then starts from the new version and the
    // notice says what happened); a proposal: refresh the list of proposals, keep the form.
    if (d.version !== undefined) router.push(`/rules?saved=${d.version}&rescored=${d.ticketsRescored ?? 0}`);
    else router.refresh();
  }, [saved, router]);

  // The newest answer decides which messages show.
  const last = [preview, saved].filter(Boolean).at(-1) ?? null;
  const errors = (last && !last.ok && last.fieldErrors) || {};
  const set = (name: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  const err = (name: string) =>
    errors[name]?.length ? (
      <p className="field-error" id={`${name}-error`} data-testid={`error-${name}`}>
        {errors[name]!.join(" ")}
      </p>
    ) : null;
  const invalid = (name: string) => (errors[name]?.length ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {});

  const numberInput = (name: string, f: RuleField, label?: string) => (
    <input
      id={name}
      name={name}
      type="number"
      inputMode="decimal"
      min={f.min}
      max={f.max}
      step={f.step ?? "any"}
      value={values[name] ?? ""}
      onChange={set(name)}
      aria-label={label}
      data-testid={`rule-${name}`}
      {...invalid(name)}
    />
  );

  const renderField = (f: RuleField) => {
    const unit = f.unit ? <span className="muted small">{f.unit}</span> : null;
    let control: React.ReactNode;
    let subErrors: React.ReactNode = null;
    if (f.kind === "number") {
      control = (
        <div className="rule-inputs">
          {numberInput(f.key, f)} {unit}
        </div>
      );
    } else if (f.kind === "select") {
      control = (
        <select id={f.key} name={f.key} value={values[f.key] ?? ""} onChange={set(f.key)} data-testid={`rule-${f.key}`} {...invalid(f.key)}>
          {f.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    } else if (f.kind === "map-by-line" || f.kind === "map-by-skill") {
      const items =
        f.kind === "map-by-line"
          ? lines.map((l) => ({ key: l.code, label: `${l.code}`, title: l.name }))
          : skillGroups.map((s) => ({ key: String(s.id), label: s.name, title: s.name }));
      // Keys saved earlier that are not known any more still show, so nothing is lost silently.
      const known = new Set(items.map((i) => i.key));
      for (const name of Object.keys(values)) {
        const k = name.startsWith(`${f.key}.`) ? name.slice(f.key.length + 1) : null;
        if (k && !known.has(k)) items.push({ key: k, label: k, title: k });
      }
      control = (
        <div className="rule-inputs">
          {items.map((i) => (
            <label key={i.key} title={i.title}>
              {i.label} {numberInput(`${f.key}.${i.key}`, f)}
            </label>
          ))}
          {unit}
        </div>
      );
      subErrors = items.map((i) => <div key={i.key}>{err(`${f.key}.${i.key}`)}</div>);
    } else {
      control = (
        <div className="rule-inputs">
          {mapRows(values, f.key).map((i) => (
            <span key={i} className="rule-inputs">
              <input
                type="text"
                className="map-name"
                name={`${f.key}.name.${i}`}
                value={values[`${f.key}.name.${i}`] ?? ""}
                onChange={set(`${f.key}.name.${i}`)}
                placeholder={tx.valuePlaceholder}
                aria-label={fill(tx.valueN, { label: f.label, n: i + 1 })}
                {...invalid(`${f.key}.name.${i}`)}
              />
              {numberInput(`${f.key}.value.${i}`, f, fill(tx.weightN, { label: f.label, n: i + 1 }))}
            </span>
          ))}
          {unit}
        </div>
      );
      subErrors = mapRows(values, f.key).map((i) => (
        <div key={i}>
          {err(`${f.key}.name.${i}`)}
          {err(`${f.key}.value.${i}`)}
        </div>
      ));
    }
    const shownWhen = f.showWhen ? values[f.showWhen.key] === f.showWhen.equals : true;
    return (
      <div key={f.key} className="rule-field" data-testid={`field-${f.key}`} hidden={!shownWhen}>
        {f.kind === "number" || f.kind === "select" ? <label htmlFor={f.key}>{f.label}</label> : <span className="rule-label">{f.label}</span>}
        {control}
        <p className="help muted small">{f.help}</p>
        {err(f.key)}
        {subErrors}
      </div>
    );
  };

  const whatIf = preview?.ok ? (preview.data as WhatIf) : null;
  const savedData = saved?.ok ? (saved.data as { version?: number; ticketsRescored?: number; proposalId?: number }) : null;

  // noValidate: the server's messages (per field, in words) replace the browser's bubbles.
  return (
    <form className="rule-form" data-testid="rule-form" noValidate>
      {proposalId !== null && <input type="hidden" name="proposalId" value={proposalId} />}
      <div className="rule-meta">
        <label>
          {tx.versionName}
          <input name="name" value={values.name ?? ""} onChange={set("name")} data-testid="rule-name" {...invalid("name")} />
        </label>
        <label>
          {tx.effectiveFrom}
          <input type="date" name="effectiveFrom" value={values.effectiveFrom ?? ""} onChange={set("effectiveFrom")} data-testid="rule-effective-from" {...invalid("effectiveFrom")} />
        </label>
        {canPropose && (
          <label style={{ flex: 1, minWidth: "16rem" }}>
            {tx.note}
            <input name="note" value={values.note ?? ""} onChange={set("note")} data-testid="rule-note" placeholder={tx.notePlaceholder} />
          </label>
        )}
      </div>
      {err("name")}
      {err("effectiveFrom")}
      {err("note")}
      {err("proposalId")}

      {groups.map(([g, label]) => (
        <fieldset key={g}>
          <legend>{label}</legend>
          {fields.filter((f) => f.group === g).map(renderField)}
        </fieldset>
      ))}

      <div className="rule-actions">
        <button type="submit" formAction={previewAction} disabled={previewing || saving} data-testid="rule-preview">
          {previewing ? tx.computing : tx.preview}
        </button>
        {(canSave || canPropose) && (
          <button type="submit" formAction={saveAction} disabled={previewing || saving} data-testid="rule-save">
            {saving ? tx.saving : canSave ? tx.save : tx.propose}
          </button>
        )}
        <span role="status" aria-live="polite" data-testid="rule-result" className={last && !last.ok ? "error" : "ok"}>
          {last && !last.ok
            ? last.error
            : last === saved && savedData
              ? savedData.version !== undefined
                ? fill(tx.savedAs, { v: savedData.version, n: savedData.ticketsRescored ?? 0 })
                : tx.proposalSent
              : ""}
        </span>
      </div>
      {whatIf && <WhatIfTable whatIf={whatIf} tx={whatIfTx} intl={intl} />}
    </form>
  );
}
