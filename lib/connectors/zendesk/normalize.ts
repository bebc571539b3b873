import { z } from "zod";
import type { TicketStatus } from "@/db/schema";
import type { SourceAgent, SourceGroup, SourceRating, SourceStatusEvent, SourceTicket } from "../types";
import { fieldValues } from "../shared/fields";
import { parseRecord } from "../zod-parse";

/**
 * Zendesk's raw records → Podium's shapes. Checked against the recorded real exchanges in
 * shared/fixtures/recorded/zendesk (tests/unit/zendesk-contract.test.ts reads them in place).
 *
 * A ticket record is Zendesk's ticket as exported, plus `metric_set` when the page sideloaded it
 * (`include=metric_sets`). An agent record is Zendesk's user plus `group_ids` from group memberships.
 */

const id = z.union([z.number().int(), z.string().min(1)]).transform(String);
const isoDate = z.iso.datetime({ offset: true, error: "expected an ISO date-time" });

export const ZENDESK_STATUSES = ["new", "open", "pending", "hold", "solved", "closed", "deleted"] as const;
const STATUS_MAP: Record<(typeof ZENDESK_STATUSES)[number], TicketStatus> = {
  new: "new",
  open: "open",
  pending: "pending",
  hold: "pending",
  solved: "solved",
  closed: "closed",
  deleted: "deleted",
};

const Minutes = z.object({ calendar: z.number().nullable().optional() }).nullable().optional();

export const MetricSetSchema = z.object({
  ticket_id: id,
  reopens: z.number().int().min(0).nullable().optional(),
  replies: z.number().int().min(0).nullable().optional(),
  solved_at: isoDate.nullable().optional(),
  assignee_updated_at: isoDate.nullable().optional(),
  first_resolution_time_in_minutes: Minutes,
  full_resolution_time_in_minutes: Minutes,
});
export type ZendeskMetricSet = z.infer<typeof MetricSetSchema>;

/**
 * A ticket audit (GET /api/v2/tickets/{id}/audits.json): who changed what, when. Only status
 * changes are read: `Create`/`Change` events with `field_name: "status"`, `value` and, for a
 * change, `previous_value`. Other event types are documented to grow; they are ignored.
 */
export const AuditSchema = z.object({
  id,
  created_at: isoDate,
  author_id: z.number().int().nullable().optional(),
  events: z.array(
    z.object({ type: z.string(), field_name: z.string().nullable().optional(), value: z.unknown().optional(), previous_value: z.unknown().optional() }).passthrough(),
  ),
});
export type ZendeskAudit = z.infer<typeof AuditSchema>;

const TicketSchema = z.object({
  id,
  subject: z.string().nullable().optional(),
  status: z.enum(ZENDESK_STATUSES, { error: (i) => `unknown status ${JSON.stringify(i.input)}` }),
  group_id: id.nullable().optional(),
  assignee_id: id.nullable().optional(),
  priority: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  created_at: isoDate,
  updated_at: isoDate,
  tags: z.array(z.string()).optional().default([]),
  custom_fields: z.array(z.object({ id, value: z.unknown() })).nullable().optional(),
  via: z.object({ channel: z.union([z.string(), z.number()]).nullable().optional() }).passthrough().nullable().optional(),
  metric_set: MetricSetSchema.nullable().optional(),
  /** Attached by the connector for reopened tickets (see connector.ts): the real status history. */
  audits: z.array(AuditSchema).nullable().optional(),
});

const UserSchema = z.object({
  id,
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  role: z.string(),
  active: z.boolean().optional(),
  group_ids: z.array(id).optional().default([]),
});

const GroupSchema = z.object({ id, name: z.string().min(1), deleted: z.boolean().optional() });

