"use client";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { deleteFieldRuleAction, fieldRuleAction, mapAgentAction, mapGroupAction } from "@/lib/actions/connections";
import type { RulePreview } from "@/lib/connections/field-rules";

/** One row of the mapping table: choose, save, and see how many tickets were rescored. */

type Option = { id: number; name: string };

function Outcome({ result }: { result: ActionResult | null }) {
  if (!result) return null;
  if (!result.ok) return <span className="error small">{result.error}</span>;
  const n = (result.data as { ticketsRescored: number }).ticketsRescored;
  return <span className="ok small" data-testid="mapping-result">Saved · {n} tickets rescored</span>;
}

function useRefresh(result: ActionResult | null) {
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
}

export function GroupMappingForm(p: { groupId: number; skillGroupId: number | null; lineId: number | null; skillGroups: Option[]; lines: Option[] }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(mapGroupAction, null);
  useRefresh(result);
  // Controlled: React resets uncontrolled fields after an action, which would show the old choice.
  const [skill, setSkill] = useState(String(p.skillGroupId ?? ""));
  const [line, setLine] = useState(String(p.lineId ?? ""));
  return (
    <form action={action} className="conn-inline-form" data-testid="group-mapping">
      <input type="hidden" name="groupId" value={p.groupId} />
      <select name="skillGroupId" value={skill} onChange={(e) => setSkill(e.target.value)} aria-label="Skill group">
        <option value="">— no skill group —</option>
        {p.skillGroups.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
      <select name="lineId" value={line} onChange={(e) => setLine(e.target.value)} aria-label="Line">
        <option value="">— no line —</option>
        {p.lines.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
      <button type="submit" disabled={pending}>Save</button>
      <Outcome result={result} />
    </form>
  );
}

export function AgentMappingForm(p: { identityId: number; engineerId: number | null; engineers: Option[] }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(mapAgentAction, null);
  useRefresh(result);
  const [engineer, setEngineer] = useState(String(p.engineerId ?? ""));
  return (
    <form action={action} className="conn-inline-form" data-testid="agent-mapping">
      <input type="hidden" name="identityId" value={p.identityId} />
      <select name="engineerId" value={engineer} onChange={(e) => setEngineer(e.target.value)} aria-label="Engineer">
        <option value="">— not an engineer —</option>
        {p.engineers.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
      <button type="submit" disabled={pending}>Save</button>
      <Outcome result={result} />
    </form>
  );
}

/**
 * A new tag or field rule: "Preview" shows how many stored tickets it matches and where they would
 * move (nothing written); "Save" applies it and rescores them.
 */
export function FieldRuleForm(p: { connectionId: number; skillGroups: Option[]; lines: Option[] }) {
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
      <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Rule kind">
        <option value="tag">Tag</option>
        <option value="field">Custom field</option>
      </select>
      <input name="fieldKey" value={key} onChange={(e) => setKey(e.target.value)} aria-label={kind === "tag" ? "Tag" : "Field id or name"} placeholder={kind === "tag" ? "tag, e.g. vip" : "field id or name"} />
      {kind === "field" && <input name="fieldValue" value={value} onChange={(e) => setValue(e.target.value)} aria-label="Field value" placeholder="value" />}
      <select name="skillGroupId" value={skill} onChange={(e) => setSkill(e.target.value)} aria-label="Rule skill group">
        <option value="">— keep the group's skill group —</option>
        {p.skillGroups.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
      <select name="lineId" value={line} onChange={(e) => setLine(e.target.value)} aria-label="Rule line">
        <option value="">— keep the group's line —</option>
        {p.lines.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
      <button type="submit" name="intent" value="preview" disabled={pending}>Preview</button>
      <button type="submit" name="intent" value="save" disabled={pending}>Save rule</button>
      {result && !result.ok && <span className="error small">{result.error} {Object.values(result.fieldErrors ?? {}).flat().join(" ")}</span>}
      {preview && (
        <div className="small" data-testid="field-rule-preview">
          Matches <strong data-testid="preview-matched">{preview.matched}</strong> stored tickets; <strong data-testid="preview-changed">{preview.changed}</strong> would count elsewhere.
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
      {saved && <span className="ok small" data-testid="mapping-result">Saved · {saved.ticketsRescored} tickets rescored</span>}
    </form>
  );
}

export function DeleteFieldRuleForm(p: { ruleId: number }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(deleteFieldRuleAction, null);
  useRefresh(result);
  return (
    <form action={action} className="conn-inline-form">
      <input type="hidden" name="ruleId" value={p.ruleId} />
      <button type="submit" disabled={pending}>Remove</button>
      <Outcome result={result} />
    </form>
  );
}
