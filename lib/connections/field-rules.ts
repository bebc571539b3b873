import { and, eq, max, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbHandle } from "@/db/client";
import { connections, helpdeskFieldMappings, lines, skillGroups } from "@/db/schema";
import { SafeError } from "@/lib/actions/define";
import { AuthError, canManageConnections, requireViewer, type Viewer } from "@/lib/auth/policy";
import { rowsOf } from "@/lib/sync/bulk";
import { sortRules, type FieldRule } from "@/lib/sync/placement";
import { applyFieldRule, placementsOf, ruleMatchSql } from "@/lib/sync/remap";
import { loadFieldRules } from "@/lib/sync/store";

/**
 * Tag and custom-field rules: tickets carrying a tag (or a field value) count in a skill group and
 * line whatever their helpdesk group says. Admins only. A preview tells, before saving, how many
 * stored tickets the rule matches and where they would move; saving moves and rescores them.
 */

function requireAdmin(viewer: Viewer | null) {
  const v = requireViewer(viewer);
  if (!canManageConnections(v)) throw new AuthError(403);
}

const optionalId = z.union([z.literal(""), z.coerce.number().int().positive()]).transform((v) => (v === "" ? null : v));

const POSITION = "The position is a whole number from 0 to 10,000.";

export const FieldRuleSchema = z
  .object({
    connectionId: z.coerce.number().int().positive(),
    kind: z.enum(["tag", "field"]),
    fieldKey: z.string().trim().min(1, "Enter the tag, or the custom field's id or name.").max(200, "Keep the tag or field name under 200 characters."),
    fieldValue: z.string().trim().max(500, "Keep the field value under 500 characters.").optional().transform((s) => (s ? s : null)),
    skillGroupId: optionalId,
    lineId: optionalId,
    position: z
      .union([z.literal(""), z.coerce.number({ error: POSITION }).int(POSITION).min(0, POSITION).max(10_000, POSITION)], { error: POSITION })
      .optional().transform((v) => (v === "" || v === undefined ? null : v)),
  })
  .refine((r) => r.skillGroupId !== null || r.lineId !== null, { message: "Choose a skill group, a line, or both.", path: ["skillGroupId"] })
  .refine((r) => r.kind === "tag" || r.fieldValue !== null, { message: "Enter the field value that matches.", path: ["fieldValue"] });
export type FieldRuleInput = z.infer<typeof FieldRuleSchema>;

export const DeleteFieldRuleSchema = z.object({ ruleId: z.coerce.number().int().positive() });

type Names = { skill: Map<number, string>; line: Map<number, string> };
async function names(db: Db): Promise<Names> {
  const [s, l] = [await db.select({ id: skillGroups.id, name: skillGroups.name }).from(skillGroups), await db.select({ id: lines.id, name: lines.name }).from(lines)];
  return { skill: new Map(s.map((x) => [x.id, x.name])), line: new Map(l.map((x) => [x.id, x.name])) };
}
const label = (n: Names, p: { skillGroupId: number | null; lineId: number | null }) =>
  `${p.skillGroupId === null ? "no skill group" : (n.skill.get(p.skillGroupId) ?? `#${p.skillGroupId}`)} · ${p.lineId === null ? "no line" : (n.line.get(p.lineId) ?? `#${p.lineId}`)}`;

async function requireConnection(db: Db, id: number) {
  const [c] = await db.select({ id: connections.id }).from(connections).where(eq(connections.id, id));
  if (!c) throw new SafeError("No such connection.", 404);
}

/** The rules of a connection in the order they apply, with how many stored tickets each matches; and the commonest tags. */
export async function listFieldRules(db: Db, viewer: Viewer | null, connectionId: number) {
  requireAdmin(viewer);
  const n = await names(db);
  const rules = await loadFieldRules(db, connectionId);
  const out = [];
  for (const r of rules) {
    const [row] = rowsOf(await db.execute(sql`select count(*)::int as n from tickets t where t.connection_id = ${connectionId} and (${ruleMatchSql(r)})`));
    out.push({ ...r, tickets: Number(row?.n ?? 0), target: label(n, r) });
  }
  const tags = rowsOf(
    await db.execute(sql`select tag.v as tag, count(*)::int as n from tickets t, unnest(t.tags) as tag(v) where t.connection_id = ${connectionId} group by tag.v order by n desc, tag.v limit 30`),
  ).map((r) => ({ tag: String(r.tag), tickets: Number(r.n) }));
  return { rules: out, tags };
}