export const RATING_SCORES = ["good", "bad", "good_with_comment", "bad_with_comment"] as const;
const RatingSchema = z.object({
  id,
  ticket_id: id,
  assignee_id: id.nullable().optional(),
  score: z.enum(RATING_SCORES, { error: (i) => `score ${JSON.stringify(i.input)} is not a rating` }),
  comment: z.string().nullable().optional(),
  created_at: isoDate,
  updated_at: isoDate,
});

/**
 * A CSAT survey response (the new CSAT, `GET /api/v2/guide/survey_responses`): the ticket in
 * `subjects` (or `subject_zrns` "zen:ticket:N"), answers of which the rating-scale one with
 * `question.sub_type: "customer_satisfaction"` carries `rating` and `rating_category`
 * (good / neutral / bad, whatever the survey's 2, 3 or 5 points). The response names no agent.
 */
const SurveyAnswer = z
  .object({
    type: z.string(),
    question: z.object({ sub_type: z.string().nullable().optional(), alias: z.string().nullable().optional() }).passthrough().nullable().optional(),
    rating: z.number().nullable().optional(),
    rating_category: z.string().nullable().optional(),
    value: z.unknown().optional(),
    created_at: isoDate.nullable().optional(),
    updated_at: isoDate.nullable().optional(),
  })
  .passthrough();
const SurveyResponseSchema = z.object({
  id,
  responder_id: id.nullable().optional(),
  subjects: z.array(z.object({ id, type: z.string() }).passthrough()).nullable().optional(),
  subject_zrns: z.array(z.string()).nullable().optional(),
  answers: z.array(SurveyAnswer),
});
const CSAT_CATEGORY: Record<string, string> = { good: "good", neutral: "okay", bad: "bad" };
const csatAnswer = (answers: z.infer<typeof SurveyAnswer>[]) => answers.find((a) => a.type === "rating_scale" && a.question?.sub_type === "customer_satisfaction");

/** A survey response someone answered (its CSAT question not skipped): a rating. */
export function isAnsweredSurvey(raw: unknown): boolean {
  const answers = raw && typeof raw === "object" ? (raw as { answers?: unknown }).answers : undefined;
  return Array.isArray(answers) && answers.some((a) => a?.type === "rating_scale" && a?.question?.sub_type === "customer_satisfaction");
}

/** The time a survey response was last answered (its newest answer), for the ratings cursor. */
export function surveyTime(raw: unknown): number | null {
  const answers = raw && typeof raw === "object" ? (raw as { answers?: unknown }).answers : undefined;
  if (!Array.isArray(answers)) return null;
  const times = answers.map((a) => Date.parse(String(a?.created_at))).filter(Number.isFinite);
  return times.length ? Math.max(...times) : null;
}

function normalizeSurveyResponse(raw: unknown): SourceRating {
  const r = parseRecord(SurveyResponseSchema, raw, "Survey response");
  const ticket = r.subjects?.find((x) => x.type === "ticket" || x.type === "zen:ticket")?.id ?? r.subject_zrns?.map((z) => /^zen:ticket:(\d+)$/.exec(z)?.[1]).find(Boolean);
  if (!ticket) throw new Error(`Survey response ${r.id} is malformed: it names no ticket (subjects / subject_zrns).`);
  const a = csatAnswer(r.answers);
  const value = a?.rating_category ? CSAT_CATEGORY[a.rating_category] : undefined;
  if (!a || !value) throw new Error(`Survey response ${r.id} is malformed: no customer satisfaction rating (good, neutral or bad) among its answers.`);
  const at = a.created_at ?? a.updated_at;
  if (!at) throw new Error(`Survey response ${r.id} is malformed: its rating has no created_at.`);
  const comment = r.answers
    .filter((x) => x.type === "open_ended")
    .map((x) => (typeof x.value === "string" ? x.value : typeof (x.value as { text?: unknown })?.text === "string" ? (x.value as { text: string }).text : ""))
    .filter(Boolean)
    .join("\n");
  return {
    // Own id space: a survey response id never meets a legacy rating's numeric id.
    externalId: `survey:${r.id}`,
    ticketExternalId: ticket,
    ratedAgentExternalId: null,
    scale: "three_level",
    rawValue: value,
    comment: comment || null,
    ratedAt: new Date(at),
    updatedAt: new Date(a.updated_at ?? at),
  };
}

