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
  const solver = solvedNow ? (t.responder_id ?? null) : null;
  const events = statusEvents({ status, createdAt, updatedAt, resolved, reopenedAt, reopens, solver });
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
