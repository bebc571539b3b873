import { z } from "zod";
import type { TicketStatus } from "@/db/schema";
import type { SourceAgent, SourceGroup, SourceRating, SourceStatusEvent, SourceTicket } from "../types";
import { idAt, parseRecord } from "../shared/parse";
import { parseWallTime } from "../shared/wall-time";

/**
 * GLPI legacy REST API records (https://github.com/glpi-project/glpi/blob/main/apirest.md) →
 * Podium's shapes. GLPI returns numbers as numbers or strings depending on version and driver,
 * and dates as "YYYY-MM-DD HH:MM:SS" in the server's time zone (settings.timeZone).
 * A ticket record is { ticket, logs, actors, groups }: GET /Ticket/{id} and its Log,
 * Ticket_User and Group_Ticket sub-items.
 */

const num = z.union([z.number(), z.string().regex(/^-?\d+$/, "expected a number")]).transform(Number);
const wall = z.string();

export const GlpiTicketSchema = z.looseObject({
  id: num,
  name: z.string().nullish(),
  status: num,
  date: wall,
  date_mod: wall,
  solvedate: wall.nullish(),
  closedate: wall.nullish(),
  priority: num.nullish(),
  type: num.nullish(),
  is_deleted: num.optional(),
});
export const GlpiLogSchema = z.looseObject({
  id: num,
  user_name: z.string().nullish(),
  date_mod: wall,
  id_search_option: num,
  old_value: z.union([z.string(), z.number()]).nullish(),
  new_value: z.union([z.string(), z.number()]).nullish(),
});
/** Ticket_User / Group_Ticket: type 1 requester, 2 assigned, 3 observer. */
export const GlpiActorSchema = z.looseObject({ users_id: num, type: num });
export const GlpiGroupLinkSchema = z.looseObject({ groups_id: num, type: num });
export const GlpiTicketRecordSchema = z.object({
  ticket: GlpiTicketSchema,
  logs: z.array(GlpiLogSchema),
  actors: z.array(GlpiActorSchema),
  groups: z.array(GlpiGroupLinkSchema),
});

export const GlpiUserSchema = z.looseObject({
  id: num,
  name: z.string(),
  realname: z.string().nullish(),
  firstname: z.string().nullish(),
  is_active: num.optional(),
  /** Added by the connector from UserEmail and Group_User. */
  _email: z.string().nullish(),
  _group_ids: z.array(z.string()).optional(),
});
export const GlpiGroupSchema = z.looseObject({ id: num, name: z.string(), completename: z.string().nullish() });
export const GlpiSatisfactionSchema = z.looseObject({
  id: num,
  tickets_id: num,
  date_begin: wall.nullish(),
  date_answered: wall.nullish(),
  satisfaction: num.nullish(),
  comment: z.string().nullish(),
});

/** GLPI's ticket statuses: 1 new, 2 processing (assigned), 3 processing (planned), 4 pending, 5 solved, 6 closed. */
const STATUS_BY_CODE: Record<number, TicketStatus> = { 1: "new", 2: "open", 3: "open", 4: "pending", 5: "solved", 6: "closed" };
const STATUS_LABEL: Record<number, string> = { 1: "New", 2: "Processing (assigned)", 3: "Processing (planned)", 4: "Pending", 5: "Solved", 6: "Closed" };
/** Log values are the status code, or its label in older versions. */
function statusOfLogValue(v: string | number | null | undefined): TicketStatus | null {
  if (v === null || v === undefined || v === "") return null;
  const n = Number(v);
  if (Number.isInteger(n)) return STATUS_BY_CODE[n] ?? null;
  const code = Object.entries(STATUS_LABEL).find(([, label]) => label.toLowerCase() === String(v).trim().toLowerCase());
  return code ? STATUS_BY_CODE[Number(code[0])]! : null;
}
const SOLVED = new Set<TicketStatus>(["solved", "closed"]);
/** The status search option of Ticket. */
const STATUS_OPTION = 12;

/** "glpi (2)" → "2". */
export const userIdOfLogName = (name: string | null | undefined) => /\((\d+)\)\s*$/.exec(name ?? "")?.[1] ?? null;

export function glpiDate(s: string, tz: string, what: string): Date {
  const d = parseWallTime(s, tz);
  if (!d) throw new Error(`${what} "${s}" is not a GLPI date (YYYY-MM-DD HH:MM:SS).`);
  return d;
}
const optDate = (s: string | null | undefined, tz: string, what: string) => (s ? glpiDate(s, tz, what) : null);

