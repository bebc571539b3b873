import { z } from "zod";
import type { TicketStatus } from "@/db/schema";
import type { SourceAgent, SourceGroup, SourceRating, SourceStatusEvent, SourceTicket } from "../types";
import { idAt, parseRecord } from "../shared/parse";
import { solveAttribution } from "../shared/solve";

/**
 * Zammad's records (https://docs.zammad.org/en/latest/api/ticket/index.html, …/api/user.html,
 * …/api/group.html) → Podium's shapes. Lenient about fields Podium does not read, strict about
 * the ones it does. A ticket record is the ticket (expanded or not) plus its history entries.
 */

const isoDate = z.iso.datetime({ offset: true, error: "expected an ISO date-time" });
const zid = z.number().int().nonnegative();

export const ZammadUserSchema = z.looseObject({
  id: zid,
  login: z.string().nullish(),
  firstname: z.string().nullish(),
  lastname: z.string().nullish(),
  email: z.string().nullish(),
  active: z.boolean().optional(),
  role_ids: z.array(zid).optional(),
  roles: z.array(z.string()).optional(),
  group_ids: z.record(z.string(), z.array(z.string())).optional(),
});

export const ZammadGroupSchema = z.looseObject({ id: zid, name: z.string().min(1), active: z.boolean().optional() });

export const ZammadTicketSchema = z.looseObject({
  id: zid,
  number: z.string().optional(),
  title: z.string().nullish(),
  group_id: zid.nullish(),
  state_id: zid,
  /** Only with expand=true. */
  state: z.string().optional(),
  priority: z.string().optional(),
  priority_id: zid.nullish(),
  owner_id: zid.nullish(),
  type: z.string().nullish(),
  created_at: isoDate,
  updated_at: isoDate,
  close_at: isoDate.nullish(),
  last_close_at: isoDate.nullish(),
});

/** One entry of GET /api/v1/ticket_history/{id} (`{"history": [...], "assets": {...}}`). */
export const ZammadHistorySchema = z.looseObject({
  id: zid,
  o_id: zid.optional(),
  object: z.string(),
  type: z.string(),
  attribute: z.string().nullish(),
  value_from: z.string().nullish(),
  value_to: z.string().nullish(),
  created_by_id: zid.nullish(),
  created_at: isoDate,
});
export const ZammadHistoryBodySchema = z.looseObject({ history: z.array(ZammadHistorySchema) });

export type ZammadTicket = z.infer<typeof ZammadTicketSchema>;
export type ZammadHistory = z.infer<typeof ZammadHistorySchema>;
export const ZammadTicketRecordSchema = z.object({ ticket: ZammadTicketSchema, history: z.array(ZammadHistorySchema) });

/** The states a fresh Zammad has, by id, for records fetched without expand=true. */
const DEFAULT_STATE_NAMES: Record<number, string> = {
  1: "new",
  2: "open",
  3: "pending reminder",
  4: "closed",
  5: "merged",
  6: "removed",
  7: "pending close",
};

/** Zammad has no "solved": closed is the end state agents set. Custom states map by their words. */
export function zammadStatus(name: string): TicketStatus {
  const n = name.trim().toLowerCase();
  if (n === "new") return "new";
  if (n === "closed" || n === "merged") return "closed";
  if (n === "removed") return "deleted";
  if (n.startsWith("pending")) return "pending";
  if (n.includes("solved") || n.includes("resolved")) return "solved";
  return "open";
}

const SOLVED = new Set<TicketStatus>(["solved", "closed"]);

export function stateNameOf(t: ZammadTicket): string {
  return t.state ?? DEFAULT_STATE_NAMES[t.state_id] ?? `state ${t.state_id}`;
}

export function normalizeZammadAgent(raw: unknown): SourceAgent {
  const u = parseRecord(ZammadUserSchema, raw, "User", idAt(raw, "id"));
  const name = [u.firstname, u.lastname].filter((s) => s && s !== "-").join(" ").trim() || u.login || `User ${u.id}`;
  // Role 2 is "Agent" and 1 "Admin" in every Zammad; the names come with expand=true.
  const isAgent = u.roles ? u.roles.some((r) => r === "Agent" || r === "Admin") : (u.role_ids ?? []).some((r) => r === 1 || r === 2);
  return {
    externalId: String(u.id),
    name,
    email: u.email ? u.email : null,
    isAgent,
    groupExternalIds: Object.keys(u.group_ids ?? {}),
  };
}

