import { z } from "zod";
import type { TicketStatus } from "@/db/schema";
import { FRESHDESK_LEVELS } from "@/lib/scoring/normalize-rating";
import type { SourceAgent, SourceGroup, SourceRating, SourceStatusEvent, SourceTicket } from "../types";
import { parseRecord } from "../zod-parse";
import { fieldValues } from "../shared/fields";

/**
 * Freshdesk's raw records → Podium's shapes. Accepts the v2 shapes the connector fetches and the
 * older v1 spellings found in the recorded exchanges (ticket_type, deleted, owner_id), so every
 * recorded body parses (tests/unit/freshdesk-contract.test.ts).
 */

const id = z.union([z.number().int(), z.string().min(1)]).transform(String);
const isoDate = z.iso.datetime({ offset: true, error: "expected an ISO date-time" });

/** 2 open, 3 pending, 4 resolved, 5 closed; 6+ are an account's custom statuses (waiting states). */
function mapStatus(n: number): TicketStatus {
  if (n === 2) return "open";
  if (n === 3) return "pending";
  if (n === 4) return "solved";
  if (n === 5) return "closed";
  return "pending";
}
const STATUS_NAMES: Record<number, string> = { 2: "open", 3: "pending", 4: "resolved", 5: "closed" };
const PRIORITY_NAMES: Record<number, string> = { 1: "low", 2: "medium", 3: "high", 4: "urgent" };

const Stats = z
  .object({
    resolved_at: isoDate.nullable().optional(),
    closed_at: isoDate.nullable().optional(),
    reopened_at: isoDate.nullable().optional(),
  })
  .nullable()
  .optional();

/**
 * One row of the ticket activities export (`activities_data` of the day's file): when, who, and
 * what changed. `performed_at` is "DD-MM-YYYY HH:MM:SS +0000" in the files; ISO is accepted too.
 * Only `activity.status` (a status name) is read.
 */
export const ActivitySchema = z.object({
  ticket_id: id,
  performed_at: z.string().refine((v) => parseFreshdeskTime(v) !== null, "performed_at is not a time"),
  performer_type: z.string().nullable().optional(),
  performer_id: id.nullable().optional(),
  activity: z.record(z.string(), z.unknown()),
});
export type FreshdeskActivity = z.infer<typeof ActivitySchema>;

/** "24-11-2026 09:33:38 +0000" (the export's format) or an ISO date-time → epoch ms, or null. */
export function parseFreshdeskTime(v: string): number | null {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2}):?(\d{2})$/.exec(v.trim());
  if (m) {
    const [, d, mo, y, h, mi, se, sign, oh, om] = m;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
    const offset = (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
    return utc - offset;
  }
  const iso = /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : NaN;
  return Number.isFinite(iso) ? iso : null;
}

const TicketSchema = z.object({
  id,
  subject: z.string().nullable().optional(),
  status: z.number().int().min(2, "status must be 2 or more (2 open … 5 closed, 6+ custom)"),
  group_id: id.nullable().optional(),
  responder_id: id.nullable().optional(),
  priority: z.number().int().nullable().optional(),
  type: z.string().nullable().optional(),
  ticket_type: z.string().nullable().optional(),
  created_at: isoDate,
  updated_at: isoDate,
  spam: z.boolean().optional(),
  deleted: z.boolean().optional(),
  tags: z.array(z.string()).optional().default([]),
  custom_fields: z.record(z.string(), z.unknown()).nullable().optional(),
  stats: Stats,
  /** Reopens counted from the activities export, when the connector could read it. */
  reopens: z.number().int().min(0).optional(),
  /** This ticket's rows of the activities export, attached by the connector when it has them all. */
  activities: z.array(ActivitySchema).optional(),
});

const AgentSchema = z.object({
  id,
  contact: z.object({ name: z.string().nullable().optional(), email: z.string().nullable().optional(), active: z.boolean().optional() }),
  group_ids: z.array(id).optional().default([]),
});

const GroupSchema = z.object({ id, name: z.string().min(1) });

