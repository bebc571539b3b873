import { headerSeconds, prng, startCore, type EmulatorCore } from "./core";

/**
 * A Zendesk Support API emulator: a generated account served with the real shapes (as recorded
 * in shared/fixtures/recorded/zendesk), cursor-based incremental export with metric sets,
 * cursor-paginated lists, rate-limit headers, 429s and the faults of ./core.ts.
 */

export type ZdTicket = {
  id: number;
  subject: string;
  status: "new" | "open" | "pending" | "hold" | "solved" | "closed" | "deleted";
  group_id: number | null;
  assignee_id: number | null;
  priority: string | null;
  type: string | null;
  created_at: string;
  updated_at: string;
  tags: string[];
  /** Custom field values by field id (a dropdown: `PRODUCT_FIELD_ID`). */
  custom_fields: { id: number; value: string | null }[];
  reopens: number;
  solved_at: string | null;
  first_resolution_minutes: number | null;
  /** Who solved it (the audits' author); the assignee when absent. */
  solver_id?: number | null;
  /** The status history as audits; generated from the fields above until a touch changes the status. */
  audits?: ZdAudit[];
};
/** A ticket audit as Zendesk documents it (ticket_audits), with only the status Change events. */
export type ZdAudit = {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  events: { id: number; type: "Create" | "Change"; field_name: "status"; value: string; previous_value?: string }[];
};
export type ZdRating = { id: number; ticket_id: number; assignee_id: number | null; score: "good" | "bad"; comment: string | null; created_at: string; updated_at: string };
export type ZdAccount = {
  email: string;
  apiToken: string;
  agents: { id: number; name: string; email: string; role: "agent" | "admin" }[];
  groups: { id: number; name: string }[];
  memberships: { id: number; user_id: number; group_id: number }[];
  tickets: ZdTicket[];
  ratings: ZdRating[];
};

export type ZendeskEmulatorOptions = {
  seed?: number;
  tickets?: number;
  agents?: number;
  /** Account quota per minute (Zendesk Team: 200, Professional: 400, Enterprise: 700); null: off. */
  quotaPerMinute?: number | null;
  /** Requests per minute to the incremental export (Zendesk: 10); null: off. */
  exportLimitPerMinute?: number | null;
  /** The newest update in the generated account is this long before the emulator starts. */
  endsAgoMs?: number;
  spanDays?: number;
  /** Keep at most this many ratings (evenly spread over the account), for benchmarks. */
  ratings?: number;
  /**
   * The emulator's clock runs this many times faster (benchmarks): its quota windows last
   * 60 s / timeScale and its Retry-After and reset headers say so, to the millisecond.
   */
  timeScale?: number;
};

/**
 * The incremental export's own limit, in the format Zendesk documents for its endpoint limits
 * (`zendesk-ratelimit-tickets-index: total=100; remaining=99; resets=41`).
 */
export const EXPORT_LIMIT_HEADER = "zendesk-ratelimit-incremental-exports";

export const PRODUCT_FIELD_ID = 360_001;
export const PRODUCTS = ["hardware", "software", "billing"] as const;

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

