import { z } from "zod";
import { ConnectorHttpError, HttpClient, basicAuth, type Clock } from "../http";
import { ConnectorAuthError, type ConnectionTestResult, type Connector, type ConnectorConfig, type FetchContext } from "../types";
import { describeTestFailure } from "../http";
import { externalIdOf, parseOrThrow } from "../zod-parse";
import { normalizeAgent, normalizeGroup, normalizeRating, normalizeTicket } from "./normalize";

/**
 * Freshdesk: tickets by `updated_since`, ascending by updated_at, with stats; Freshdesk serves at
 * most `maxPage` (300) pages of one query, so at the cap the window moves forward to the last
 * updated_at seen and paging starts again (the overlap is re-read; storage is idempotent).
 * Satisfaction ratings by `created_since`, re-reading a lookback window so later edits are caught.
 */

export const FreshdeskSettingsSchema = z.object({
  domain: z
    .string()
    .transform((d) => d.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, ""))
    .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*(\.freshdesk\.com)?$/, "a Freshdesk domain looks like acme.freshdesk.com")),
  backfillStart: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "backfillStart must be a date"),
  apiBaseUrl: z.url().optional(),
  pageSize: z.number().int().min(1).max(100).default(100),
  /** Freshdesk refuses pages beyond 300 of one query. */
  maxPage: z.number().int().min(1).max(300).default(300),
  ratingLookbackHours: z.number().min(0).max(24 * 90).default(72),
  budgetShare: z.number().gt(0).max(1).default(0.5),
  timeoutMs: z.number().int().min(100).default(30_000),
  /** Retries of 5xx, network errors and timeouts per call, and the first backoff step. */
  maxRetries: z.number().int().min(0).max(10).default(6),
  backoffBaseMs: z.number().int().min(1).default(500),
  /**
   * Where reopen times come from: "activities" reads the ticket activities export (one file per
   * day, on plans that have it) for each reopened ticket whose history spans at most
   * `activityDaysMax` days; "stats" uses stats.reopened_at (the last reopen) only.
   */
  reopenHistory: z.enum(["activities", "stats"]).default("activities"),
  activityDaysMax: z.number().int().min(1).max(90).default(14),
});
export type FreshdeskSettings = z.infer<typeof FreshdeskSettingsSchema>;

export const FreshdeskCredentialsSchema = z.object({ apiKey: z.string().min(1, "the API key") });

export const FRESHDESK_QUOTA = {
  limit: ["x-ratelimit-total"],
  remaining: ["x-ratelimit-remaining"],
  windowMs: 60_000,
};

/** `wait`: reopened tickets stored on stats because a day of theirs had no file yet (today's). */
type WindowCursor = { since: string; page: number; max?: string; wait?: Waiting[] };
type Waiting = { id: string; day: string };
const MAX_WAITING = 1000;

export type FreshdeskOptions = { clock?: Clock };

