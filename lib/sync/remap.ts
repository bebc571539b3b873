import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "./bulk";
import { ticketsOfIdentities } from "./identities";
import { placeTicket, type FieldRule } from "./placement";
import { rescoreTickets, type RescoreResult } from "./rescore";
import { loadFieldRules } from "./store";

/**
 * Follow-ups of mapping edits made in Podium (not in the helpdesk): stored tickets take the new
 * mapping and are rescored at once, instead of waiting for the helpdesk to touch them again.
 */

export type PlacedTicket = {
  id: number;
  before: { skillGroupId: number | null; lineId: number | null };
  after: { skillGroupId: number | null; lineId: number | null };
};

/**
 * The tickets of a connection that `where` selects (SQL over `t`, the tickets table), with where
 * they count now and where `rules` would put them (their group's mapping, then the rules).
 */
export async function placementsOf(db: Db, connectionId: number, where: SQL, rules: FieldRule[]): Promise<PlacedTicket[]> {
  const rows = rowsOf(
    await db.execute(sql`
      select t.id, t.skill_group_id, t.line_id, t.tags, t.custom_fields, hg.skill_group_id as g_skill, hg.line_id as g_line
      from tickets t
      left join helpdesk_groups hg on hg.connection_id = t.connection_id and hg.external_id = t.group_external_id
      where t.connection_id = ${connectionId} and (${where})`),
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    id: Number(r.id),
    before: { skillGroupId: num(r.skill_group_id), lineId: num(r.line_id) },
    after: placeTicket(
      { skillGroupId: num(r.g_skill), lineId: num(r.g_line) },
      { tags: (r.tags as string[] | null) ?? [], customFields: (typeof r.custom_fields === "string" ? JSON.parse(r.custom_fields) : r.custom_fields) ?? {} },
      rules,
    ),
  }));
}

const moved = (p: PlacedTicket) => p.before.skillGroupId !== p.after.skillGroupId || p.before.lineId !== p.after.lineId;

/** Writes the new placement of the selected tickets; returns the ids whose placement changed. */
export async function replacePlacement(db: Db, connectionId: number, where: SQL): Promise<{ selected: number[]; changed: number[] }> {
  const placed = await placementsOf(db, connectionId, where, await loadFieldRules(db, connectionId));
  const changed = placed.filter(moved);
  if (changed.length) {
    const json = JSON.stringify(changed.map((p) => ({ id: p.id, s: p.after.skillGroupId, l: p.after.lineId })));
    await db.execute(sql`
      update tickets t set skill_group_id = x.s, line_id = x.l
      from jsonb_to_recordset(${json}::jsonb) as x(id bigint, s integer, l integer)
      where t.id = x.id`);
  }
  return { selected: placed.map((p) => p.id), changed: changed.map((p) => p.id) };
}

/** After a helpdesk group's skill group or line changed: its tickets follow and are rescored. */
export async function applyGroupMapping(db: Db, connectionId: number, groupExternalId: string, now: Date): Promise<RescoreResult> {
  return db.transaction(async (tx) => {
    const { selected } = await replacePlacement(tx, connectionId, sql`t.group_external_id = ${groupExternalId}`);
    return rescoreTickets(tx, selected, now);
  });
}

/** After a tag/field rule was added or removed: the tickets it matches follow and are rescored. */
export async function applyFieldRule(db: Db, connectionId: number, matches: SQL, now: Date): Promise<RescoreResult> {
  const { changed } = await replacePlacement(db, connectionId, matches);
  return rescoreTickets(db, changed, now);
}

/** SQL (over `t`) for the tickets a rule matches; the same test as ruleMatches, so candidates are exact. */
export function ruleMatchSql(rule: Pick<FieldRule, "kind" | "fieldKey" | "fieldValue">): SQL {
  if (rule.kind === "tag") return sql`exists (select 1 from unnest(t.tags) as tag(v) where lower(tag.v) = ${rule.fieldKey.trim().toLowerCase()})`;
  const key = rule.fieldKey.trim();
  if (rule.fieldValue === null) return sql`t.custom_fields ? ${key}`;
  return sql`btrim(t.custom_fields ->> ${key}) = ${rule.fieldValue.trim()}`;
}

/** After identities were linked to (or unlinked from) engineers by hand: their tickets are rescored. */
export async function applyIdentityLinks(db: Db, identityIds: number[], now: Date): Promise<RescoreResult> {
  return db.transaction(async (tx) => {
    return rescoreTickets(tx, await ticketsOfIdentities(tx, identityIds), now);
  });
}