export function generateZendeskAccount(o: ZendeskEmulatorOptions = {}): ZdAccount {
  const rnd = prng(o.seed ?? 7);
  const n = o.tickets ?? 250;
  const nAgents = o.agents ?? 6;
  const end = Date.now() - (o.endsAgoMs ?? 10 * 60_000);
  const span = (o.spanDays ?? 30) * 86_400_000;
  const agents = Array.from({ length: nAgents }, (_, i) => ({
    id: 1000 + i,
    name: `Agent ${i + 1}`,
    email: `agent${i + 1}@acme.test`,
    role: (i === 0 ? "admin" : "agent") as "agent" | "admin",
  }));
  const groups = [
    { id: 501, name: "Billing" },
    { id: 502, name: "Technical" },
    { id: 503, name: "Onboarding" },
  ];
  const memberships = agents.map((a, i) => ({ id: 7000 + i, user_id: a.id, group_id: groups[i % groups.length]!.id }));
  const tickets: ZdTicket[] = [];
  const ratings: ZdRating[] = [];
  for (let i = 0; i < n; i++) {
    const created = end - span + (span * i) / n;
    const r = rnd();
    const status: ZdTicket["status"] = r < 0.45 ? "solved" : r < 0.65 ? "closed" : r < 0.8 ? "open" : r < 0.88 ? "pending" : r < 0.95 ? "deleted" : "new";
    const agent = agents[Math.floor(rnd() * nAgents)]!;
    const solvedish = status === "solved" || status === "closed";
    const firstMin = solvedish ? 30 + Math.floor(rnd() * 600) : null;
    const reopens = solvedish && rnd() < 0.15 ? 1 : 0;
    const solvedAt = firstMin === null ? null : created + firstMin * 60_000 + reopens * 3_600_000;
    const updated = Math.min(end, (solvedAt ?? created) + Math.floor(rnd() * 3_600_000));
    tickets.push({
      id: i + 1,
      subject: `Ticket ${i + 1}`,
      status,
      group_id: groups[i % groups.length]!.id,
      assignee_id: status === "new" ? null : agent.id,
      priority: ["low", "normal", "high", "urgent"][Math.floor(rnd() * 4)]!,
      type: rnd() < 0.5 ? "question" : "incident",
      created_at: iso(created),
      updated_at: iso(Math.max(created, updated)),
      // Tags and the product field follow the id (no draws), so seeded accounts stay as they were.
      tags: [...(status === "closed" && rnd() < 0.05 ? ["closed_by_merge"] : []), ...((i + 1) % 10 === 0 ? ["vip"] : [])],
      custom_fields: [{ id: PRODUCT_FIELD_ID, value: PRODUCTS[(i + 1) % PRODUCTS.length]! }],
      reopens,
      solved_at: solvedAt === null ? null : iso(solvedAt),
      first_resolution_minutes: firstMin,
      // A reopened ticket is solved by the next agent, not its assignee (no draw: seeds stay as
      // they were), so a test can tell the solver from the audits from the assignee.
      solver_id: reopens > 0 ? agents[(agents.indexOf(agent) + 1) % nAgents]!.id : null,
    });
    if (solvedish && rnd() < 0.5) {
      const at = iso(Math.min(end, (solvedAt ?? created) + 60_000));
      ratings.push({ id: 90_000 + i, ticket_id: i + 1, assignee_id: agent.id, score: rnd() < 0.8 ? "good" : "bad", comment: null, created_at: at, updated_at: at });
    }
  }
  const keep = o.ratings !== undefined && o.ratings < ratings.length ? o.ratings : null;
  const kept = keep === null ? ratings : Array.from({ length: keep }, (_, i) => ratings[Math.floor((i * ratings.length) / keep)]!);
  return { email: "api@acme.test", apiToken: "zd-token-123", agents, groups, memberships, tickets, ratings: kept };
}