const RatingSchema = z.object({
  id,
  ticket_id: id,
  agent_id: id.nullable().optional(),
  feedback: z.string().nullable().optional(),
  ratings: z.record(z.string(), z.number()).refine((r) => "default_question" in r, "ratings.default_question is missing"),
  created_at: isoDate,
  updated_at: isoDate,
});

export function normalizeAgent(raw: unknown): SourceAgent {
  const a = parseRecord(AgentSchema, raw, "Agent");
  return {
    externalId: a.id,
    name: a.contact.name?.trim() || a.contact.email || `Freshdesk agent ${a.id}`,
    email: a.contact.email ?? null,
    // Everyone listed by /agents is an agent; contact.active only says the email is verified.
    isAgent: true,
    groupExternalIds: a.group_ids,
  };
}

export function normalizeGroup(raw: unknown): SourceGroup {
  const g = parseRecord(GroupSchema, raw, "Group");
  return { externalId: g.id, name: g.name };
}

export function normalizeTicket(raw: unknown): SourceTicket {
  const t = parseRecord(TicketSchema, raw, "Ticket");
  const deleted = t.deleted === true;
  const status: TicketStatus = deleted ? "deleted" : mapStatus(t.status);
  const createdAt = new Date(t.created_at);
  const updatedAt = new Date(t.updated_at);
  const solvedNow = status === "solved" || status === "closed";
  const resolved = t.stats?.resolved_at ? new Date(t.stats.resolved_at) : t.stats?.closed_at ? new Date(t.stats.closed_at) : null;
  const reopenedAt = t.stats?.reopened_at ? new Date(t.stats.reopened_at) : null;
  const reopens = Math.max(t.reopens ?? 0, reopenedAt ? 1 : 0);
  const fromActivities = t.activities ? eventsFromActivities(t.activities, createdAt, status, reopenedAt) : null;
  // The solve that stuck names the solver; the responder when that solve was an automation's.
  const lastSolve = fromActivities ? [...fromActivities].reverse().find((e) => (e.to === "solved" || e.to === "closed") && e.actorExternalId !== null) : undefined;
  const solver = solvedNow ? (lastSolve?.actorExternalId ?? t.responder_id ?? null) : null;
  const events = fromActivities ?? statusEvents({ status, createdAt, updatedAt, resolved, reopenedAt, reopens, solver });
  const firstSolve = events.find((e) => e.to === "solved" || e.to === "closed");
  return {
    externalId: t.id,
    subject: t.subject ?? "",
    status,
    rawStatus: deleted ? "deleted" : (STATUS_NAMES[t.status] ?? `custom:${t.status}`),
    groupExternalId: t.group_id ?? null,
    assigneeExternalId: t.responder_id ?? null,
    solverExternalId: solver,
    priority: t.priority != null ? (PRIORITY_NAMES[t.priority] ?? String(t.priority)) : null,
    ticketType: t.type ?? t.ticket_type ?? null,
    createdAt,
    updatedAt,
    solvedAt: firstSolve?.at ?? null,
    isMerged: t.tags.some((x) => x.toLowerCase() === "merged"),
    isDeleted: deleted,
    isSpam: t.spam === true,
    solvedByAutomation: false,
    events,
    contributors: [],
    tags: t.tags,
    customFields: fieldValues(Object.entries(t.custom_fields ?? {})),
  };
}

const ACTIVITY_STATUS: Record<string, TicketStatus> = { open: "open", pending: "pending", resolved: "solved", closed: "closed" };

/**
 * The status history from the activities export, or null when it does not tell the whole story
 * (a day's file missing, or the ticket changed since): then stats decide. Whole means: it ends
 * in the ticket's current status and holds the reopen that stats.reopened_at names. Actors are
 * kept on solves only (a reopen is mostly the requester's reply; no placeholder agent for them).
 */
