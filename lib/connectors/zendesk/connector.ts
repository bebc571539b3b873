import { z } from "zod";
import { ConnectorHttpError, HttpClient, basicAuth, bearerAuth, describeTestFailure, type Clock } from "../http";
import { ConnectorAuthError, type ConnectionTestResult, type Connector, type ConnectorConfig, type FetchContext, type RawPage } from "../types";
import { externalIdOf, parseOrThrow } from "../zod-parse";
import { MetricSetSchema, isAnsweredRating, isAnsweredSurvey, normalizeAgent, surveyTime, normalizeGroup, normalizeRating, normalizeTicket } from "./normalize";

/**
 * Zendesk Support: tickets from the cursor-based incremental export with metric sets sideloaded,
 * satisfaction ratings by start_time with a lookback (a changed rating is re-read; the newest
 * wins in storage), agents with their group memberships, groups.
 */

export const ZendeskSettingsSchema = z.object({
  subdomain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, "a Zendesk subdomain is the part before .zendesk.com (letters, digits, dashes)"),
  /** Tickets updated since this day are fetched on the first run. */
  backfillStart: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "backfillStart must be a date"),
  /** Tests and the emulator: where the API lives instead of https://<subdomain>.zendesk.com. */
  apiBaseUrl: z.url().optional(),
  pageSize: z.number().int().min(1).max(1000).default(1000),
  /** Ratings are re-read this far back on every run, so changed ratings are caught. */
  ratingLookbackHours: z.number().min(0).max(24 * 90).default(72),
  /** Ratings read (100 per call) before they are stored as one page. */
  ratingsPerBatch: z.number().int().min(1).max(10_000).default(1000),
  budgetShare: z.number().gt(0).max(1).default(0.5),
  /** Requests per minute to the incremental export (Zendesk documents 10; raised plans differ). */
  exportLimitPerMinute: z.number().int().min(1).default(10),
  timeoutMs: z.number().int().min(100).default(30_000),
  /**
   * Where reopen times and solvers come from: "audits" reads the audits of each ticket that
   * metric sets say was reopened (one call per such ticket, through the shared budget);
   * "metrics" only counts reopens (spread between the first and last solve, assignee as solver).
   */
  reopenHistory: z.enum(["audits", "metrics"]).default("audits"),
  /**
   * Where ratings come from: the legacy `satisfaction_ratings`, or the new CSAT's survey
   * responses (`/api/v2/guide/survey_responses`, an admin's token) for accounts that moved to it.
   * One or the other, never both: Zendesk mirrors new answers as legacy good/bad too.
   */
  csatSource: z.enum(["satisfaction_ratings", "survey_responses"]).default("satisfaction_ratings"),
  /** Retries of 5xx, network errors and timeouts per call, and the first backoff step. */
  maxRetries: z.number().int().min(0).max(10).default(6),
  backoffBaseMs: z.number().int().min(1).default(500),
});
export type ZendeskSettings = z.infer<typeof ZendeskSettingsSchema>;

export const ZendeskCredentialsSchema = z.union([
  z.object({ email: z.email("the Zendesk user's email"), apiToken: z.string().min(1, "the API token") }),
  z.object({ oauthToken: z.string().min(1, "the OAuth access token") }),
]);

const ExportPage = z.object({
  tickets: z.array(z.unknown()),
  after_cursor: z.string().nullable().optional(),
  end_of_stream: z.boolean(),
  metric_sets: z.array(z.unknown()).optional(),
});

const ListEnvelope = z.object({
  next_page: z.string().nullable().optional(),
  meta: z.object({ has_more: z.boolean() }).partial().optional(),
  links: z.object({ next: z.string().nullable().optional() }).partial().optional(),
});

/** A Zendesk list page, cursor-paginated (meta.has_more, links.next) or offset (next_page). */
export function readList(body: unknown, key: string): { items: unknown[]; next: string | null } {
  const env = parseOrThrow(ListEnvelope, body, `Zendesk's ${key} response is not what we expect:`);
  const items = (body as Record<string, unknown>)[key];
  if (!Array.isArray(items)) throw new Error(`Zendesk's ${key} response is not what we expect: ${key}: expected a list`);
  const next = env.meta?.has_more === false ? null : (env.links?.next ?? env.next_page ?? null);
  return { items, next };
}

