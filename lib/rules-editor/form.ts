import { z } from "zod";
import type { MessageKey } from "@/lib/i18n";
import type { Msg } from "@/lib/i18n/messages";
import { RULE_FIELDS, RuleConfigSchema, type RuleField } from "@/lib/scoring/rules";
import type { RuleConfig } from "@/lib/scoring/types";

/**
 * The rule editor's form ⇄ a rule config. Field names: `key` for numbers and selects,
 * `key.<line code>` / `key.<skill group id>` for the per-line and per-skill maps, and
 * `key.name.<i>` + `key.value.<i>` rows for the free maps (priority, ticket type). Errors come back
 * under the same names, so each message shows beside its input.
 */

export const MAP_VALUE_ROWS = 3;
const DAY_MS = 86_400_000;

export type RuleFormValues = Record<string, string>;

const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const fmt = (n: number) => String(n);

/** The form values that show `config` (free maps get their rows plus a few empty ones). */
export function configToForm(config: RuleConfig, lineCodes: string[], skillGroupIds: number[]): RuleFormValues {
  const out: RuleFormValues = {};
  const cfg = config as Record<string, unknown>;
  for (const f of RULE_FIELDS) {
    const v = cfg[f.key];
    if (f.kind === "number" || f.kind === "select") out[f.key] = v === undefined ? "" : String(v);
    else if (f.kind === "map-by-line" || f.kind === "map-by-skill") {
      const map = (v ?? {}) as Record<string, number>;
      const keys = f.kind === "map-by-line" ? lineCodes : skillGroupIds.map(String);
      for (const k of new Set([...keys, ...Object.keys(map)])) out[`${f.key}.${k}`] = map[k] === undefined ? "" : fmt(map[k]);
    } else {
      const entries = Object.entries((v ?? {}) as Record<string, number>);
      entries.forEach(([k, n], i) => {
        out[`${f.key}.name.${i}`] = k;
        out[`${f.key}.value.${i}`] = fmt(n);
      });
      for (let i = entries.length; i < entries.length + MAP_VALUE_ROWS; i++) {
        out[`${f.key}.name.${i}`] = "";
        out[`${f.key}.value.${i}`] = "";
      }
    }
  }
  return out;
}

/** Number of rows of a free map present in the values. */
export function mapRowCount(values: RuleFormValues, key: string): number {
  let n = 0;
  while (`${key}.name.${n}` in values) n++;
  return n;
}

const toNumber = (s: string) => (s === "" ? undefined : Number(s.replace(",", ".")));

/** English message (shown as is in English) and, for other languages, the same message as key + vars with the field's label. */
type Issue = { path: string; message: string; i18n?: Msg };

const label = (f: RuleField) => `ruleField.${f.key}` as MessageKey;

/** Form values → a candidate config (not yet validated) and the issues found reading it. */
function readConfig(raw: Record<string, unknown>): { candidate: Record<string, unknown>; issues: Issue[] } {
  const candidate: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const f of RULE_FIELDS) {
    if (f.kind === "number") {
      const n = toNumber(str(raw[f.key]));
      if (n === undefined) issues.push({ path: f.key, message: `Enter a value for ${f.label.toLowerCase()}.`, i18n: { key: "err.rules.enterValue", terms: { label: label(f) } } });
      else candidate[f.key] = n;
    } else if (f.kind === "select") {
      const s = str(raw[f.key]);
      if (s === "") issues.push({ path: f.key, message: `Choose ${f.label.toLowerCase()}.`, i18n: { key: "err.rules.chooseField", terms: { label: label(f) } } });
      else candidate[f.key] = s;
    } else if (f.kind === "map-by-line" || f.kind === "map-by-skill") {
      const map: Record<string, unknown> = {};
      const prefix = `${f.key}.`;
      for (const [name, value] of Object.entries(raw)) {
        if (!name.startsWith(prefix)) continue;
        const n = toNumber(str(value));
        if (n !== undefined) map[name.slice(prefix.length)] = n;
      }
      candidate[f.key] = map;
    } else {
      const map: Record<string, unknown> = {};
      for (let i = 0; `${f.key}.name.${i}` in raw || `${f.key}.value.${i}` in raw; i++) {
        const name = str(raw[`${f.key}.name.${i}`]);
        const n = toNumber(str(raw[`${f.key}.value.${i}`]));
        if (name === "" && n === undefined) continue;
        if (name === "") issues.push({ path: `${f.key}.name.${i}`, message: "Name the value this weight is for, or clear the weight." });
        else if (n === undefined) issues.push({ path: `${f.key}.value.${i}`, message: `Enter a weight for “${name}”, or clear its name.` });
        else if (name.toLowerCase() in map) issues.push({ path: `${f.key}.name.${i}`, message: `“${name}” is listed twice.` });
        else map[name.toLowerCase()] = n;
      }
      candidate[f.key] = map;
    }
  }
  return { candidate, issues };
}