function ticketJson(t: ZdTicket, base: string) {
  return {
    url: `${base}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: null,
    via: { channel: "web", source: { from: {}, to: {}, rel: null } },
    created_at: t.created_at,
    updated_at: t.updated_at,
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: "…",
    priority: t.priority,
    status: t.status,
    requester_id: 1,
    submitter_id: 1,
    assignee_id: t.assignee_id,
    organization_id: null,
    group_id: t.group_id,
    collaborator_ids: [],
    tags: t.tags,
    custom_fields: t.custom_fields,
    satisfaction_rating: null,
    generated_timestamp: Math.floor(Date.parse(t.updated_at) / 1000),
  };
}

function metricSetJson(t: ZdTicket) {
  return {
    id: 50_000 + t.id,
    ticket_id: t.id,
    created_at: t.created_at,
    updated_at: t.updated_at,
    reopens: t.reopens,
    replies: 1,
    solved_at: t.solved_at,
    first_resolution_time_in_minutes: { calendar: t.first_resolution_minutes, business: t.first_resolution_minutes },
    full_resolution_time_in_minutes: { calendar: null, business: null },
  };
}

/** The user id Zendesk gives changes made by triggers and automations (the 4-day close). */
export const SYSTEM_AUTHOR = -1;
const REQUESTER = 1;

/**
 * A ticket's status audits: created, solved by its solver at the first resolution, each reopen
 * by the requester half an hour later and solved again, closed by the system at its last update.
 */
export function auditsOf(t: ZdTicket): ZdAudit[] {
  if (t.audits) return t.audits;
  const out: ZdAudit[] = [];
  const add = (atMs: number, author: number, value: string, previous?: string) => {
    const n = out.length;
    out.push({ id: t.id * 100 + n, ticket_id: t.id, created_at: iso(atMs), author_id: author, events: [{ id: t.id * 1000 + n, type: previous ? "Change" : "Create", field_name: "status", value, ...(previous ? { previous_value: previous } : {}) }] });
  };
  const created = Date.parse(t.created_at);
  add(created, REQUESTER, "new");
  const solver = t.solver_id ?? t.assignee_id ?? SYSTEM_AUTHOR;
  if (t.first_resolution_minutes === null) {
    if (t.status !== "new" && t.status !== "deleted") add(created, t.assignee_id ?? SYSTEM_AUTHOR, t.status, "new");
    return out;
  }
  let at = created + t.first_resolution_minutes * 60_000;
  add(at, solver, "solved", "new");
  for (let i = 0; i < t.reopens; i++) {
    at += 30 * 60_000;
    add(at, REQUESTER, "open", "solved");
    at = i === t.reopens - 1 && t.solved_at ? Math.max(at + 1000, Date.parse(t.solved_at)) : at + 30 * 60_000;
    add(at, solver, "solved", "open");
  }
  if (t.status === "closed") add(Math.max(at + 1000, Date.parse(t.updated_at)), SYSTEM_AUTHOR, "closed", "solved");
  return out;
}

/** A rating as the new CSAT's survey response (shape of GET /api/v2/guide/survey_responses). */
export function surveyResponseJson(r: ZdRating) {
  const neutral = r.id % 7 === 0;
  const [rating, category] = neutral ? [3, "neutral"] : r.score === "good" ? [5, "good"] : [1, "bad"];
  const q = { id: "01GFYBENPDGN1R6NAA4WRDNVF0", alias: "rating", sub_type: "customer_satisfaction", type: "rating_scale", headline: { type: "static", value: "How would you rate your experience?" } };
  return {
    id: `01J${String(r.id).padStart(23, "0")}`,
    expires_at: new Date(Date.parse(r.created_at) + 28 * 86_400_000).toISOString(),
    responder_id: 1,
    subject_zrns: [`zen:ticket:${r.ticket_id}`],
    subjects: [{ id: String(r.ticket_id), type: "ticket", zrn: `zen:ticket:${r.ticket_id}` }],
    survey: { id: "01J58KJ9RAE0D2EK7HRVM7Z8F2", state: "enabled", version: 3 },
    answers: [
      { type: "rating_scale", question: q, rating, rating_category: category, created_at: r.created_at, updated_at: r.updated_at },
      { type: "skipped", question: { id: "01GFYBENPDGN1R6NAA4WRDNVFR", alias: "comment", type: "open_ended", headline: { type: "static", value: "Anything else?" } }, created_at: r.created_at, updated_at: r.created_at },
    ],
  };
}

const pos = (t: ZdTicket) => ({ sec: Math.floor(Date.parse(t.updated_at) / 1000), id: t.id });
const after = (a: { sec: number; id: number }, b: { sec: number; id: number }) => a.sec > b.sec || (a.sec === b.sec && a.id > b.id);
const encodeCursor = (p: { sec: number; id: number }) => Buffer.from(`${p.sec}.0||${p.id}|`).toString("base64");
function decodeCursor(c: string): { sec: number; id: number } | null {
  const m = /^(\d+)\.0\|\|(\d+)\|$/.exec(Buffer.from(c, "base64").toString("utf8"));
  return m ? { sec: Number(m[1]), id: Number(m[2]) } : null;
}

export type ZendeskEmulator = EmulatorCore & {
  account: ZdAccount;
  /** Changes a ticket as an agent would; its updated_at moves to now − 61 s so the export sees it. */
  touchTicket(id: number, patch: Partial<ZdTicket>, by?: number): void;
  rate(ticketId: number, score: "good" | "bad"): void;
};

export async function startZendeskEmulator(o: ZendeskEmulatorOptions = {}): Promise<ZendeskEmulator> {
  const account = generateZendeskAccount(o);
  const exportCalls: number[] = [];
  const expected = `Basic ${Buffer.from(`${account.email}/token:${account.apiToken}`).toString("base64")}`;
  const visibleNow = () => Math.floor(Date.now() / 1000) - 60;
  const scale = o.timeScale ?? 1;
  const windowMs = 60_000 / scale;
  let base = "";
  // Sorted views, rebuilt only after a change: a 200,000-ticket account is paged without
  // sorting it on every call.
  let byPosition: ZdTicket[] | null = null;
  let ratingsByCreation: ZdRating[] | null = null;
  const sortedTickets = () => (byPosition ??= [...account.tickets].sort((a, b) => pos(a).sec - pos(b).sec || a.id - b.id));
  const sortedRatings = () => (ratingsByCreation ??= [...account.ratings].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id));
  /** The first index whose element is not before `p` (binary search). */
  const lowerBound = <T>(items: T[], before: (x: T) => boolean) => {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(items[mid]!)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const list = (url: URL, key: string, items: unknown[]) => listPage(url, key, items.length, (from, to) => items.slice(from, to));
  /** One page of a list of `total` items; only the page's items are built (`slice`). */
  const listPage = (url: URL, key: string, total: number, slice: (from: number, to: number) => unknown[]) => {
    const size = Math.min(100, Number(url.searchParams.get("page[size]") ?? 100));
    const start = Number(url.searchParams.get("page[after]") ?? 0);
    const page = slice(start, start + size);
    const hasMore = start + size < total;
    const next = new URL(url.pathname, base);
    for (const [k, v] of url.searchParams) if (k !== "page[after]") next.searchParams.append(k, v);
    next.searchParams.set("page[after]", String(start + size));
    return { status: 200, body: { [key]: page, meta: { has_more: hasMore, after_cursor: hasMore ? String(start + size) : null, before_cursor: null }, links: { next: hasMore ? next.toString() : null, prev: null } } };
  };

  const core = await startCore({
    quotaPerMinute: o.quotaPerMinute === undefined ? 700 : o.quotaPerMinute,
    windowMs,
    fractionalSeconds: scale !== 1,
    quotaHeaders: (limit, remaining, reset) => ({
      "x-rate-limit": String(limit),
      "x-rate-limit-remaining": String(remaining),
      "ratelimit-limit": String(limit),
      "ratelimit-remaining": String(remaining),
      "ratelimit-reset": String(reset),
    }),
    authorized: (a) => a === expected,
    authError: (s) => (s === 401 ? { error: "Couldn't authenticate you" } : { error: "Forbidden", description: "You do not have access to this page." }),
    route(req, url) {
      const p = url.pathname;
      if (p === "/api/v2/users/me.json") return { status: 200, body: { user: { id: account.agents[0]!.id, email: account.email, role: "admin", name: "API" } } };
      if (p === "/api/v2/users.json") {
        const role = url.searchParams.get("role[]");
        return list(url, "users", account.agents.filter((a) => !role || a.role === role).map((a) => ({ ...a, active: true, url: `${base}/api/v2/users/${a.id}.json` })));
      }
      const audits = /^\/api\/v2\/tickets\/(\d+)\/audits\.json$/.exec(p);
      if (audits) {
        // Plans or roles without audit access answer 403; a ticket deleted for good, 404.
        if (core.faults.auditsStatus) return { status: core.faults.auditsStatus, body: { error: "Forbidden", description: "You do not have access to this page." } };
        const t = account.tickets.find((x) => x.id === Number(audits[1]));
        if (!t) return { status: 404, body: { error: "RecordNotFound", description: "Not found" } };
        return list(url, "audits", auditsOf(t).map((a) => ({ ...a, via: { channel: "web", source: { from: {}, to: {}, rel: null } }, metadata: { system: {}, custom: {} } })));
      }
      if (p === "/api/v2/groups.json") return list(url, "groups", account.groups.map((g) => ({ ...g, deleted: false })));
      if (p === "/api/v2/group_memberships.json") return list(url, "group_memberships", account.memberships);
      if (p === "/api/v2/guide/survey_responses") {
        // The new CSAT: each rating as a survey response (5-point; every 7th one a neutral 3).
        const start = Number(url.searchParams.get("filter[created_at_start]") ?? 0);
        return list(url, "survey_responses", sortedRatings().filter((r) => Date.parse(r.created_at) / 1000 >= start).map(surveyResponseJson));
      }
      if (p === "/api/v2/satisfaction_ratings.json") {
        const start = Number(url.searchParams.get("start_time") ?? 0);
        const all = sortedRatings();
        const from = lowerBound(all, (r) => Date.parse(r.created_at) / 1000 < start);
        // Only the requested page is built: a 60,000-rating backfill is read 100 at a time, and
        // copying the whole list on every call cost the emulator more than the sync's own work.
        return listPage(url, "satisfaction_ratings", all.length - from, (a, b) =>
          all.slice(from + a, from + b).map((r) => ({ url: `${base}/api/v2/satisfaction_ratings/${r.id}.json`, ...r, requester_id: 1, group_id: null })),
        );
      }
      if (p === "/api/v2/incremental/tickets/cursor.json") {
        const now = Date.now();
        const limit = o.exportLimitPerMinute ?? null;
        let exportHeaders: Record<string, string> = {};
        if (limit !== null) {
          while (exportCalls.length && exportCalls[0]! <= now - windowMs) exportCalls.shift();
          const resets = () => headerSeconds(exportCalls.length ? exportCalls[0]! + windowMs - now : windowMs, scale !== 1);
          if (exportCalls.length >= limit) {
            const wait = resets();
            return { status: 429, body: { error: "TooManyRequests" }, headers: { "retry-after": wait, [EXPORT_LIMIT_HEADER]: `total=${limit}; remaining=0; resets=${wait}` } };
          }
          exportCalls.push(now);
          exportHeaders = { [EXPORT_LIMIT_HEADER]: `total=${limit}; remaining=${limit - exportCalls.length}; resets=${resets()}` };
        }
        const perPage = Math.min(1000, Number(url.searchParams.get("per_page") ?? 1000));
        const cursor = url.searchParams.get("cursor");
        let from: { sec: number; id: number };
        if (cursor) {
          const d = decodeCursor(cursor);
          if (!d) return { status: 400, body: { error: "InvalidPaginationParameter", description: "cursor is invalid" } };
          from = d;
        } else {
          const st = Number(url.searchParams.get("start_time"));
          if (!Number.isFinite(st)) return { status: 400, body: { error: "InvalidValue", description: "start_time is required" } };
          if (st > visibleNow()) return { status: 400, body: { error: "InvalidValue", description: "Too recent start_time. Use a start_time older than 1 minute." } };
          from = { sec: st, id: 0 };
        }
        const sorted = sortedTickets();
        const first = cursor ? lowerBound(sorted, (t) => !after(pos(t), from)) : lowerBound(sorted, (t) => pos(t).sec < from.sec);
        const visibleEnd = lowerBound(sorted, (t) => pos(t).sec <= visibleNow());
        const all = sorted.slice(first, Math.max(first, Math.min(visibleEnd, first + perPage + 1)));
        const page = all.slice(0, perPage);
        const last = page.length ? pos(page[page.length - 1]!) : cursor ? from : { sec: Math.min(from.sec, visibleNow()), id: 0 };
        let afterCursor = encodeCursor(last);
        let endOfStream = all.length <= perPage;
        const f = core.faults;
        if (f.pageTwice && f.pageTwice > 0 && cursor && page.length) {
          f.pageTwice--;
          afterCursor = cursor; // the next call gets this same page again
          endOfStream = false;
        }
        const malformed = new Set(f.malformedTicketIds ?? []);
        const body = {
          tickets: page.map((t) => (malformed.has(String(t.id)) ? { ...ticketJson(t, base), status: "on-fire", created_at: "yesterday-ish" } : ticketJson(t, base))),
          metric_sets: page.map(metricSetJson),
          after_url: `${base}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(afterCursor)}`,
          after_cursor: afterCursor,
          before_url: null,
          before_cursor: null,
          end_of_stream: endOfStream,
        };
        if (f.deleteAfterPage) {
          const id = Number(f.deleteAfterPage);
          f.deleteAfterPage = undefined;
          emu.touchTicket(id, { status: "deleted" });
        }
        return { status: 200, body, headers: exportHeaders };
      }
      return null;
    },
  });
  base = core.url;
  // Each touch lands in its own second, later than the last: two touches in the same second as
  // the saved cursor, the later with a lower id, would sort before the cursor and never be served.
  let lastTouch = 0;
  const emu: ZendeskEmulator = Object.assign(core, {
    account,
    touchTicket(id: number, patch: Partial<ZdTicket>, by?: number) {
      const t = account.tickets.find((x) => x.id === id);
      if (!t) throw new Error(`No ticket ${id}`);
      lastTouch = Math.max(Date.now() - 61_000, lastTouch + 1000);
      // A status change is an audit by `by` (the assignee unless said), at the touch's time.
      const history = [...auditsOf(t)];
      if (patch.status && patch.status !== t.status) {
        const n = history.length;
        history.push({ id: t.id * 100 + n, ticket_id: t.id, created_at: iso(lastTouch), author_id: by ?? t.assignee_id ?? SYSTEM_AUTHOR, events: [{ id: t.id * 1000 + n, type: "Change", field_name: "status", value: patch.status, previous_value: t.status }] });
      }
      Object.assign(t, patch, { updated_at: iso(lastTouch), audits: history });
      byPosition = null;
    },
    rate(ticketId: number, score: "good" | "bad") {
      const r = account.ratings.find((x) => x.ticket_id === ticketId);
      const at = iso(Date.now() - 61_000);
      if (r) Object.assign(r, { score, updated_at: at });
      else account.ratings.push({ id: 90_000 + ticketId, ticket_id: ticketId, assignee_id: null, score, comment: null, created_at: at, updated_at: at });
      ratingsByCreation = null;
    },
  });
  return emu;
}