type TicketCursor = { c: string } | { t: number };
type RatingCursor = { t: number; next?: string; max?: number };

/** Zendesk's rate-limit headers (both spellings are sent today; the recorded exchanges show them). */
export const ZENDESK_QUOTA = {
  limit: ["ratelimit-limit", "x-rate-limit"],
  remaining: ["ratelimit-remaining", "x-rate-limit-remaining"],
  reset: ["ratelimit-reset"],
  windowMs: 60_000,
};

export type ZendeskOptions = { clock?: Clock };

/** The incremental export's own limit, when announced: `total=10; remaining=9; resets=41`. */
export const EXPORT_LIMIT_HEADER = "zendesk-ratelimit-incremental-exports";

export function createZendeskConnector(config: ConnectorConfig, options: ZendeskOptions = {}): Connector {
  const s = parseOrThrow(ZendeskSettingsSchema, config.settings, "The Zendesk connection's settings are invalid:");
  const creds = parseOrThrow(ZendeskCredentialsSchema, config.credentials ?? {}, "The Zendesk connection's credentials are incomplete:");
  const authorization = "oauthToken" in creds ? bearerAuth(creds.oauthToken) : basicAuth(`${creds.email}/token`, creds.apiToken);
  const baseUrl = s.apiBaseUrl ?? `https://${s.subdomain.toLowerCase()}.zendesk.com`;
  let http: HttpClient | null = null;
  // A 403 on audits (a role or plan without them): metric sets for the rest of the run.
  let auditsDenied = false;
  let signal: AbortSignal | undefined;
  // One client per run: the connector is built per run, the signal comes with the first fetch.
  const client = (ctx: FetchContext) => {
    if (!http || signal !== ctx.signal) {
      signal = ctx.signal;
      http = new HttpClient({
        helpdesk: "Zendesk",
        baseUrl,
        headers: { authorization },
        quota: ZENDESK_QUOTA,
        // The documented 10/min unless the response announces the limit itself (Zendesk's
        // endpoint-limit header format); its `resets` then tells when the allowance is back.
        buckets: { export: { limit: [], remaining: [], combined: [EXPORT_LIMIT_HEADER], windowMs: 60_000, staticLimit: s.exportLimitPerMinute, share: 1 } },
        budgetShare: s.budgetShare,
        timeoutMs: s.timeoutMs,
        maxRetries: s.maxRetries,
        backoffBaseMs: s.backoffBaseMs,
        signal: ctx.signal,
        clock: options.clock,
        authHint: (st) =>
          st === 401
            ? "check the email and API token (or the OAuth token), and that token access is enabled in Admin Center"
            : "the user needs an agent or admin role that can read tickets, users and satisfaction ratings",
      });
    }
    return http;
  };

  async function listAll(ctx: FetchContext, path: string, key: string, query: Record<string, string>): Promise<unknown[]> {
    const out: unknown[] = [];
    let next: string | null = path;
    let q: Record<string, string> | undefined = { ...query, "page[size]": "100" };
    for (let guard = 0; next && guard < 10_000; guard++) {
      const res: { body: unknown } = await client(ctx).get(next, q);
      const page = readList(res.body, key);
      out.push(...page.items);
      next = page.next;
      q = undefined; // next links carry their query
    }
    return out;
  }

  /**
   * The audits of each reopened ticket on the page, attached as `audits`. Every version of a
   * ticket comes with its whole history again (storage replaces it), so an incremental run
   * ends like a clean one. A 404 (deleted for good since the page) keeps that ticket on metrics.
   */
  async function withAudits(ctx: FetchContext, records: unknown[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const r of records) {
      const t = r as { id?: unknown; status?: unknown; metric_set?: { reopens?: unknown } };
      const reopened = typeof t?.metric_set?.reopens === "number" && t.metric_set.reopens > 0 && t.status !== "deleted";
      if (auditsDenied || !reopened || (typeof t.id !== "number" && typeof t.id !== "string")) {
        out.push(r);
        continue;
      }
      try {
        const audits = await listAll(ctx, `/api/v2/tickets/${encodeURIComponent(String(t.id))}/audits.json`, "audits", {});
        out.push({ ...t, audits });
      } catch (e) {
        if (e instanceof ConnectorAuthError && /HTTP 403/.test(e.message)) auditsDenied = true;
        else if (!(e instanceof ConnectorHttpError && e.status === 404)) throw e;
        out.push(r);
      }
    }
    return out;
  }

  return {
    kind: "zendesk",
    async fetchDirectory(ctx) {
      const [users, groups, memberships] = [
        await listAll(ctx, "/api/v2/users.json", "users", { "role[]": "agent" }),
        await listAll(ctx, "/api/v2/groups.json", "groups", {}),
        await listAll(ctx, "/api/v2/group_memberships.json", "group_memberships", {}),
      ];
      const admins = await listAll(ctx, "/api/v2/users.json", "users", { "role[]": "admin" });
      const groupsOf = new Map<string, string[]>();
      for (const m of memberships) {
        const r = m as { user_id?: unknown; group_id?: unknown };
        if (r.user_id == null || r.group_id == null) continue;
        const k = String(r.user_id);
        groupsOf.set(k, [...(groupsOf.get(k) ?? []), String(r.group_id)]);
      }
      const agents = [...users, ...admins].map((u) => {
        const key = externalIdOf(u);
        return u && typeof u === "object" && key ? { ...u, group_ids: groupsOf.get(key) ?? [] } : u;
      });
      return { agents, groups: groups.filter((g) => !(g as { deleted?: boolean }).deleted) };
    },

    async fetchTickets(cursor, ctx) {
      const c = decode<TicketCursor>(cursor);
      const latest = Math.floor(ctx.now.getTime() / 1000) - 60; // Zendesk: start_time at least a minute in the past
      const query: Record<string, string | number> = { per_page: s.pageSize, include: "metric_sets" };
      if (c && "c" in c) query.cursor = c.c;
      else query.start_time = Math.min(latest, c && "t" in c ? c.t : Math.floor(Date.parse(s.backfillStart) / 1000));
      const { body } = await client(ctx).get("/api/v2/incremental/tickets/cursor.json", query, { bucket: "export" });
      const page = readExportPage(body);
      // Before the cursor moves, so a page is stored with its audits or retried whole.
      const records = s.reopenHistory === "audits" ? await withAudits(ctx, page.records) : page.records;
      return {
        records,
        nextCursor: page.afterCursor ? encode({ c: page.afterCursor }) : (cursor ?? encode({ t: query.start_time as number })),
        // An empty page that does not move the cursor is the end too, whatever the flag says.
        hasMore: !page.endOfStream && !(page.records.length === 0 && page.afterCursor === query.cursor),
      };
    },

    async fetchRatings(cursor, ctx) {
      let c = decode<RatingCursor>(cursor) ?? { t: Math.floor(Date.parse(s.backfillStart) / 1000) };
      // The list API serves 100 a page; up to `ratingsPerBatch` are read before they are stored,
      // so a backfill commits (and rescores) once per thousand ratings, not once per hundred.
      const records: unknown[] = [];
      for (;;) {
        const surveys = s.csatSource === "survey_responses";
        const { body } = c.next
          ? await client(ctx).get(c.next)
          : surveys
            ? await client(ctx).get("/api/v2/guide/survey_responses", { "filter[created_at_start]": c.t, "page[size]": 100 })
            : await client(ctx).get("/api/v2/satisfaction_ratings.json", { start_time: c.t, "page[size]": 100, sort: "created_at" });
        const { items: all, next } = readList(body, surveys ? "survey_responses" : "satisfaction_ratings");
        let max = c.max ?? c.t;
        for (const r of all) {
          const at = surveys ? surveyTime(r) : Date.parse(String((r as { created_at?: unknown }).created_at));
          if (at !== null && Number.isFinite(at)) max = Math.max(max, Math.floor(at / 1000));
        }
        records.push(...all.filter(surveys ? isAnsweredSurvey : isAnsweredRating));
        if (!next) {
          // Done: the next run re-reads the lookback window, so changed ratings are caught.
          const restart = Math.max(c.t, max - Math.round(s.ratingLookbackHours * 3600));
          return { records, nextCursor: encode({ t: restart }), hasMore: false };
        }
        c = { t: c.t, next, max };
        if (records.length >= s.ratingsPerBatch) return { records, nextCursor: encode(c), hasMore: true };
      }
    },

    async testConnection(ctx): Promise<ConnectionTestResult> {
      return testZendesk(client(ctx));
    },

    progress() {
      const st = http?.stats();
      const main = st?.budgets.find((b) => b.name === "main");
      return {
        requests: st?.requests ?? 0,
        throttled: st?.throttled ?? 0,
        retries: st?.retries ?? 0,
        budgetUse: main?.limit ? main.usedInWindow / main.limit : null,
      };
    },

    normalizeAgent,
    normalizeGroup,
    normalizeTicket,
    normalizeRating,
    externalIdOf,
  };
}

