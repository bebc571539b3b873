import { z } from "zod";
import { ratingScaleEnum, ticketStatusEnum, type TicketStatus } from "@/db/schema";
import type { SourceStatusEvent, SourceTicket } from "@/lib/connectors/types";
import type { PreparedRating } from "@/lib/sync/store";
import { t, toLocale, type Locale } from "@/lib/i18n";
import { normalizeRating, RatingValueError } from "@/lib/scoring/normalize-rating";

/**
 * The documented columns of a file import (CSV header or JSON keys) and of the push API, one
 * schema for both. Pure: rows in, the connector shapes of lib/connectors/types.ts out, or the
 * reason in plain words, in the reader's language ("solved_at 'yesterday' is not a date").
 */

export const IMPORT_STREAMS = ["tickets", "ratings"] as const;
export type ImportStream = (typeof IMPORT_STREAMS)[number];

const SOLVED = new Set<TicketStatus>(["solved", "closed"]);
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** ISO 8601 dates; a date alone is midnight UTC and a time without a zone is UTC. */
export function parseDate(value: string): Date | null {
  const v = value.trim();
  if (!ISO.test(v)) return null;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(v) && v.length > 10;
  const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : hasZone ? v.replace(" ", "T") : `${v.replace(" ", "T")}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

const quote = (v: unknown) => `'${String(v).length > 40 ? `${String(v).slice(0, 40)}…` : String(v)}'`;

/** Empty cells are absent: CSV has no null. */
const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
const toText = (v: unknown) => (typeof v === "number" ? String(v) : blankToUndefined(v));

/** "a;b;c" in a CSV cell, or a JSON array. */
const list = (v: unknown) => {
  const items = Array.isArray(v) ? v : typeof v === "string" ? v.split(";").map((s) => s.trim()).filter((s) => s !== "") : blankToUndefined(v);
  return Array.isArray(items) && items.length === 0 ? undefined : items;
};

/**
 * The row schemas with their messages in one language: the dry run page asks in the admin's, the
 * push API and the sync's import connector in English. Column names and values stay as written.
 */
function buildSchemas(L: Locale) {
  const text = (name: string, max = 500) => z.preprocess(toText, textInner(name, max));
  const textInner = (name: string, max: number) =>
    z.string({ error: (i) => t(L, i.input === undefined ? "impRow.missing" : "impRow.notText", { name }) }).trim().max(max, t(L, "impRow.tooLong", { name, max }));
  /** Optional inside the preprocess: an empty cell becomes undefined and must then be allowed. */
  const optionalText = (name: string, max = 500) => z.preprocess(toText, textInner(name, max).optional());

  const dateInner = (name: string) =>
    z
      .string({ error: (i) => (i.input === undefined ? t(L, "impRow.missing", { name }) : t(L, "impRow.notDate", { name, value: quote(i.input) })) })
      .transform((v, ctx) => {
        const d = parseDate(v);
        if (!d) {
          ctx.addIssue({ code: "custom", message: t(L, "impRow.notDateIso", { name, value: quote(v) }) });
          return z.NEVER;
        }
        return d;
      });
  const date = (name: string) => z.preprocess(blankToUndefined, dateInner(name));
  const optionalDate = (name: string) => z.preprocess(blankToUndefined, dateInner(name).optional());
  const oneOf = (name: string, values: readonly string[]) => (i: { input: unknown }) =>
    i.input === undefined ? t(L, "impRow.missing", { name }) : t(L, "impRow.notOneOf", { name, value: quote(i.input), list: values.join(", ") });

  const status = (name: string) =>
    z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() : blankToUndefined(v)),
      z.enum(ticketStatusEnum.enumValues, { error: oneOf(name, ticketStatusEnum.enumValues) }),
    );

  /** `history`: status changes after creation, "solved@2025-03-01T10:00Z; open@2025-03-02T08:00Z", or [{status, at}]. */
  const historyItem = z.preprocess(
    (v) => {
      if (typeof v !== "string") return v;
      const at = v.indexOf("@");
      return at < 0 ? { status: v, at: undefined } : { status: v.slice(0, at), at: v.slice(at + 1) };
    },
    z.object({ status: status("history status"), at: date("history time") }, { error: t(L, "impRow.historyItem") }),
  );

  const ticket = z
    .object({
      external_id: text("external_id", 200),
      subject: optionalText("subject", 1000),
      status: status("status"),
      group: optionalText("group", 200),
      assignee: optionalText("assignee", 320),
      solver: optionalText("solver", 320),
      contributors: z.preprocess(list, z.array(text("contributors", 320)).max(50, t(L, "impRow.tooManyContributors")).optional()),
      priority: optionalText("priority", 100),
      type: optionalText("type", 100),
      created_at: date("created_at"),
      updated_at: optionalDate("updated_at"),
      solved_at: optionalDate("solved_at"),
      history: z.preprocess(list, z.array(historyItem).max(200, t(L, "impRow.tooManyChanges")).optional()),
    })
    .superRefine((r, ctx) => {
      const issue = (message: string) => ctx.addIssue({ code: "custom", message });
      const hist = r.history ?? [];
      for (let i = 0; i < hist.length; i++) {
        if (hist[i]!.at < r.created_at) return issue(t(L, "impRow.historyBeforeCreated", { n: i + 1, status: hist[i]!.status }));
        if (i > 0 && hist[i]!.at < hist[i - 1]!.at) return issue(t(L, "impRow.historyOrder", { n: i + 1, prev: i }));
      }
      const firstSolve = hist.find((h) => SOLVED.has(h.status))?.at;
      if (SOLVED.has(r.status) && !r.solved_at && !firstSolve) issue(t(L, "impRow.solvedMissing", { status: r.status }));
      if (r.solved_at && r.solved_at < r.created_at) issue(t(L, "impRow.solvedBeforeCreated"));
      if (r.updated_at && r.updated_at < r.created_at) issue(t(L, "impRow.updatedBeforeCreated"));
    });

  const rating = z
    .object({
      external_id: text("external_id", 200),
      ticket_external_id: text("ticket_external_id", 200),
      score: z.preprocess(
        (v) => (typeof v === "number" ? String(v) : blankToUndefined(v)),
        z.string({ error: (i) => t(L, i.input === undefined ? "impRow.missing" : "impRow.scoreType", { name: "score" }) }).trim(),
      ),
      scale: z.preprocess(
        (v) => (typeof v === "string" ? v.trim().toLowerCase() : blankToUndefined(v)),
        z.enum(ratingScaleEnum.enumValues, { error: (i) => t(L, "impRow.notOneOf", { name: "scale", value: quote(i.input), list: ratingScaleEnum.enumValues.join(", ") }) }).default("one_to_five"),
      ),
      scale_max: z.preprocess(
        blankToUndefined,
        z.coerce
          .number({ error: t(L, "impRow.scaleMaxNumber") })
          .int(t(L, "impRow.scaleMaxWhole"))
          .positive(t(L, "impRow.scaleMaxPositive"))
          .optional(),
      ),
      agent: optionalText("agent", 320),
      comment: optionalText("comment", 5000),
      rated_at: date("rated_at"),
      updated_at: optionalDate("updated_at"),
    })
    .superRefine((r, ctx) => {
      try {
        normalizeRating(r.scale, r.score, r.scale_max);
      } catch (e) {
        const reason = e instanceof RatingValueError ? t(L, e.key, e.vars) : (e as Error).message;
        ctx.addIssue({ code: "custom", message: t(L, "impRow.score", { reason }) });
      }
    });
  return { ticket, rating };
}

const built = new Map<Locale, ReturnType<typeof buildSchemas>>();
function schemas(locale: string) {
  const L = toLocale(locale);
  let s = built.get(L);
  if (!s) built.set(L, (s = buildSchemas(L)));
  return s;
}

export const TicketRowSchema = schemas("en").ticket;
export type TicketRow = z.infer<typeof TicketRowSchema>;
export const RatingRowSchema = schemas("en").rating;
export type RatingRow = z.infer<typeof RatingRowSchema>;

/** The problems of a row, in words ("solved_at 'yesterday' is not a date"). */
export function describeIssues(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => i.message))].join("; ");
}

/** Columns we do not know are most often typos: say so instead of silently dropping them. */
export const COLUMNS: Record<ImportStream, readonly string[]> = {
  tickets: ["external_id", "subject", "status", "group", "assignee", "solver", "contributors", "priority", "type", "created_at", "updated_at", "solved_at", "history"],
  ratings: ["external_id", "ticket_external_id", "score", "scale", "scale_max", "agent", "comment", "rated_at", "updated_at"],
};

export function unknownColumns(stream: ImportStream, keys: Iterable<string>): string[] {
  const known = new Set(COLUMNS[stream]);
  return [...keys].filter((k) => !known.has(k));
}

/** A validated ticket row as the sync pipeline's SourceTicket. */
export function toSourceTicket(t: TicketRow): SourceTicket {
  const solver = t.solver ?? (SOLVED.has(t.status) ? (t.assignee ?? null) : null);
  const events: SourceStatusEvent[] = [{ at: t.created_at, from: null, to: "new", actorExternalId: null, publicAgentReply: false }];
  const changes = t.history ?? (t.solved_at ? [{ status: "solved" as TicketStatus, at: t.solved_at }] : []);
  for (const h of changes) {
    const from = events[events.length - 1]!.to;
    events.push({ at: h.at, from, to: h.status, actorExternalId: SOLVED.has(h.status) ? solver : null, publicAgentReply: false });
  }
  const solvedAt = t.solved_at ?? changes.find((h) => SOLVED.has(h.status))?.at ?? null;
  const latest = Math.max(t.created_at.getTime(), solvedAt?.getTime() ?? 0, ...changes.map((h) => h.at.getTime()));
  const people = t.contributors ?? [solver, t.assignee].filter((x): x is string => !!x);
  return {
    externalId: t.external_id,
    subject: t.subject ?? "",
    status: t.status,
    rawStatus: t.status,
    groupExternalId: t.group ?? null,
    assigneeExternalId: t.assignee ?? null,
    solverExternalId: solver,
    priority: t.priority ?? null,
    ticketType: t.type ?? null,
    createdAt: t.created_at,
    updatedAt: t.updated_at ?? new Date(latest),
    solvedAt,
    isMerged: false,
    isDeleted: t.status === "deleted",
    isSpam: false,
    solvedByAutomation: false,
    events,
    contributors: [...new Set(people)].map((agentExternalId) => ({ agentExternalId, publicReplies: 0, handleSeconds: null })),
  };
}

export function toPreparedRating(r: RatingRow): PreparedRating {
  return {
    externalId: r.external_id,
    ticketExternalId: r.ticket_external_id,
    ratedAgentExternalId: r.agent ?? null,
    scale: r.scale,
    rawValue: r.score,
    scaleMax: r.scale_max,
    comment: r.comment ?? null,
    ratedAt: r.rated_at,
    updatedAt: r.updated_at ?? r.rated_at,
    score: normalizeRating(r.scale, r.score, r.scale_max),
  };
}

export type ValidRecord = { kind: "tickets"; value: SourceTicket } | { kind: "ratings"; value: PreparedRating };

/** Validates one record of a stream: the shape for the store, or the reason in plain words in `locale`. */
export function validateRecord(stream: ImportStream, raw: unknown, locale = "en"): { ok: true; record: ValidRecord } | { ok: false; reason: string } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, reason: t(locale, "impRow.notObject") };
  const s = schemas(locale);
  if (stream === "tickets") {
    const p = s.ticket.safeParse(raw);
    return p.success ? { ok: true, record: { kind: "tickets", value: toSourceTicket(p.data) } } : { ok: false, reason: describeIssues(p.error) };
  }
  const p = s.rating.safeParse(raw);
  return p.success ? { ok: true, record: { kind: "ratings", value: toPreparedRating(p.data) } } : { ok: false, reason: describeIssues(p.error) };
}
