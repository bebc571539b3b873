import { z } from "zod";
import { ratingScaleEnum, ticketStatusEnum } from "@/db/schema";
import { HttpClient, basicAuth } from "../http";
import type { Connector, ConnectorConfig, FetchContext, RawPage } from "../types";
import { normalizeRtAgent, normalizeRtGroup, normalizeRtRating, normalizeRtTicket, RT_STATUS_MAP } from "./normalize";

/**
 * Request Tracker 5 through REST 2 (`<url>/REST/2.0/`). Tickets come from TicketSQL on
 * LastUpdated (oldest first), each with its history transactions (status changes: reopens and
 * who resolved; replies). Queues are the groups, privileged users the agents. RT has no rating:
 * CSAT is read from a ticket custom field named in the settings (see README).
 */

export const RtSettings = z.object({
  /** e.g. https://rt.example.com (without /REST/2.0). */
  url: z.string().url("url must be the address of the RT server, e.g. https://rt.example.com"),
  /** Name (or id) of the ticket custom field holding the customer's rating. */
  csatField: z.string().min(1).default("CSAT"),
  csatScale: z.enum(ratingScaleEnum.enumValues).default("one_to_five"),
  /** For csatScale zero_to_max: the highest value (e.g. 10). */
  csatScaleMax: z.number().int().positive().optional(),
  /** Custom lifecycles: RT status → Podium status, merged over RT's default lifecycle. */
  statusMap: z.record(z.string(), z.enum(ticketStatusEnum.enumValues)).default({}),
  /** Tickets updated before this date are not fetched (default: a year before the first run). */
  backfillStart: z.string().optional(),
  pageSize: z.number().int().min(1).max(100).default(50),
});
export type RtSettings = z.infer<typeof RtSettings>;

const RtCredentials = z.union([
  z.object({ token: z.string().min(1) }),
  z.object({ username: z.string().min(1), password: z.string().min(1) }),
]);

/** Where a stream stopped: the LastUpdated of its newest stored ticket, and the ids stored at that second. */
const Cursor = z.object({ t: z.string(), ids: z.array(z.string()) });
type Cursor = z.infer<typeof Cursor>;

type Page<T> = { items: T[]; total?: number; page?: number; pages?: number; per_page?: number; count?: number };
type TicketItem = { id: string | number; LastUpdated: string } & Record<string, unknown>;

const TICKET_FIELDS = "Subject,Status,Queue,Owner,Requestor,Priority,Created,LastUpdated,Resolved,EffectiveId,CustomFields";
const FIELD_PARAMS = { fields: TICKET_FIELDS, "fields[Queue]": "Name", "fields[Owner]": "Name,EmailAddress" };