export function normalizeGlpiAgent(raw: unknown): SourceAgent {
  const u = parseRecord(GlpiUserSchema, raw, "User", idAt(raw, "id"));
  const name = [u.firstname, u.realname].filter(Boolean).join(" ").trim() || u.name;
  // GLPI's user list does not say who is a technician; unlinked requesters score nothing anyway.
  return { externalId: String(u.id), name, email: u._email || null, isAgent: true, groupExternalIds: u._group_ids ?? [] };
}

export function normalizeGlpiGroup(raw: unknown): SourceGroup {
  const g = parseRecord(GlpiGroupSchema, raw, "Group", idAt(raw, "id"));
  return { externalId: String(g.id), name: g.completename || g.name };
}

export function normalizeGlpiTicket(raw: unknown, tz: string): SourceTicket {
  const r = parseRecord(GlpiTicketRecordSchema, raw, "Ticket", idAt(raw, "ticket", "id"));
  const t = r.ticket;
  const status = STATUS_BY_CODE[t.status];
  if (!status) throw new Error(`Ticket ${t.id} is malformed: unknown GLPI status ${t.status}.`);
  const createdAt = glpiDate(t.date, tz, `Ticket ${t.id} date`);
  const updatedAt = glpiDate(t.date_mod, tz, `Ticket ${t.id} date_mod`);
  const changes = r.logs
    .filter((l) => l.id_search_option === STATUS_OPTION)
    .map((l) => ({ log: l, at: glpiDate(l.date_mod, tz, `Ticket ${t.id} log ${l.id} date_mod`) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.log.id - b.log.id);
  const events: SourceStatusEvent[] = [
    { at: createdAt, from: null, to: statusOfLogValue(changes[0]?.log.old_value) ?? status, actorExternalId: null, publicAgentReply: false },
  ];
  for (const { log, at } of changes) {
    const to = statusOfLogValue(log.new_value);
    if (!to) continue;
    // The log does not say whether a followup was public (followups are not read).
    events.push({ at, from: statusOfLogValue(log.old_value), to, actorExternalId: userIdOfLogName(log.user_name), publicAgentReply: false });
  }
  const assignee = r.actors.filter((a) => a.type === 2).map((a) => String(a.users_id))[0] ?? null;
  const group = r.groups.filter((g) => g.type === 2).map((g) => String(g.groups_id))[0] ?? null;
  const lastSolve = [...events].reverse().find((e) => SOLVED.has(e.to) && (e.from === null || !SOLVED.has(e.from)));
  const solvedAt = SOLVED.has(status) ? (events.find((e) => SOLVED.has(e.to))?.at ?? optDate(t.solvedate, tz, "solvedate") ?? optDate(t.closedate, tz, "closedate") ?? updatedAt) : null;
  return {
    externalId: String(t.id),
    subject: t.name ?? "",
    status: Number(t.is_deleted ?? 0) === 1 ? "deleted" : status,
    rawStatus: STATUS_LABEL[t.status]!,
    groupExternalId: group,
    assigneeExternalId: assignee,
    solverExternalId: SOLVED.has(status) ? (lastSolve?.actorExternalId ?? assignee) : null,
    priority: t.priority != null ? String(t.priority) : null,
    ticketType: t.type === 1 ? "incident" : t.type === 2 ? "request" : null,
    createdAt,
    updatedAt,
    solvedAt,
    isMerged: false,
    isDeleted: Number(t.is_deleted ?? 0) === 1,
    isSpam: false,
    solvedByAutomation: false,
    events,
    contributors: [],
  };
}

/** An answered survey: 0…max stars (GLPI 10: 0–5; GLPI 11 lets admins set the maximum). */
export function normalizeGlpiRating(raw: unknown, tz: string, scaleMax: number): SourceRating {
  const s = parseRecord(GlpiSatisfactionSchema, raw, "Satisfaction", idAt(raw, "id"));
  if (s.satisfaction === null || s.satisfaction === undefined || !s.date_answered) {
    throw new Error(`Satisfaction ${s.id} of ticket ${s.tickets_id} is not answered yet.`);
  }
  const answered = glpiDate(s.date_answered, tz, `Satisfaction ${s.id} date_answered`);
  return {
    externalId: String(s.id),
    ticketExternalId: String(s.tickets_id),
    ratedAgentExternalId: null,
    scale: "zero_to_max",
    rawValue: String(s.satisfaction),
    scaleMax,
    comment: s.comment || null,
    ratedAt: answered,
    updatedAt: answered,
  };
}
