import { z } from "zod";
import { ticketStatusEnum } from "@/db/schema";
import type { SourceAgent, SourceGroup, SourceRating, SourceTicket } from "../types";

/**
 * Validation of the demo helpdesk's raw records. A record that does not fit throws an Error that
 * names the record and says what is wrong, so the sync can report it and store the rest.
 */

const isoDate = z.iso.datetime({ offset: true, error: "expected an ISO date-time" });
const id = z.string().min(1, "expected a non-empty id");
const status = z.enum(ticketStatusEnum.enumValues, { error: (i) => `unknown status ${JSON.stringify(i.input)}` });

const AgentSchema = z.object({
  id,
  name: z.string().min(1),
  email: z.email().nullable(),
  role: z.enum(["agent", "admin", "end-user"]),
  group_ids: z.array(id),
});

const GroupSchema = z.object({ id, name: z.string().min(1) });

const TicketSchema = z.object({
  id,
  subject: z.string(),
  status,
  group_id: id.nullable(),
  assignee_id: id.nullable(),
  solver_id: id.nullable(),
  priority: z.string().nullable(),
  type: z.string().nullable(),
  created_at: isoDate,
  updated_at: isoDate,
  solved_at: isoDate.nullable(),
  merged: z.boolean(),
  deleted: z.boolean(),
  spam: z.boolean(),
  via_automation: z.boolean(),
  status_history: z.array(
    z.object({ at: isoDate, from: status.nullable(), to: status, actor_id: id.nullable(), public_agent_reply: z.boolean() }),
  ),
  contributors: z.array(
    z.object({ agent_id: id, public_replies: z.number().int().min(0), handle_seconds: z.number().int().min(0).nullable() }),
  ),
});

const RatingSchema = z.object({
  id,
  ticket_id: id,
  agent_id: id.nullable(),
  scale: z.literal("one_to_five"),
  score: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  created_at: isoDate,
  updated_at: isoDate,
});

export function externalIdOf(raw: unknown): string | null {
  if (raw && typeof raw === "object" && "id" in raw) {
    const v = (raw as { id: unknown }).id;
    if (typeof v === "string" || typeof v === "number") return String(v);
  }
  return null;
}

function parse<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const ref = externalIdOf(raw);
  const problems = r.error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
  throw new Error(`${what}${ref ? ` ${ref}` : ""} is malformed: ${problems}`);
}

export function normalizeAgent(raw: unknown): SourceAgent {
  const a = parse(AgentSchema, raw, "Agent");
  return { externalId: a.id, name: a.name, email: a.email, isAgent: a.role !== "end-user", groupExternalIds: a.group_ids };
}

export function normalizeGroup(raw: unknown): SourceGroup {
  const g = parse(GroupSchema, raw, "Group");
  return { externalId: g.id, name: g.name };
}

export function normalizeTicket(raw: unknown): SourceTicket {
  const t = parse(TicketSchema, raw, "Ticket");
  const updatedAt = new Date(t.updated_at);
  if (t.status_history.some((e) => new Date(e.at) > updatedAt)) {
    throw new Error(`Ticket ${t.id} is malformed: its history has a change after its updated_at.`);
  }
  return {
    externalId: t.id,
    subject: t.subject,
    status: t.status,
    rawStatus: t.spam ? "spam" : t.status,
    groupExternalId: t.group_id,
    assigneeExternalId: t.assignee_id,
    solverExternalId: t.solver_id,
    priority: t.priority,
    ticketType: t.type,
    createdAt: new Date(t.created_at),
    updatedAt,
    solvedAt: t.solved_at ? new Date(t.solved_at) : null,
    isMerged: t.merged,
    isDeleted: t.deleted,
    isSpam: t.spam,
    solvedByAutomation: t.via_automation,
    events: t.status_history.map((e) => ({
      at: new Date(e.at),
      from: e.from,
      to: e.to,
      actorExternalId: e.actor_id,
      publicAgentReply: e.public_agent_reply,
    })),
    contributors: t.contributors.map((c) => ({
      agentExternalId: c.agent_id,
      publicReplies: c.public_replies,
      handleSeconds: c.handle_seconds,
    })),
  };
}

export function normalizeRating(raw: unknown): SourceRating {
  const r = parse(RatingSchema, raw, "Rating");
  return {
    externalId: r.id,
    ticketExternalId: r.ticket_id,
    ratedAgentExternalId: r.agent_id,
    scale: r.scale,
    rawValue: String(r.score),
    comment: r.comment,
    ratedAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}