export function createRtConnector(config: ConnectorConfig): Connector {
  const settings = RtSettings.parse(config.settings);
  const creds = RtCredentials.safeParse(config.credentials ?? {});
  if (!creds.success) throw new Error("The RT connection needs credentials: an auth token, or a username and password.");
  const authorization = "token" in creds.data ? `token ${creds.data.token}` : basicAuth(creds.data.username, creds.data.password);
  const statusMap = { ...RT_STATUS_MAP, ...settings.statusMap };
  const csat = { field: settings.csatField, scale: settings.csatScale, scaleMax: settings.csatScaleMax };
  const base = settings.url.replace(/\/+$/, "");

  let http: HttpClient | null = null;
  const client = (ctx: FetchContext) =>
    (http ??= new HttpClient({
      helpdesk: "Request Tracker",
      baseUrl: base,
      headers: { authorization },
      signal: ctx.signal,
      authHint: (s) => (s === 401 ? "check the username and password, or the auth token" : "the RT user needs the SeeQueue, ShowTicket and SeeCustomField rights, and AdminUsers to list agents"),
    }));

  const get = async <T>(ctx: FetchContext, path: string, query: Record<string, string | number>) => (await client(ctx).get<T>(`/REST/2.0/${path}`, query)).body;

  /** Every page of a collection. */
  async function all<T>(ctx: FetchContext, path: string, query: Record<string, string | number>): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const p = await get<Page<T>>(ctx, path, { ...query, page, per_page: 100 });
      out.push(...p.items);
      if (p.items.length < 100) return out;
    }
  }

  const history = (ctx: FetchContext, id: string) =>
    all<unknown>(ctx, `ticket/${encodeURIComponent(id)}/history`, { fields: "Type,Field,OldValue,NewValue,Created,Creator", "fields[Creator]": "Name" });

  const startCursor = (ctx: FetchContext): Cursor => {
    const from = settings.backfillStart ? new Date(settings.backfillStart) : new Date(ctx.now.getTime() - 365 * 86_400_000);
    return { t: from.toISOString().replace(/\.\d{3}Z$/, "Z"), ids: [] };
  };

  /** One page of tickets matching `extra` and updated at or after the cursor, each with its history. */
  async function ticketPage(ctx: FetchContext, cursorText: string | null, extra: string | null): Promise<RawPage> {
    const cursor = cursorText ? Cursor.parse(JSON.parse(cursorText)) : startCursor(ctx);
    const done = new Set(cursor.ids);
    // "YYYY-MM-DD HH:MM:SS UTC": RT reads a bare time in the API user's own time zone, and does
    // not understand ISO's "T…Z" in TicketSQL (it then matches every ticket).
    const since = `${cursor.t.slice(0, 10)} ${cursor.t.slice(11, 19)} UTC`;
    const query = `LastUpdated >= '${since}'${extra ? ` AND ${extra}` : ""}`;
    // Tickets already stored at the cursor's second come first (oldest first, then by id).
    const page = Math.floor(done.size / settings.pageSize) + 1;
    const p = await get<Page<TicketItem>>(ctx, "tickets", { query, orderby: "LastUpdated", order: "ASC", page, per_page: settings.pageSize, ...FIELD_PARAMS });
    const fresh = p.items.filter((t) => !(t.LastUpdated === cursor.t && done.has(String(t.id))));
    const records = [];
    for (const t of fresh) records.push({ ticket: t, history: await history(ctx, String(t.id)) });
    let next: Cursor = cursor;
    for (const t of fresh) {
      next = t.LastUpdated === next.t ? { t: next.t, ids: [...next.ids, String(t.id)] } : { t: t.LastUpdated, ids: [String(t.id)] };
    }
    const hasMore = p.items.length === settings.pageSize;
    return { records, nextCursor: JSON.stringify(next), hasMore };
  }

  return {
    kind: "rt",
    async fetchDirectory(ctx) {
      const queues = await all<unknown>(ctx, "queues/all", { fields: "Name" });
      // Agents: members of RT's Privileged group (its members list gives ids only).
      const http = client(ctx);
      const groups = (await http.request<Page<{ id: string }>>("/REST/2.0/groups", { method: "POST", query: { fields: "Name" }, body: [{ field: "Domain", value: "SystemInternal" }, { field: "Name", value: "Privileged" }] })).body;
      const privileged = groups.items[0];
      const agents: unknown[] = [];
      if (privileged) {
        const members = await all<{ id: string | number }>(ctx, `group/${privileged.id}/members`, {});
        for (const m of members) agents.push(await get<unknown>(ctx, `user/${m.id}`, {}));
      }
      return { agents, groups: queues };
    },
    fetchTickets: (cursor, ctx) => ticketPage(ctx, cursor, null),
    fetchRatings: (cursor, ctx) => ticketPage(ctx, cursor, `'CF.{${settings.csatField.replace(/[}']/g, "")}}' IS NOT NULL`),
    normalizeAgent: normalizeRtAgent,
    normalizeGroup: normalizeRtGroup,
    normalizeTicket: (raw) => normalizeRtTicket(raw, statusMap),
    normalizeRating: (raw) => normalizeRtRating(raw, csat),
    externalIdOf: (raw) => {
      const t = (raw as { ticket?: { id?: unknown } } | null)?.ticket;
      return t?.id != null ? String(t.id) : null;
    },
    progress: () => {
      const s = http?.stats();
      return { requests: s?.requests ?? 0, throttled: s?.throttled ?? 0, retries: s?.retries ?? 0, budgetUse: null };
    },
  };
}
