import { RULE_FIELDS } from "@/lib/scoring/rules";
import type { RuleConfig } from "@/lib/scoring/types";

/**
 * What changed between two rule configs, in plain words from the editor's labels, e.g.
 * "Base points per line: L2 1 → 1.5 points; CSAT gate 4 → 3.5 stars".
 */
export function describeRuleChanges(
  prev: RuleConfig | null,
  next: RuleConfig,
  names: { skillGroups?: ReadonlyMap<number, string> } = {},
): string[] {
  if (!prev) return ["First version."];
  const out: string[] = [];
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  for (const f of RULE_FIELDS) {
    const a = p[f.key];
    const b = n[f.key];
    const unit = f.unit ? (f.unit === "×" ? "" : ` ${f.unit}`) : "";
    if (f.kind === "number") {
      if (a !== b) out.push(`${f.label} ${a ?? "—"} → ${b}${unit}`);
    } else if (f.kind === "select") {
      if (a !== b) {
        const label = (v: unknown) => f.options?.find((o) => o.value === v)?.label ?? String(v ?? "—");
        out.push(`${f.label}: ${label(a)} → ${label(b)}`);
      }
    } else {
      const ma = (a ?? {}) as Record<string, number>;
      const mb = (b ?? {}) as Record<string, number>;
      const keyName = (k: string) =>
        f.kind === "map-by-skill" ? (names.skillGroups?.get(Number(k)) ?? `skill group ${k}`) : k;
      const parts: string[] = [];
      for (const k of [...new Set([...Object.keys(ma), ...Object.keys(mb)])].sort()) {
        if (ma[k] === mb[k]) continue;
        if (ma[k] === undefined) parts.push(`${keyName(k)} ${mb[k]} (new)`);
        else if (mb[k] === undefined) parts.push(`${keyName(k)} removed (was ${ma[k]})`);
        else parts.push(`${keyName(k)} ${ma[k]} → ${mb[k]}`);
      }
      if (parts.length) out.push(`${f.label}: ${parts.join(", ")}${unit}`);
    }
  }
  return out.length ? out : ["No rule changed."];
}
