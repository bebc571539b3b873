/**
 * Where a ticket counts: its helpdesk group's skill group and line, unless a tag or custom-field
 * rule of the connection says otherwise. Rules are read in order (position, then id); for each of
 * skill group and line, the first matching rule that sets it wins. Pure.
 */

export type Placement = { skillGroupId: number | null; lineId: number | null };

export type FieldRule = {
  id: number;
  kind: string; // "tag" | "field"
  fieldKey: string;
  fieldValue: string | null;
  skillGroupId: number | null;
  lineId: number | null;
  position: number;
};

export type TicketFields = { tags: readonly string[]; customFields: Readonly<Record<string, string>> };

export function sortRules<R extends FieldRule>(rules: R[]): R[] {
  return [...rules].sort((a, b) => a.position - b.position || a.id - b.id);
}

/** Tags compare without case (Zendesk lowercases them); field values exactly, trimmed. */
export function ruleMatches(rule: Pick<FieldRule, "kind" | "fieldKey" | "fieldValue">, t: TicketFields): boolean {
  if (rule.kind === "tag") {
    const want = rule.fieldKey.trim().toLowerCase();
    return t.tags.some((x) => x.toLowerCase() === want);
  }
  const v = t.customFields[rule.fieldKey.trim()];
  return v !== undefined && (rule.fieldValue === null || v.trim() === rule.fieldValue.trim());
}

/** `rules` must be sorted (sortRules). */
export function placeTicket(group: Placement, t: TicketFields, rules: readonly FieldRule[]): Placement {
  let skillGroupId: number | null | undefined;
  let lineId: number | null | undefined;
  for (const r of rules) {
    if (skillGroupId !== undefined && lineId !== undefined) break;
    if (!ruleMatches(r, t)) continue;
    if (skillGroupId === undefined && r.skillGroupId !== null) skillGroupId = r.skillGroupId;
    if (lineId === undefined && r.lineId !== null) lineId = r.lineId;
  }
  return { skillGroupId: skillGroupId ?? group.skillGroupId, lineId: lineId ?? group.lineId };
}