const fieldOf = new Map<string, RuleField>(RULE_FIELDS.map((f) => [f.key, f]));

/** The input name a schema issue belongs to (free maps: the whole field). */
function issuePath(path: PropertyKey[]): string {
  const [key, sub] = path.map(String);
  const f = key ? fieldOf.get(key) : undefined;
  if (!f || sub === undefined || f.kind === "map-by-value") return key ?? "_";
  return `${key}.${sub}`;
}

const UNIT_GEN: Record<string, MessageKey> = { points: "ruleUnitGen.points", stars: "ruleUnitGen.stars", days: "ruleUnitGen.days", minutes: "ruleUnitGen.minutes" };
const UNIT_OF: Record<string, MessageKey> = { days: "ruleUnit.days", minutes: "ruleUnit.minutes" };

/**
 * A schema issue as key + vars naming the field by its label in the viewer's language: the schema's
 * own messages are English (they name the field by its English label). Bounds are the field's, which
 * match the schema's (tests/unit/rules-form-i18n.test.ts). Unknown kinds of issue: none (looked up as English).
 */
export function schemaIssueMsg(issue: { code: string; path: PropertyKey[]; expected?: unknown }): Msg | undefined {
  const f = fieldOf.get(String(issue.path[0]));
  if (!f) return undefined;
  const terms: NonNullable<Msg["terms"]> = { label: label(f) };
  if (issue.code === "too_small" || issue.code === "too_big") {
    if (f.min === undefined || f.max === undefined) return undefined;
    // "до 5 звёзд", "до 90 дней": the unit agrees with the upper bound.
    const unit = f.unit ? UNIT_GEN[f.unit] : undefined;
    if (unit) terms.unit = { key: unit, count: f.max };
    return { key: unit ? "ruleErr.betweenUnit" : "ruleErr.between", terms: { ...terms, min: { number: f.min }, max: { number: f.max } } };
  }
  if (issue.code === "invalid_type" && issue.expected === "int") {
    const unit = f.unit ? UNIT_OF[f.unit] : undefined;
    if (unit) terms.unit = unit;
    return { key: unit ? "ruleErr.wholeOf" : "ruleErr.whole", terms };
  }
  if (issue.code === "invalid_type") return { key: "ruleErr.number", terms };
  if (issue.code === "invalid_value") return { key: "err.rules.chooseField", terms };
  return undefined;
}

export type ParsedRuleForm = { name: string; effectiveFrom: Date; note: string; proposalId: number | null; config: RuleConfig };

/** `YYYY-MM-DD` → midnight UTC of that day; rule sets are global, so their dates are in UTC. */
export function parseEffectiveDate(s: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const d = new Date(`${s}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : d;
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The whole editor form as one zod schema for the actions: name, effective date, note, an optional
 * proposal id, and the rules read field by field then validated by RuleConfigSchema.
 */
export const RuleFormSchema = z.record(z.string(), z.unknown()).transform((raw, ctx): ParsedRuleForm => {
  const add = (path: string, message: string, i18n?: Msg) => ctx.addIssue({ code: "custom", path: [path], message, ...(i18n && { params: { i18n } }) });
  const name = str(raw.name);
  if (name.length < 2 || name.length > 120) add("name", "Give the version a name of 2 to 120 characters, e.g. “More for L3”.");
  const effectiveFrom = parseEffectiveDate(str(raw.effectiveFrom));
  const now = Date.now();
  if (!effectiveFrom) add("effectiveFrom", "Choose the date the rules take effect.");
  else if (effectiveFrom.getTime() < now - 366 * DAY_MS || effectiveFrom.getTime() > now + 366 * DAY_MS) {
    add("effectiveFrom", "The date must be within a year from today.");
  }
  const note = str(raw.note);
  if (note.length > 2000) add("note", "Keep the note under 2,000 characters.");
  const pid = str(raw.proposalId);
  const proposalId = pid === "" ? null : /^\d{1,9}$/.test(pid) ? Number(pid) : NaN;
  if (Number.isNaN(proposalId)) add("proposalId", "Unknown proposal.");

  const { candidate, issues } = readConfig(raw);
  for (const i of issues) add(i.path, i.message, i.i18n);
  const parsed = RuleConfigSchema.safeParse(candidate);
  if (!parsed.success) for (const i of parsed.error.issues) add(issuePath(i.path), i.message, schemaIssueMsg(i as Parameters<typeof schemaIssueMsg>[0]));
  if (!parsed.success || issues.length > 0 || !effectiveFrom) return z.NEVER;
  return { name, effectiveFrom, note, proposalId, config: parsed.data };
});