export function eventsFromActivities(activities: FreshdeskActivity[], createdAt: Date, status: TicketStatus, reopenedAt: Date | null): SourceStatusEvent[] | null {
  const rows = activities
    .map((a) => ({ at: parseFreshdeskTime(a.performed_at)!, a }))
    .sort((x, y) => x.at - y.at);
  const events: SourceStatusEvent[] = [{ at: createdAt, from: null, to: "new", actorExternalId: null, publicAgentReply: false }];
  let prev: TicketStatus = "new";
  for (const { at, a } of rows) {
    const name = a.activity.status;
    if (typeof name !== "string") continue;
    // Custom statuses (by name) are waiting states, as their numbers 6+ are.
    const to = ACTIVITY_STATUS[name.trim().toLowerCase()] ?? "pending";
    if (to === prev) continue;
    const solve = to === "solved" || to === "closed";
    events.push({ at: new Date(Math.max(at, createdAt.getTime())), from: prev, to, actorExternalId: solve ? (a.performer_id ?? null) : null, publicAgentReply: false });
    prev = to;
  }
  if (prev !== status) return null;
  if (reopenedAt) {
    const seen = events.some((e) => (e.from === "solved" || e.from === "closed") && Math.abs(e.at.getTime() - reopenedAt.getTime()) < 1000);
    if (!seen) return null;
  }
  return events;
}

/**
 * Status history from stats: Freshdesk keeps the last resolve and the last reopen. A reopen
 * before the last resolve means: solved, reopened, solved again; a reopen after it means the
 * ticket is open again. Earlier reopens (counted from activities) sit between creation and the last one.
 */
function statusEvents(p: {
  status: TicketStatus;
  createdAt: Date;
  updatedAt: Date;
  resolved: Date | null;
  reopenedAt: Date | null;
  reopens: number;
  solver: string | null;
}): SourceStatusEvent[] {
  const ev: SourceStatusEvent[] = [{ at: p.createdAt, from: null, to: "new", actorExternalId: null, publicAgentReply: false }];
  let prev: TicketStatus = "new";
  const push = (at: number, to: TicketStatus, actor: string | null) => {
    ev.push({ at: new Date(Math.max(at, ev[ev.length - 1]!.at.getTime())), from: prev, to, actorExternalId: actor, publicAgentReply: false });
    prev = to;
  };
  const solvedNow = p.status === "solved" || p.status === "closed";
  const lastResolve = p.resolved ?? (solvedNow ? p.updatedAt : null);
  const lastReopen = p.reopenedAt;
  const start = p.createdAt.getTime();
  const anchor = lastReopen?.getTime() ?? lastResolve?.getTime() ?? p.updatedAt.getTime();
  // Reopens before the last one: evenly spaced solve/reopen pairs between creation and it.
  const earlier = Math.max(0, p.reopens - (lastReopen ? 1 : 0));
  const step = (anchor - start) / (earlier * 2 + 3);
  let at = start;
  for (let i = 0; i < earlier; i++) {
    push((at += step), "solved", p.solver);
    push((at += step), "open", null);
  }
  if (lastReopen) {
    if (!lastResolve || lastResolve > lastReopen) {
      push((at += step), "solved", p.solver);
      push(lastReopen.getTime(), "open", null);
      if (solvedNow && lastResolve) push(lastResolve.getTime(), p.status, p.solver);
      else if (p.status !== "open") push(p.updatedAt.getTime(), p.status, null);
    } else {
      push(lastResolve.getTime(), "solved", p.solver);
      push(lastReopen.getTime(), "open", null);
      if (p.status !== "open") push(p.updatedAt.getTime(), p.status, solvedNow ? p.solver : null);
    }
  } else if (solvedNow && lastResolve) {
    push(lastResolve.getTime(), p.status, p.solver);
  } else if (p.status !== "new") {
    push(p.updatedAt.getTime(), p.status, null);
  }
  return ev;
}

export function normalizeRating(raw: unknown): SourceRating {
  const r = parseRecord(RatingSchema, raw, "Satisfaction rating");
  const value = r.ratings.default_question!;
  if (!(FRESHDESK_LEVELS as readonly number[]).includes(value)) {
    throw new Error(`Satisfaction rating ${r.id} is malformed: ratings.default_question ${value} is not a Freshdesk answer (−103…−101, 100…103).`);
  }
  return {
    externalId: r.id,
    ticketExternalId: r.ticket_id,
    ratedAgentExternalId: r.agent_id ?? null,
    scale: "freshdesk_103",
    rawValue: String(value),
    comment: r.feedback ?? null,
    ratedAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}
