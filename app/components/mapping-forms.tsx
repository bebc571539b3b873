"use client";
import { useRouter } from "next/navigation";
import { Fragment, startTransition, useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { deleteFieldRuleAction, fieldRuleAction, mapAgentAction, mapGroupAction } from "@/lib/actions/connections";
import type { RulePreview } from "@/lib/connections/field-rules";
import type { Texts } from "@/lib/i18n";
import { fill, fillParts } from "@/lib/i18n/fill";

/** The page passes these texts in its viewer's language (see docs/DECISIONS.md). */
export type MappingTexts = Texts<"mapForm.">;

/** One row of the mapping table: choose, save, and see how many tickets were rescored. */

type Option = { id: number; name: string };

function Outcome({ result, t }: { result: ActionResult | null; t: MappingTexts }) {
  if (!result) return null;
  if (!result.ok) return <span className="error small">{result.error}</span>;
  const n = (result.data as { ticketsRescored: number }).ticketsRescored;
  return <span className="ok small" data-testid="mapping-result">{fill(t.rescored, { n })}</span>;
}

function useRefresh(result: ActionResult | null) {
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
}

export function GroupMappingForm(p: { groupId: number; skillGroupId: number | null; lineId: number | null; skillGroups: Option[]; lines: Option[]; text: MappingTexts }) {
  const t = p.text;
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(mapGroupAction, null);
  useRefresh(result);
  // Controlled: React resets uncontrolled fields after an action, which would show the old choice.
  const [skill, setSkill] = useState(String(p.skillGroupId ?? ""));
  const [line, setLine] = useState(String(p.lineId ?? ""));
  return (
    <form action={action} className="conn-inline-form" data-testid="group-mapping">
      <input type="hidden" name="groupId" value={p.groupId} />
      <select name="skillGroupId" value={skill} onChange={(e) => setSkill(e.target.value)} aria-label={t.skillGroup}>
        <option value="">{t.noSkillGroup}</option>
        {p.skillGroups.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
      <select name="lineId" value={line} onChange={(e) => setLine(e.target.value)} aria-label={t.line}>
        <option value="">{t.noLine}</option>
        {p.lines.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
      <button type="submit" disabled={pending}>{t.save}</button>
      <Outcome result={result} t={t} />
    </form>
  );
}

export function AgentMappingForm(p: { identityId: number; engineerId: number | null; engineers: Option[]; text: MappingTexts }) {
  const t = p.text;
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(mapAgentAction, null);
  useRefresh(result);
  const [engineer, setEngineer] = useState(String(p.engineerId ?? ""));
  return (
    <form action={action} className="conn-inline-form" data-testid="agent-mapping">
      <input type="hidden" name="identityId" value={p.identityId} />
      <select name="engineerId" value={engineer} onChange={(e) => setEngineer(e.target.value)} aria-label={t.engineer}>
        <option value="">{t.notEngineer}</option>
        {p.engineers.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
      <button type="submit" disabled={pending}>{t.save}</button>
      <Outcome result={result} t={t} />
    </form>
  );
}

/**
 * A new tag or field rule: "Preview" shows how many stored tickets it matches and where they would
 * move (nothing written); "Save" applies it and rescores them.
 */
export function FieldRuleForm(p: { connectionId: number; skillGroups: Option[]; lines: Option[]; text: MappingTexts }) {
  const t = p.text;
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(fieldRuleAction, null);
  useRefresh(result && result.ok && "ruleId" in (result.data as object) ? result : null);
  const [kind, setKind] = useState("tag");
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [skill, setSkill] = useState("");
  const [line, setLine] = useState("");
  const preview = result?.ok && "matched" in (result.data as object) ? (result.data as RulePreview) : null;
  const saved = result?.ok && "ruleId" in (result.data as object) ? (result.data as { ticketsRescored: number }) : null;
  return (
    <form
      className="conn-inline-form"
      data-testid="field-rule-form"
      // Submitted by hand, not through `action`: React resets a form after its action, and a
      // preview must leave the choices in place for the save that follows.
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
        startTransition(() => action(data));
      }}
    >
      <input type="hidden" name="connectionId" value={p.connectionId} />
      <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)} aria-label={t.ruleKind}>
        <option value="tag">{t.tag}</option>
        <option value="field">{t.field}</option>
      </select>
      <input name="fieldKey" value={key} onChange={(e) => setKey(e.target.value)} aria-label={kind === "tag" ? t.tag : t.fieldKey} placeholder={kind === "tag" ? t.tagPlaceholder : t.fieldPlaceholder} />
      {kind === "field" && <input name="fieldValue" value={value} onChange={(e) => setValue(e.target.value)} aria-label={t.fieldValue} placeholder={t.valuePlaceholder} />}
      <select name="skillGroupId" value={skill} onChange={(e) => setSkill(e.target.value)} aria-label={t.ruleSkillGroup}>
        <option value="">{t.keepSkillGroup}</option>
        {p.skillGroups.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
      <select name="lineId" value={line} onChange={(e) => setLine(e.target.value)} aria-label={t.ruleLine}>
        <option value="">{t.keepLine}</option>
        {p.lines.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
      <button type="submit" name="intent" value="preview" disabled={pending}>{t.preview}</button>
      <button type="submit" name="intent" value="save" disabled={pending}>{t.saveRule}</button>
      {result && !result.ok && <span className="error small">{result.error} {Object.values(result.fieldErrors ?? {}).flat().join(" ")}</span>}
      {preview && (
        <div className="small" data-testid="field-rule-preview">
          {fillParts(t.matches, {
            matched: <strong data-testid="preview-matched">{preview.matched}</strong>,
            changed: <strong data-testid="preview-changed">{preview.changed}</strong>,
          }).map((part, i) => (
            <Fragment key={i}>{part}</Fragment>
          ))}
          {preview.moves.length > 0 && (
            <ul>
              {preview.moves.map((m) => (
                <li key={`${m.from}-${m.to}`}>
                  {m.tickets}: {m.from} → {m.to}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {saved && <span className="ok small" data-testid="mapping-result">{fill(t.rescored, { n: saved.ticketsRescored })}</span>}
    </form>
  );
}

export function DeleteFieldRuleForm(p: { ruleId: number; text: MappingTexts }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(deleteFieldRuleAction, null);
  useRefresh(result);
  return (
    <form action={action} className="conn-inline-form">
      <input type="hidden" name="ruleId" value={p.ruleId} />
      <button type="submit" disabled={pending}>{p.text.remove}</button>
      <Outcome result={result} t={p.text} />
    </form>
  );
}
