import { z } from "zod";
import type { RatingScale, TicketStatus } from "@/db/schema";
import { normalizeRating } from "@/lib/scoring/normalize-rating";
import type { SourceAgent, SourceGroup, SourceRating, SourceStatusEvent, SourceTicket } from "../types";

/**
 * Request Tracker 5 REST 2 records → Podium's shapes. Pure. The raw records are what
 * connector.ts fetches: a ticket with its history transactions, a privileged user, a queue.
 */

/** RT's default lifecycle; a custom lifecycle maps its own statuses through settings.statusMap. */
export const RT_STATUS_MAP: Record<string, TicketStatus> = {
  new: "new",
  open: "open",
  stalled: "pending",
  resolved: "solved",
  // Rejected tickets were not worked to a solution; deleted ones are gone. Neither earns points.
  rejected: "deleted",
  deleted: "deleted",
};

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: "is not a date" });
/** RT writes "1970-01-01T00:00:00Z" for a date that is not set. */
const unset = (s: string | null | undefined) => !s || s.startsWith("1970-01-01");
const userRef = z.object({ id: z.union([z.string(), z.number()]).transform(String) }).passthrough();

const transaction = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  Type: z.string(),
  Field: z.string().nullish(),
  OldValue: z.string().nullish(),
  NewValue: z.string().nullish(),
  Created: isoDate,
  Creator: userRef.nullish(),
});

export const RtTicketRecord = z.object({
  ticket: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    Subject: z.string().nullish(),
    Status: z.string(),
    Queue: z.object({ id: z.union([z.string(), z.number()]).transform(String), Name: z.string().optional() }).nullish(),
    Owner: userRef.nullish(),
    Requestor: z.array(userRef).nullish(),
    Priority: z.union([z.string(), z.number()]).nullish(),
    Created: isoDate,
    LastUpdated: isoDate,
    Resolved: z.string().nullish(),
    // A reference object in a ticket's own record, a bare id in search results.
    EffectiveId: z.union([z.string(), z.number(), z.object({ id: z.union([z.string(), z.number()]) })]).nullish().transform((v) => (v == null ? null : typeof v === "object" ? String(v.id) : String(v))),
    CustomFields: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string(), values: z.array(z.string()) })).nullish(),
  }),
  history: z.array(transaction),
});
export type RtTicketRecord = z.input<typeof RtTicketRecord>;

/** Parses or throws one line per problem ("ticket.Created: is not a date"), not zod's JSON. */
function parse<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  throw new Error(r.error.issues.map((i) => `${i.path.join(".") || "record"}: ${i.message}`).join("; "));
}

const NOBODY = new Set(["Nobody", "RT_System", "6", "1"]);
const person = (u: { id: string } | null | undefined) => (u && !NOBODY.has(u.id) ? u.id : null);

function mapStatus(raw: string, statusMap: Record<string, TicketStatus>): TicketStatus {
  const s = statusMap[raw] ?? statusMap[raw.toLowerCase()];
  if (!s) throw new Error(`status "${raw}" is not in the status map (add it to the connection's statusMap setting)`);
  return s;
}

const SOLVED = new Set<TicketStatus>(["solved", "closed"]);

