"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { mapAgentAction, mapGroupAction } from "@/lib/actions/connections";

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