/** "offered"/"unoffered" are surveys without an answer: not ratings, left out before parsing. */
export function isAnsweredRating(raw: unknown): boolean {
  const score = raw && typeof raw === "object" ? (raw as { score?: unknown }).score : undefined;
  return score !== "offered" && score !== "unoffered";
}

export function normalizeAgent(raw: unknown): SourceAgent {
  const u = parseRecord(UserSchema, raw, "User");
  return {
    externalId: u.id,
    name: u.name?.trim() || u.email || `Zendesk user ${u.id}`,
    email: u.email ?? null,
    isAgent: (u.role === "agent" || u.role === "admin") && u.active !== false,
    groupExternalIds: u.group_ids,
  };
}

export function normalizeGroup(raw: unknown): SourceGroup {
  const g = parseRecord(GroupSchema, raw, "Group");
  return { externalId: g.id, name: g.name };
}

const MERGE_TAG = "closed_by_merge";

export function normalizeTicket(raw: unknown): SourceTicket {
  const t = parseRecord(TicketSchema, raw, "Ticket");
  const status = STATUS_MAP[t.status];
  const createdAt = new Date(t.created_at);
  const updatedAt = new Date(t.updated_at);
  const solvedNow = status === "solved" || status === "closed";
  const m = t.metric_set ?? null;
  const lastSolved = m?.solved_at ? new Date(m.solved_at) : null;
  // The first resolution is what earns points; metrics give it as minutes after creation.
  const firstMinutes = m?.first_resolution_time_in_minutes?.calendar;
  const firstSolved = typeof firstMinutes === "number" ? new Date(createdAt.getTime() + firstMinutes * 60_000) : lastSolved;
  const solvedAt = solvedNow || (m?.reopens ?? 0) > 0 ? (firstSolved ?? (solvedNow ? updatedAt : null)) : null;
  const isMerged = t.tags.includes(MERGE_TAG);
  const fromAudits = t.audits ? eventsFromAudits(t.audits, createdAt) : null;
  if (fromAudits && fromAudits.some((e) => e.to === "solved" || e.to === "closed")) {
    // The real history: the first solve's time earns the points, the agent whose solve stuck
    // (the last one) is the solver; the assignee only when that solve was the system's.
    const firstSolve = fromAudits.find((e) => e.to === "solved" || e.to === "closed")!;
    const lastSolve = [...fromAudits].reverse().find((e) => e.to === "solved" && e.actorExternalId !== null);
    const solver = solvedNow ? (lastSolve?.actorExternalId ?? t.assignee_id ?? null) : null;
    return {
      ...base(t, status, createdAt, updatedAt, isMerged),
      solverExternalId: solver,
      solvedAt: firstSolve.at,
      events: fromAudits,
    };
  }
  const solver = solvedNow ? (t.assignee_id ?? null) : null;
  return {
    ...base(t, status, createdAt, updatedAt, isMerged),
    solverExternalId: solver,
    solvedAt,
    events: statusEvents(status, createdAt, solvedAt, lastSolved, m?.reopens ?? 0, solver),
  };
}

function base(t: z.infer<typeof TicketSchema>, status: TicketStatus, createdAt: Date, updatedAt: Date, isMerged: boolean) {
  return {
    externalId: t.id,
    subject: t.subject ?? "",
    status,
    rawStatus: t.status,
    groupExternalId: t.group_id ?? null,
    assigneeExternalId: t.assignee_id ?? null,
    priority: t.priority ?? null,
    ticketType: t.type ?? null,
    createdAt,
    updatedAt,
    isMerged,
    isDeleted: t.status === "deleted",
    isSpam: t.tags.includes("spam"),
    solvedByAutomation: false,
    contributors: [],
    tags: t.tags,
    customFields: fieldValues((t.custom_fields ?? []).map((f) => [f.id, f.value])),
  };
}

