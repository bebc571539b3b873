/**
 * Custom field values as text (field id or name → value), empty ones left out; a multi-select's
 * values are joined with commas. Zendesk also adds each chosen option's tag to the ticket, so a
 * tag rule is the way to match one option of a multi-select there.
 */
export function fieldValues(entries: [string, unknown][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (v === null || v === undefined || v === "") continue;
    if (Array.isArray(v)) {
      if (v.length) out[k] = v.map(String).join(",");
    } else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  }
  return out;
}