export function normalizeRtTicket(raw: unknown, statusMap: Record<string, TicketStatus> = RT_STATUS_MAP): SourceTicket {
  const { ticket: t, history } = parse(RtTicketRecord, raw);
  const status = mapStatus(t.Status, statusMap);
  const requestors = new Set((t.Requestor ?? []).map((r) => r.id));
  const txns = [...history].sort((a, b) => Date.parse(a.Created) - Date.parse(b.Created) || Number(a.id) - Number(b.id));

  // Status changes, in order; a public reply by someone other than a requestor counts as an agent's.
  const events: SourceStatusEvent[] = [];
  const replies = new Map<string, number>();
  let replySinceLast = false;
  for (const x of txns) {
    const actor = person(x.Creator);
    if (x.Type === "Create") {
      events.push({ at: new Date(x.Created), from: null, to: "new", actorExternalId: actor, publicAgentReply: false });
    } else if (x.Type === "Correspond" && actor && !requestors.has(actor)) {
      replies.set(actor, (replies.get(actor) ?? 0) + 1);
      replySinceLast = true;
    } else if (x.Type === "Status" || (x.Type === "Set" && x.Field === "Status")) {
      const to = mapStatus(x.NewValue ?? "", statusMap);
      const from = x.OldValue ? mapStatus(x.OldValue, statusMap) : (events[events.length - 1]?.to ?? null);
      if (from === to) continue;
      events.push({ at: new Date(x.Created), from, to, actorExternalId: actor, publicAgentReply: replySinceLast });
      replySinceLast = false;
    }
  }
  if (events.length === 0) events.push({ at: new Date(t.Created), from: null, to: "new", actorExternalId: null, publicAgentReply: false });

  const solves = events.filter((e) => SOLVED.has(e.to));
  const solvedAt = solves[0]?.at ?? (SOLVED.has(status) && !unset(t.Resolved) ? new Date(t.Resolved!) : null);
  // Who resolved: the person behind the latest change to resolved, else the owner.
  const owner = person(t.Owner);
  const solver = SOLVED.has(status) ? (solves[solves.length - 1]?.actorExternalId ?? owner) : null;
  const people = new Set<string>([...replies.keys()]);
  if (owner) people.add(owner);
  if (solver) people.add(solver);
  return {
    externalId: t.id,
    subject: t.Subject ?? "",
    status,
    rawStatus: t.Status,
    groupExternalId: t.Queue?.id ?? null,
    assigneeExternalId: owner,
    solverExternalId: solver,
    priority: t.Priority == null ? null : String(t.Priority),
    ticketType: null,
    createdAt: new Date(t.Created),
    updatedAt: new Date(t.LastUpdated),
    solvedAt,
    isMerged: t.EffectiveId !== null && t.EffectiveId !== "0" && t.EffectiveId !== t.id,
    isDeleted: t.Status === "deleted",
    isSpam: false,
    solvedByAutomation: solver === null && SOLVED.has(status) && solves.some((e) => e.actorExternalId === null),
    events,
    contributors: [...people].map((p) => ({ agentExternalId: p, publicReplies: replies.get(p) ?? 0, handleSeconds: null })),
  };
}

export type CsatSettings = { field: string; scale: RatingScale; scaleMax?: number };

/** The CSAT custom field of a ticket as a rating; null when the field is empty. */
export function normalizeRtRating(raw: unknown, csat: CsatSettings): SourceRating {
  const { ticket: t, history } = parse(RtTicketRecord, raw);
  const cf = (t.CustomFields ?? []).find((f) => f.name === csat.field || f.id === csat.field);
  const value = cf?.values[0];
  if (!cf || value === undefined || value.trim() === "") throw new Error(`the ${csat.field} custom field is empty`);
  // Throws with the scale's own words when the value does not fit it.
  normalizeRating(csat.scale, value, csat.scaleMax);
  const set = history.filter((x) => x.Type === "CustomField" && x.Field === cf.id && (x.NewValue ?? "") !== "").sort((a, b) => Date.parse(a.Created) - Date.parse(b.Created));
  const last = set[set.length - 1];
  const ratedAt = last ? new Date(last.Created) : new Date(t.LastUpdated);
  return {
    externalId: `csat-${t.id}`,
    ticketExternalId: t.id,
    ratedAgentExternalId: person(t.Owner),
    scale: csat.scale,
    rawValue: value.trim(),
    scaleMax: csat.scaleMax,
    comment: null,
    ratedAt,
    updatedAt: ratedAt,
  };
}

const RtUser = z.object({ Name: z.string().min(1), EmailAddress: z.string().nullish(), RealName: z.string().nullish(), Privileged: z.union([z.number(), z.string()]).nullish() });

export function normalizeRtAgent(raw: unknown): SourceAgent {
  const u = parse(RtUser, raw);
  return { externalId: u.Name, name: u.RealName || u.Name, email: u.EmailAddress || null, isAgent: String(u.Privileged ?? "1") === "1", groupExternalIds: [] };
}

const RtQueue = z.object({ id: z.union([z.string(), z.number()]).transform(String), Name: z.string().min(1) });

export function normalizeRtGroup(raw: unknown): SourceGroup {
  const q = parse(RtQueue, raw);
  return { externalId: q.id, name: q.Name };
}