const isZendeskStatus = (v: unknown): v is (typeof ZENDESK_STATUSES)[number] => typeof v === "string" && (ZENDESK_STATUSES as readonly string[]).includes(v);

/**
 * The status history from audits, in time order. The actor is kept only on solves: reopens are
 * mostly the requester's replies, and an end user must not become an agent placeholder.
 * Author -1 is Zendesk's system (triggers, the automatic close): no actor.
 */
export function eventsFromAudits(audits: ZendeskAudit[], createdAt: Date): SourceStatusEvent[] {
  const sorted = [...audits].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || Number(a.id) - Number(b.id));
  const events: SourceStatusEvent[] = [{ at: createdAt, from: null, to: "new", actorExternalId: null, publicAgentReply: false }];
  let prev: TicketStatus = "new";
  for (const a of sorted) {
    for (const e of a.events) {
      if (e.field_name !== "status" || !isZendeskStatus(e.value)) continue;
      const to = STATUS_MAP[e.value];
      if (to === prev) continue; // the Create event's "new", or hold ↔ pending
      const author = a.author_id != null && a.author_id > 0 ? String(a.author_id) : null;
      const at = new Date(Math.max(Date.parse(a.created_at), createdAt.getTime()));
      events.push({ at, from: prev, to, actorExternalId: to === "solved" || to === "closed" ? author : null, publicAgentReply: false });
      prev = to;
    }
  }
  return events;
}



/**
 * The status history Podium needs (solves and reopens), from ticket metrics: Zendesk's export
 * does not carry the history, and fetching every ticket's audits would cost one call per ticket.
 * Reopens are placed between the first and the last solve; their exact moments are not known,
 * only their count, which is what scoring uses.
 */
function statusEvents(
  status: TicketStatus,
  createdAt: Date,
  firstSolved: Date | null,
  lastSolved: Date | null,
  reopens: number,
  solver: string | null,
): SourceStatusEvent[] {
  const events: SourceStatusEvent[] = [{ at: createdAt, from: null, to: "new", actorExternalId: null, publicAgentReply: false }];
  if (!firstSolved) return events;
  const end = lastSolved && lastSolved > firstSolved ? lastSolved : new Date(firstSolved.getTime() + Math.max(1, reopens * 2) * 1000);
  const step = (end.getTime() - firstSolved.getTime()) / (reopens * 2 + 1);
  let at = firstSolved.getTime();
  let prev = "new" as TicketStatus;
  const push = (to: TicketStatus, actor: string | null) => {
    events.push({ at: new Date(Math.round(at)), from: prev, to, actorExternalId: actor, publicAgentReply: false });
    prev = to;
  };
  push("solved", solver);
  for (let i = 0; i < reopens; i++) {
    at += step;
    push("open", null);
    at += step;
    if (i < reopens - 1 || status === "solved" || status === "closed") push("solved", solver);
  }
  if (status === "closed" && prev === "solved") {
    at = Math.max(at, end.getTime());
    push("closed", null);
  } else if (status !== "solved" && status !== "closed" && prev === "solved") {
    // Solved once, now open again without a counted reopen (metrics lag): the current status wins.
    at += step;
    push(status, null);
  }
  return events;
}

export function normalizeRating(raw: unknown): SourceRating {
  if (raw && typeof raw === "object" && Array.isArray((raw as { answers?: unknown }).answers)) return normalizeSurveyResponse(raw);
  const r = parseRecord(RatingSchema, raw, "Satisfaction rating");
  return {
    externalId: r.id,
    ticketExternalId: r.ticket_id,
    ratedAgentExternalId: r.assignee_id ?? null,
    scale: "good_bad",
    rawValue: r.score.startsWith("good") ? "good" : "bad",
    comment: r.comment ?? null,
    ratedAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}