export type RulePreview = {
  /** Stored tickets the rule matches. */
  matched: number;
  /** Of those, how many would count somewhere else (the rest: an earlier rule already decides, or nothing changes). */
  changed: number;
  /** Where they move, biggest first. */
  moves: { from: string; to: string; tickets: number }[];
};

function asRule(input: FieldRuleInput, id: number, position: number): FieldRule {
  return { id, kind: input.kind, fieldKey: input.fieldKey, fieldValue: input.kind === "tag" ? null : input.fieldValue, skillGroupId: input.skillGroupId, lineId: input.lineId, position };
}

async function nextPosition(db: Db, connectionId: number): Promise<number> {
  const [r] = await db.select({ p: max(helpdeskFieldMappings.position) }).from(helpdeskFieldMappings).where(eq(helpdeskFieldMappings.connectionId, connectionId));
  return (r?.p ?? -1) + 1;
}

/** What saving the rule would do to stored tickets; writes nothing. */
export async function previewFieldRule(db: Db, viewer: Viewer | null, input: FieldRuleInput): Promise<RulePreview> {
  requireAdmin(viewer);
  await requireConnection(db, input.connectionId);
  const existing = await loadFieldRules(db, input.connectionId);
  const rule = asRule(input, Number.MAX_SAFE_INTEGER, input.position ?? (await nextPosition(db, input.connectionId)));
  const placed = await placementsOf(db, input.connectionId, ruleMatchSql(rule), sortRules([...existing, rule]));
  const n = await names(db);
  const moves = new Map<string, { from: string; to: string; tickets: number }>();
  let changed = 0;
  for (const p of placed) {
    if (p.before.skillGroupId === p.after.skillGroupId && p.before.lineId === p.after.lineId) continue;
    changed++;
    const from = label(n, p.before);
    const to = label(n, p.after);
    const m = moves.get(`${from}→${to}`) ?? { from, to, tickets: 0 };
    m.tickets++;
    moves.set(`${from}→${to}`, m);
  }
  return { matched: placed.length, changed, moves: [...moves.values()].sort((a, b) => b.tickets - a.tickets) };
}

/** Saves the rule; the tickets it matches move and are rescored in the same transaction. */
export async function saveFieldRule(handle: DbHandle, viewer: Viewer | null, input: FieldRuleInput): Promise<{ ruleId: number; ticketsRescored: number }> {
  requireAdmin(viewer);
  await requireConnection(handle.db, input.connectionId);
  return handle.db.transaction(async (tx) => {
    const position = input.position ?? (await nextPosition(tx, input.connectionId));
    const [row] = await tx
      .insert(helpdeskFieldMappings)
      .values({ connectionId: input.connectionId, kind: input.kind, fieldKey: input.fieldKey, fieldValue: input.kind === "tag" ? null : input.fieldValue, skillGroupId: input.skillGroupId, lineId: input.lineId, position })
      .returning();
    const r = await applyFieldRule(tx, input.connectionId, ruleMatchSql(row!), new Date());
    return { ruleId: row!.id, ticketsRescored: r.tickets };
  });
}

/** Removes a rule; the tickets it matched go back to their group's mapping (or the next rule). */
export async function deleteFieldRule(handle: DbHandle, viewer: Viewer | null, input: z.infer<typeof DeleteFieldRuleSchema>): Promise<{ ticketsRescored: number }> {
  requireAdmin(viewer);
  return handle.db.transaction(async (tx) => {
    const [row] = await tx.delete(helpdeskFieldMappings).where(and(eq(helpdeskFieldMappings.id, input.ruleId))).returning();
    if (!row) throw new SafeError("No such rule.", 404);
    const r = await applyFieldRule(tx, row.connectionId, ruleMatchSql(row), new Date());
    return { ticketsRescored: r.tickets };
  });
}
