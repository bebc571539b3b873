import { z } from "zod";
import type { TicketStatus } from "@/db/schema";
import type { SourceRating, SourceStatusEvent, SourceTicket } from "../types";
import { idAt, parseRecord } from "../shared/parse";
import { solveAttribution } from "../shared/solve";
import { parseWallTime } from "../shared/wall-time";

/**
 * OTRS / Znuny GenericInterface records → Podium's shapes. TicketGet
 * (https://doc.znuny.org/doc/api/otrs/6.0/Perl/Kernel/GenericInterface/Operation/Ticket/TicketGet.pm.html)
 * and TicketHistoryGet (Kernel/GenericInterface/Operation/Ticket/TicketHistoryGet.pm, OTRS 6 / Znuny).
 * Dates are "YYYY-MM-DD HH:MM:SS" in the system's time zone; ids come as strings or numbers.
 * A ticket record is { ticket, history }: one element of TicketGet's Ticket list and the History
 * list of TicketHistoryGet (empty when the web service does not expose that operation).
 */

const id = z.union([z.number().int(), z.string().regex(/^\d+$/, "expected a numeric id")]).transform(String);

export const OtrsTicketSchema = z.looseObject({
  TicketID: id,
  TicketNumber: z.string().optional(),
  Title: z.string().nullish(),
  State: z.string(),
  StateType: z.string(),
  Queue: z.string().nullish(),
  QueueID: id.nullish(),
  Owner: z.string().nullish(),
  OwnerID: id.nullish(),
  Priority: z.string().nullish(),
  Type: z.string().nullish(),
  Created: z.string(),
  Changed: z.string(),
  DynamicField: z.array(z.looseObject({ Name: z.string(), Value: z.unknown() })).optional(),
});
export const OtrsHistorySchema = z.looseObject({
  HistoryType: z.string(),
  Name: z.string().nullish(),
  CreateTime: z.string(),
  CreateBy: id.nullish(),
  StateID: id.nullish(),
});
export const OtrsTicketRecordSchema = z.object({ ticket: OtrsTicketSchema, history: z.array(OtrsHistorySchema) });

/** State types of OTRS/Znuny: new, open, pending reminder, pending auto, closed, merged, removed. */
export function otrsStatusOfType(stateType: string): TicketStatus {
  const t = stateType.trim().toLowerCase();
  if (t === "new") return "new";
  if (t === "closed" || t === "merged") return "closed";
  if (t === "removed") return "deleted";
  if (t.startsWith("pending")) return "pending";
  return "open";
}
/** History names carry state names ("closed successful"), not types: read by their words. */
export function otrsStatusOfName(name: string): TicketStatus {
  const n = name.trim().toLowerCase();
  if (n === "new") return "new";
  if (n.includes("closed") || n === "merged") return "closed";
  if (n === "removed") return "deleted";
  if (n.startsWith("pending")) return "pending";
  return "open";
}
const SOLVED = new Set<TicketStatus>(["solved", "closed"]);
/** "%%new%%open%%" (old, new) as StateUpdate writes it; some versions add a third part. */
const stateUpdate = (name: string) => {
  const parts = name.split("%%").filter((p) => p !== "");
  return parts.length >= 2 ? { from: parts[0]!, to: parts[1]! } : null;
};

export function otrsDate(s: string, tz: string, what: string): Date {
  const d = parseWallTime(s, tz);
  if (!d) throw new Error(`${what} "${s}" is not an OTRS date (YYYY-MM-DD HH:MM:SS).`);
  return d;
}

/** User 1 is OTRS's admin/system account (root@localhost): its changes are the system's. */
const actor = (userId: string | null | undefined) => (userId && userId !== "1" ? userId : null);

export function normalizeOtrsTicket(raw: unknown, tz: string): SourceTicket {
  const { ticket: t, history } = parseRecord(OtrsTicketRecordSchema, raw, "Ticket", idAt(raw, "ticket", "TicketID"));
  const status = otrsStatusOfType(t.StateType);
  const createdAt = otrsDate(t.Created, tz, `Ticket ${t.TicketID} Created`);
  const updatedAt = otrsDate(t.Changed, tz, `Ticket ${t.TicketID} Changed`);
  const changes = history
    .filter((h) => h.HistoryType === "StateUpdate" && h.Name)
    .map((h) => ({ h, at: otrsDate(h.CreateTime, tz, `Ticket ${t.TicketID} history CreateTime`), change: stateUpdate(h.Name!) }))
    .filter((c) => c.change !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const events: SourceStatusEvent[] = [
    { at: createdAt, from: null, to: changes[0] ? otrsStatusOfName(changes[0].change!.from) : status, actorExternalId: null, publicAgentReply: false },
  ];
  for (const { h, at, change } of changes) {
    // History does not tell a public answer from an internal note without reading articles.
    events.push({ at, from: otrsStatusOfName(change!.from), to: otrsStatusOfName(change!.to), actorExternalId: actor(h.CreateBy), publicAgentReply: false });
  }
  const owner = actor(t.OwnerID);
  const solve = solveAttribution(events, owner);
  const solvedAt = SOLVED.has(status) ? (events.find((e) => SOLVED.has(e.to) && e.from !== null)?.at ?? updatedAt) : null;
  return {
    externalId: t.TicketID,
    subject: t.Title ?? "",
    status,
    rawStatus: t.State,
    groupExternalId: t.QueueID ?? null,
    assigneeExternalId: owner,
    solverExternalId: SOLVED.has(status) ? solve.solver : null,
    priority: t.Priority ?? null,
    ticketType: t.Type ?? null,
    createdAt,
    updatedAt,
    solvedAt,
    isMerged: t.StateType.toLowerCase() === "merged",
    isDeleted: status === "deleted",
    isSpam: t.Queue?.toLowerCase() === "junk",
    solvedByAutomation: SOLVED.has(status) && solve.byAutomation,
    events,
    contributors: [],
  };
}

/** A rating is a ticket whose CSAT dynamic field is set (OTRS has no survey API in the GenericInterface). */
export function normalizeOtrsRating(raw: unknown, tz: string, field: string, scale: "one_to_five" | "zero_to_max", scaleMax?: number): SourceRating {
  const t = parseRecord(OtrsTicketSchema, raw, "Rated ticket", idAt(raw, "TicketID"));
  const df = t.DynamicField?.find((d) => d.Name === field);
  const v = Array.isArray(df?.Value) ? df.Value[0] : df?.Value;
  if (v === null || v === undefined || v === "") throw new Error(`Rated ticket ${t.TicketID} has no value in its dynamic field "${field}".`);
  const at = otrsDate(t.Changed, tz, `Ticket ${t.TicketID} Changed`);
  return {
    externalId: `ticket-${t.TicketID}`,
    ticketExternalId: t.TicketID,
    ratedAgentExternalId: actor(t.OwnerID),
    scale,
    rawValue: String(v),
    scaleMax,
    comment: null,
    // The dynamic field keeps no answer time: the ticket's last change is the closest there is.
    ratedAt: at,
    updatedAt: at,
  };
}