export function createFreshdeskConnector(config: ConnectorConfig, options: FreshdeskOptions = {}): Connector {
  const s = parseOrThrow(FreshdeskSettingsSchema, config.settings, "The Freshdesk connection's settings are invalid:");
  const creds = parseOrThrow(FreshdeskCredentialsSchema, config.credentials ?? {}, "The Freshdesk connection's credentials are incomplete:");
  const host = s.domain.includes(".") ? s.domain : `${s.domain}.freshdesk.com`;
  const baseUrl = s.apiBaseUrl ?? `https://${host}`;
  let http: HttpClient | null = null;
  let signal: AbortSignal | undefined;
  // Per run: each day's activities by ticket id (null: no file for that day), and whether the
  // export is refused (403: not on this plan or not an admin's key) — then stats for the run.
  const activityDays = new Map<string, Map<string, unknown[]> | null>();
  let activitiesDenied = false;
  const client = (ctx: FetchContext) => {
    if (!http || signal !== ctx.signal) {
      signal = ctx.signal;
      http = new HttpClient({
        helpdesk: "Freshdesk",
        baseUrl,
        headers: { authorization: basicAuth(creds.apiKey, "X") },
        quota: FRESHDESK_QUOTA,
        budgetShare: s.budgetShare,
        timeoutMs: s.timeoutMs,
        maxRetries: s.maxRetries,
        backoffBaseMs: s.backoffBaseMs,
        signal: ctx.signal,
        clock: options.clock,
        authHint: (st) =>
          st === 401 ? "check the API key (Profile settings → Your API Key)" : "the agent whose key this is needs permission to view all tickets and admin access for agents and groups",
      });
    }
    return http;
  };

  async function listAll(ctx: FetchContext, path: string, what: string): Promise<unknown[]> {
    const out: unknown[] = [];
    for (let page = 1; page <= 1000; page++) {
      const res = await client(ctx).get(path, { per_page: 100, page });
      if (!Array.isArray(res.body)) throw new Error(`Freshdesk's ${what} response is not a list.`);
      out.push(...res.body);
      if (!hasNext(res.headers, res.body.length, 100)) break;
    }
    return out;
  }

  /** One day's activities: the export answers a link to the day's JSON file, which holds them. */
  async function activitiesOfDay(ctx: FetchContext, day: string): Promise<Map<string, unknown[]> | null> {
    if (activityDays.has(day)) return activityDays.get(day)!;
    let byTicket: Map<string, unknown[]> | null = null;
    try {
      const { body } = await client(ctx).get("/api/v2/export/ticket_activities", { created_at: day });
      const link = exportLink(body);
      if (link) {
        const file = await client(ctx).get<{ activities_data?: unknown }>(link);
        const rows = file.body?.activities_data;
        if (!Array.isArray(rows)) throw new Error(`Freshdesk's ticket activities file for ${day} has no activities_data list.`);
        byTicket = new Map();
        for (const r of rows) {
          const key = (r as { ticket_id?: unknown })?.ticket_id;
          if (key == null) continue;
          byTicket.set(String(key), [...(byTicket.get(String(key)) ?? []), r]);
        }
      }
    } catch (e) {
      if (e instanceof ConnectorAuthError && /HTTP 403/.test(e.message)) activitiesDenied = true;
      else if (!(e instanceof ConnectorHttpError && e.status === 404)) throw e;
    }
    activityDays.set(day, byTicket);
    return byTicket;
  }

  /**
   * The activities of each reopened ticket on the page, attached as `activities` when every day
   * of its history has a file (today's is written tomorrow: such a ticket stays on stats). Every
   * version of a ticket comes with its whole history, so an incremental run ends like a clean one.
   */
  async function withActivities(ctx: FetchContext, records: unknown[]): Promise<{ records: unknown[]; waiting: Waiting[] }> {
    const today = ctx.now.toISOString().slice(0, 10);
    const out: unknown[] = [];
    const waiting: Waiting[] = [];
    for (const r of records) {
      const t = r as { id?: unknown; created_at?: unknown; updated_at?: unknown; deleted?: unknown; stats?: { reopened_at?: unknown } | null };
      const days = typeof t?.created_at === "string" && typeof t.updated_at === "string" ? daysBetween(t.created_at, t.updated_at) : null;
      if (activitiesDenied || !t?.stats?.reopened_at || t.deleted === true || t.id == null || !days || days.length > s.activityDaysMax || days.some((d) => d >= today)) {
        // Today's file is written tomorrow: the ticket is read again then (see fetchTickets).
        if (!activitiesDenied && t?.stats?.reopened_at && t.deleted !== true && t.id != null && days && days.length <= s.activityDaysMax && days.some((d) => d >= today)) waiting.push({ id: String(t.id), day: days[days.length - 1]! });
        out.push(r);
        continue;
      }
      const found: unknown[] = [];
      let whole = true;
      for (const d of days) {
        const m = await activitiesOfDay(ctx, d);
        if (!m) {
          whole = false;
          break;
        }
        found.push(...(m.get(String(t.id)) ?? []));
      }
      out.push(whole && !activitiesDenied ? { ...t, activities: found } : r);
    }
    return { records: out, waiting };
  }

  /** The waiting list carried on: newest entry per ticket, at most MAX_WAITING (oldest dropped). */
  const mergeWaiting = (a: Waiting[] | undefined, b: Waiting[]): Waiting[] | undefined => {
    const m = new Map<string, Waiting>();
    for (const w of [...(a ?? []), ...b]) m.set(w.id, w);
    const all = [...m.values()].slice(-MAX_WAITING);
    return all.length ? all : undefined;
  };

  return {
    kind: "freshdesk",
    async fetchDirectory(ctx) {
      const agents = await listAll(ctx, "/api/v2/agents", "agents");
      const groups = await listAll(ctx, "/api/v2/groups", "groups");
      // Memberships come with the groups (agent_ids); agents do not list their groups.
      const groupsOf = new Map<string, string[]>();
      for (const g of groups) {
        const gid = externalIdOf(g);
        const ids = (g as { agent_ids?: unknown }).agent_ids;
        if (!gid || !Array.isArray(ids)) continue;
        for (const a of ids) groupsOf.set(String(a), [...(groupsOf.get(String(a)) ?? []), gid]);
      }
      return {
        agents: agents.map((a) => {
          const key = externalIdOf(a);
          return a && typeof a === "object" && key && !("group_ids" in a) ? { ...a, group_ids: groupsOf.get(key) ?? [] } : a;
        }),
        groups,
      };
    },

    async fetchTickets(cursor, ctx) {
      const c = decode(cursor) ?? { since: new Date(Date.parse(s.backfillStart)).toISOString(), page: 1 };
      // Tickets that waited for a day's file that exists now: read again (one call each, 20 a
      // page) and stored with their activities, before the window goes on.
      const today = ctx.now.toISOString().slice(0, 10);
      const due = s.reopenHistory === "activities" && !activitiesDenied ? (c.wait ?? []).filter((w) => w.day < today).slice(0, 20) : [];
      if (due.length) {
        const fetched: unknown[] = [];
        for (const w of due) {
          try {
            fetched.push((await client(ctx).get(`/api/v2/tickets/${encodeURIComponent(w.id)}`, { include: "stats" })).body);
          } catch (e) {
            if (!(e instanceof ConnectorHttpError && e.status === 404)) throw e; // gone for good: nothing to refresh
          }
        }
        const again = await withActivities(ctx, fetched);
        const rest = (c.wait ?? []).filter((w) => !due.includes(w));
        return { records: again.records, nextCursor: encode({ ...c, wait: mergeWaiting(rest, again.waiting) }), hasMore: true };
      }
      const res = await client(ctx).get("/api/v2/tickets", {
        updated_since: c.since,
        order_by: "updated_at",
        order_type: "asc",
        include: "stats",
        per_page: s.pageSize,
        page: c.page,
      });
      if (!Array.isArray(res.body)) throw new Error("Freshdesk's tickets response is not a list.");
      // Before the cursor moves, so a page is stored with its activities or retried whole.
      const withAct = s.reopenHistory === "activities" ? await withActivities(ctx, res.body) : { records: res.body, waiting: [] };
      const records = withAct.records;
      const wait = mergeWaiting(c.wait, withAct.waiting);
      const max = maxOf(c.max, records, "updated_at");
      const more = hasNext(res.headers, records.length, s.pageSize);
      if (!more) return { records, nextCursor: encode({ since: max ?? c.since, page: 1, wait }), hasMore: false };
      if (c.page >= s.maxPage) {
        // The page cap: move the window to the newest updated_at seen and page from 1 again.
        const since = max && max > c.since ? max : c.since;
        if (since === c.since) throw new Error(`More than ${s.maxPage * s.pageSize} Freshdesk tickets share updated_at ${c.since}; the window cannot move forward.`);
        return { records, nextCursor: encode({ since, page: 1, wait }), hasMore: true };
      }
      return { records, nextCursor: encode({ since: c.since, page: c.page + 1, max: max ?? undefined, wait }), hasMore: true };
    },

    async fetchRatings(cursor, ctx) {
      const c = decode(cursor) ?? { since: new Date(Date.parse(s.backfillStart)).toISOString(), page: 1 };
      const res = await client(ctx).get("/api/v2/surveys/satisfaction_ratings", { created_since: c.since, per_page: 100, page: c.page });
      if (!Array.isArray(res.body)) throw new Error("Freshdesk's satisfaction ratings response is not a list.");
      const records = res.body;
      const max = maxOf(c.max, records, "created_at");
      if (hasNext(res.headers, records.length, 100) && c.page < s.maxPage) {
        return { records, nextCursor: encode({ since: c.since, page: c.page + 1, max: max ?? undefined }), hasMore: true };
      }
      // Next run: from the newest rating minus the lookback, so edits to recent ratings are re-read.
      const back = max ? new Date(Date.parse(max) - s.ratingLookbackHours * 3_600_000).toISOString() : c.since;
      return { records, nextCursor: encode({ since: back > c.since ? back : c.since, page: 1 }), hasMore: false };
    },

    async testConnection(ctx): Promise<ConnectionTestResult> {
      try {
        const me = await client(ctx).get<{ contact?: { email?: string } }>("/api/v2/agents/me");
        await client(ctx).get("/api/v2/tickets", { per_page: 1, updated_since: new Date(Date.now() - 86_400_000).toISOString() });
        await client(ctx).get("/api/v2/groups", { per_page: 1 });
        const who = me.body?.contact?.email ?? "the API key's agent";
        return { ok: true, message: `Connected as ${who}.`, i18n: { key: "connTest.connectedAs", vars: { who } } };
      } catch (e) {
        return describeTestFailure(e, "Freshdesk");
      }
    },

    progress() {
      const st = http?.stats();
      const main = st?.budgets[0];
      return { requests: st?.requests ?? 0, throttled: st?.throttled ?? 0, retries: st?.retries ?? 0, budgetUse: main?.limit ? main.usedInWindow / main.limit : null };
    },

    normalizeAgent,
    normalizeGroup,
    normalizeTicket,
    normalizeRating,
    externalIdOf,
  };
}

