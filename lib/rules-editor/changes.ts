import { formatNumber, t } from "@/lib/i18n";
import type { RuleConfig } from "@/lib/scoring/types";
import { localRuleFields, type LocalRuleField } from "./labels";

/**
 * What changed between two rule configs, in plain words from the editor's labels, e.g.
 * "Base points per line: L2 1 → 1.5 points; CSAT gate 4 → 3.5 stars", in `locale`.
 */
export function describeRuleChanges(
  prev: RuleConfig | null,
  next: RuleConfig,
  names: { skillGroups?: ReadonlyMap<number, string> } = {},
  locale = "en",
): string[] {
  const L = locale;
  if (!prev) return [t(L, "ruleChange.first")];
  const v = (x: unknown) => (typeof x === "number" && L !== "en" ? formatNumber(L, x, 3) : String(x));
  const out: string[] = [];
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  for (const f of fieldsFor(L)) {
    const a = p[f.key];
    const b = n[f.key];
    const unit = f.unit ? (f.unit === "×" ? "" : ` ${f.unit}`) : "";
    // English says "4 → 3.5 stars"; Russian units would need a case per number, so the unit goes
    // after the label ("Порог CSAT, звёзд: 4 → 3,5").
    const english = L === "en" || !unit;
    const head = english ? f.label : `${f.label},${unit}`;
    const tail = english ? unit : "";
    if (f.kind === "number") {
      if (a !== b) out.push(`${head}${english ? "" : ":"} ${a === undefined || a === null ? "—" : v(a)} → ${v(b)}${tail}`);
    } else if (f.kind === "select") {
      if (a !== b) {
        const label = (v: unknown) => f.options?.find((o) => o.value === v)?.label ?? String(v ?? "—");
        out.push(`${f.label}: ${label(a)} → ${label(b)}`);
      }
    } else {
      const ma = (a ?? {}) as Record<string, number>;
      const mb = (b ?? {}) as Record<string, number>;
      const keyName = (k: string) =>
        f.kind === "map-by-skill" ? (names.skillGroups?.get(Number(k)) ?? t(L, "ruleChange.skillGroup", { id: k })) : k;
      const parts: string[] = [];
      for (const k of [...new Set([...Object.keys(ma), ...Object.keys(mb)])].sort()) {
        if (ma[k] === mb[k]) continue;
        if (ma[k] === undefined) parts.push(t(L, "ruleChange.added", { key: keyName(k), value: v(mb[k]) }));
        else if (mb[k] === undefined) parts.push(t(L, "ruleChange.removed", { key: keyName(k), value: v(ma[k]) }));
        else parts.push(`${keyName(k)} ${v(ma[k])} → ${v(mb[k])}`);
      }
      if (parts.length) out.push(`${head}: ${parts.join(", ")}${tail}`);
    }
  }
  return out.length ? out : [t(L, "ruleChange.none")];
}

const cache = new Map<string, LocalRuleField[]>();
function fieldsFor(locale: string): LocalRuleField[] {
  let f = cache.get(locale);
  if (!f) cache.set(locale, (f = localRuleFields(locale)));
  return f;
}