/** One page of the cursor-based incremental ticket export, metric sets attached to their tickets. */
export function readExportPage(body: unknown): { records: unknown[]; afterCursor: string | null; endOfStream: boolean } {
  const page = parseOrThrow(ExportPage, body, "Zendesk's incremental export response is not what we expect:");
  return { records: attachMetrics(page.tickets, page.metric_sets ?? []), afterCursor: page.after_cursor ?? null, endOfStream: page.end_of_stream };
}

/** Sideloaded metric sets onto their tickets (by ticket id), so one record carries both. */
function attachMetrics(tickets: unknown[], metricSets: unknown[]): unknown[] {
  const byTicket = new Map<string, unknown>();
  for (const m of metricSets) {
    const p = MetricSetSchema.safeParse(m);
    if (p.success) byTicket.set(p.data.ticket_id, m);
  }
  return tickets.map((t) => {
    const key = externalIdOf(t);
    const m = key ? byTicket.get(key) : undefined;
    return m && t && typeof t === "object" ? { ...t, metric_set: m } : t;
  });
}

async function testZendesk(http: HttpClient): Promise<ConnectionTestResult> {
  try {
    const { body } = await http.get<{ user?: { id?: unknown; role?: string; email?: string } }>("/api/v2/users/me.json");
    const me = body?.user;
    if (!me || me.id == null || me.role === "end-user" || me.id === null) {
      // Zendesk answers anonymous callers with a placeholder end-user instead of a 401.
      return me?.id == null
        ? { ok: false, problem: "credentials", message: "Zendesk did not recognise these credentials: check the email and API token (or OAuth token)." }
        : { ok: false, problem: "permissions", message: `The user ${me.email ?? ""} is an end user; Podium needs an agent or admin.` };
    }
    await http.get("/api/v2/satisfaction_ratings.json", { "page[size]": 1 });
    await http.get("/api/v2/incremental/tickets/cursor.json", { start_time: Math.floor(Date.now() / 1000) - 3600, per_page: 1 }, { bucket: "export" });
    const who = me.email ?? "the API user";
    return { ok: true, message: `Connected as ${who} (${me.role}).`, details: { role: String(me.role) }, i18n: { key: "connTest.connectedAsRole", vars: { who, role: String(me.role) } } };
  } catch (e) {
    return describeTestFailure(e, "Zendesk");
  }
}

function encode(c: unknown): string {
  return JSON.stringify(c);
}

function decode<T>(cursor: string | null): T | null {
  if (!cursor) return null;
  try {
    return JSON.parse(cursor) as T;
  } catch {
    throw new Error(`The saved Zendesk cursor is unreadable (${cursor.slice(0, 40)}); reset the connection's sync to start over.`);
  }
}