/**
 * The day file's link in the export's answer. Seen shaped as `{ export: [{ url }] }` and as
 * `{ export: { url } }` (the Singer and Airbyte Freshdesk sources each read one), so both are read.
 */
export function exportLink(body: unknown): string | null {
  const e = (body as { export?: unknown })?.export;
  const first = Array.isArray(e) ? e[0] : e;
  const url = (first as { url?: unknown })?.url;
  return typeof url === "string" && /^https?:\/\//.test(url) ? url : null;
}

/** The UTC days from one ISO time to another, both included ("2026-11-02", …). */
export function daysBetween(fromIso: string, toIso: string): string[] | null {
  const a = Date.parse(fromIso);
  const b = Date.parse(toIso);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return null;
  const out: string[] = [];
  for (let d = Date.UTC(new Date(a).getUTCFullYear(), new Date(a).getUTCMonth(), new Date(a).getUTCDate()); d <= b && out.length <= 400; d += 86_400_000) {
    out.push(new Date(d).toISOString().slice(0, 10));
  }
  return out;
}

/** Freshdesk sends a Link rel="next" header while more pages exist; a full page is the fallback sign. */
function hasNext(headers: Headers, count: number, perPage: number): boolean {
  const link = headers.get("link");
  if (link !== null) return /rel="?next"?/.test(link);
  return count >= perPage;
}

/** The newest ISO time of `field` in the records (as an ISO string in UTC), or prev. */
function maxOf(prev: string | undefined, records: unknown[], field: string): string | null {
  let max = prev ? Date.parse(prev) : -Infinity;
  for (const r of records) {
    const v = Date.parse(String((r as Record<string, unknown>)?.[field]));
    if (Number.isFinite(v) && v > max) max = v;
  }
  return Number.isFinite(max) ? new Date(max).toISOString() : null;
}

function encode(c: WindowCursor): string {
  return JSON.stringify(c);
}

function decode(cursor: string | null): WindowCursor | null {
  if (!cursor) return null;
  try {
    return JSON.parse(cursor) as WindowCursor;
  } catch {
    throw new Error(`The saved Freshdesk cursor is unreadable (${cursor.slice(0, 40)}); reset the connection's sync to start over.`);
  }
}