export function normalizeZammadGroup(raw: unknown): SourceGroup {
  const g = parseRecord(ZammadGroupSchema, raw, "Group", idAt(raw, "id"));
  return { externalId: String(g.id), name: g.name };
}

/** Status changes from the history, in time order; the first event is the creation. */
function statusEvents(t: ZammadTicket, history: ZammadHistory[]): SourceStatusEvent[] {
  const changes = history
    .filter((h) => h.object === "Ticket" && h.type === "updated" && h.attribute === "state" && h.value_to)
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
  const events: SourceStatusEvent[] = [];
  const first = changes[0]?.value_from ? zammadStatus(changes[0].value_from) : zammadStatus(stateNameOf(t));
  events.push({ at: new Date(t.created_at), from: null, to: first, actorExternalId: null, publicAgentReply: false });
  for (const h of changes) {
    const from = h.value_from ? zammadStatus(h.value_from) : null;
    const to = zammadStatus(h.value_to!);
    events.push({
      at: new Date(h.created_at),
      from,
      to,
      actorExternalId: h.created_by_id != null && h.created_by_id > 1 ? String(h.created_by_id) : null,
      // The history does not say whether an agent replied publicly (articles are not read).
      publicAgentReply: false,
    });
  }
  return events;
}

export function normalizeZammadTicket(raw: unknown): SourceTicket {
  const { ticket: t, history } = parseRecord(ZammadTicketRecordSchema, raw, "Ticket", idAt(raw, "ticket", "id"));
  const stateName = stateNameOf(t);
  const status = zammadStatus(stateName);
  const updatedAt = new Date(t.updated_at);
  const events = statusEvents(t, history).filter((e) => e.at <= updatedAt);
  const firstSolve = events.find((e) => SOLVED.has(e.to));
  const solvedAt = SOLVED.has(status) ? (firstSolve?.at ?? (t.close_at ? new Date(t.close_at) : updatedAt)) : null;
  // User 1 is Zammad's system user: "-" as owner means nobody, and its changes are the scheduler's.
  const owner = t.owner_id != null && t.owner_id > 1 ? String(t.owner_id) : null;
  const solve = solveAttribution(events, owner);
  return {
    externalId: String(t.id),
    subject: t.title ?? "",
    status,
    rawStatus: stateName,
    groupExternalId: t.group_id != null ? String(t.group_id) : null,
    assigneeExternalId: owner,
    solverExternalId: SOLVED.has(status) ? solve.solver : null,
    priority: t.priority ?? (t.priority_id != null ? String(t.priority_id) : null),
    ticketType: t.type ?? null,
    createdAt: new Date(t.created_at),
    updatedAt,
    solvedAt,
    isMerged: stateName === "merged",
    isDeleted: status === "deleted",
    isSpam: false,
    solvedByAutomation: SOLVED.has(status) && solve.byAutomation,
    events,
    contributors: [],
  };
}

/** A rating is a ticket with the configured CSAT attribute set; one per ticket, replaced on change. */
export function normalizeZammadRating(raw: unknown, attribute: string, scale: "one_to_five" | "zero_to_max", scaleMax?: number): SourceRating {
  const t = parseRecord(ZammadTicketSchema, raw, "Rated ticket", idAt(raw, "id"));
  const value = (t as Record<string, unknown>)[attribute];
  if (value === null || value === undefined || value === "") throw new Error(`Rated ticket ${t.id} has no value in its "${attribute}" attribute.`);
  if (typeof value !== "number" && typeof value !== "string") throw new Error(`Rated ticket ${t.id}: "${attribute}" is not a number.`);
  const comment = (t as Record<string, unknown>)[`${attribute}_comment`];
  return {
    externalId: `ticket-${t.id}`,
    ticketExternalId: String(t.id),
    ratedAgentExternalId: t.owner_id != null && t.owner_id > 1 ? String(t.owner_id) : null,
    scale,
    rawValue: String(value),
    scaleMax,
    comment: typeof comment === "string" && comment ? comment : null,
    // Zammad keeps no time of the answer: the ticket's last change is the closest there is.
    ratedAt: new Date(t.updated_at),
    updatedAt: new Date(t.updated_at),
  };
}
