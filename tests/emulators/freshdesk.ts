import http from "node:http";
import type { AddressInfo } from "node:net";
import { prng, startCore, type EmulatorCore } from "./core";

/**
 * A Freshdesk API v2 emulator: tickets filtered by updated_since, ordered by updated_at, pages
 * capped at `maxPage` (Freshdesk: 300) with a 400 beyond, Link rel="next" headers, stats,
 * satisfaction ratings by created_since, agents and groups, X-Ratelimit-* headers, 429s and faults.
 */

export type FdTicket = {
  id: number;
  subject: string;
  status: number;
  group_id: number | null;
  responder_id: number | null;
  priority: number;
  type: string | null;
  created_at: string;
  updated_at: string;
  deleted: boolean;
  spam: boolean;
  resolved_at: string | null;
  reopened_at: string | null;
  /** Who resolved it (the activities' performer); the responder when absent. */
  solver_id?: number | null;
  /** Its rows of the activities export; generated from the fields above until a touch changes the status. */
  activities?: FdActivity[];
};
/** A row of the ticket activities export's day file (`activities_data`). */
export type FdActivity = { ticket_id: number; performed_at: string; performer_type: "agent" | "contact" | "system"; performer_id: number; activity: Record<string, unknown> };
export const FD_REQUESTER = 9;
const STATUS_NAME: Record<number, string> = { 2: "Open", 3: "Pending", 4: "Resolved", 5: "Closed" };
/** The export's time format: "24-11-2026 09:33:38 +0000". */
export function fdTime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}-${p(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/**
 * A ticket's activities: created open by the requester; when reopened, resolved first by its
 * solver five minutes in, reopened by the requester at reopened_at, resolved (or closed) again
 * at resolved_at; a pending ticket went pending at its last update.
 */
export function activitiesOf(t: FdTicket): FdActivity[] {
  if (t.activities) return t.activities;
  const row = (at: number, by: number, type: FdActivity["performer_type"], activity: Record<string, unknown>): FdActivity => ({ ticket_id: t.id, performed_at: fdTime(at), performer_type: type, performer_id: by, activity });
  const created = Date.parse(t.created_at);
  const solver = t.solver_id ?? t.responder_id ?? 0;
  const out = [row(created, FD_REQUESTER, "contact", { new_ticket: true, status: "Open", source: 2 })];
  if (t.reopened_at && t.resolved_at) {
    out.push(row(created + 5 * 60_000, solver, "agent", { status: "Resolved" }));
    out.push(row(Date.parse(t.reopened_at), FD_REQUESTER, "contact", { status: "Open", note: { id: t.id * 10, type: 2 } }));
  }
  if (t.status >= 4 && t.resolved_at) out.push(row(Date.parse(t.resolved_at), solver, "agent", { status: STATUS_NAME[t.status]!, priority: 2 }));
  else if (t.status === 3) out.push(row(Date.parse(t.updated_at), t.responder_id ?? 0, "agent", { status: "Pending" }));
  return out;
}
export type FdRating = { id: number; ticket_id: number; agent_id: number | null; value: number; created_at: string; updated_at: string };
export type FdAccount = {
  apiKey: string;
  agents: { id: number; name: string; email: string }[];
  groups: { id: number; name: string; agent_ids: number[] }[];
  tickets: FdTicket[];
  ratings: FdRating[];
};

export type FreshdeskEmulatorOptions = { seed?: number; tickets?: number; agents?: number; quotaPerMinute?: number | null; maxPage?: number; spanDays?: number };

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
const LEVELS = [-103, -102, -101, 100, 101, 102, 103];

export function generateFreshdeskAccount(o: FreshdeskEmulatorOptions = {}): FdAccount {
  const rnd = prng(o.seed ?? 11);
  const n = o.tickets ?? 250;
  const end = Date.now() - 10 * 60_000;
  const span = (o.spanDays ?? 30) * 86_400_000;
  const agents = Array.from({ length: o.agents ?? 6 }, (_, i) => ({ id: 2000 + i, name: `Fd Agent ${i + 1}`, email: `fd${i + 1}@acme.test` }));
  const groups = [
    { id: 601, name: "Billing", agent_ids: agents.filter((_, i) => i % 2 === 0).map((a) => a.id) },
    { id: 602, name: "Technical", agent_ids: agents.filter((_, i) => i % 2 === 1).map((a) => a.id) },
  ];
  const tickets: FdTicket[] = [];
  const ratings: FdRating[] = [];
  for (let i = 0; i < n; i++) {
    const created = end - span + (span * i) / n;
    const r = rnd();
    const status = r < 0.5 ? 4 : r < 0.7 ? 5 : r < 0.85 ? 2 : 3;
    const agent = agents[Math.floor(rnd() * agents.length)]!;
    const solved = status >= 4 ? created + (30 + Math.floor(rnd() * 600)) * 60_000 : null;
    const reopened = solved !== null && rnd() < 0.1 ? created + 10 * 60_000 : null;
    const updated = Math.min(end, (solved ?? created) + Math.floor(rnd() * 3_600_000));
    tickets.push({
      id: i + 1,
      subject: `Fd ticket ${i + 1}`,
      status,
      group_id: groups[i % 2]!.id,
      responder_id: agent.id,
      priority: 1 + Math.floor(rnd() * 4),
      type: "Question",
      created_at: iso(created),
      updated_at: iso(Math.max(created, updated)),
      deleted: false,
      spam: false,
      resolved_at: solved === null ? null : iso(solved),
      reopened_at: reopened === null ? null : iso(reopened),
      // A reopened ticket is resolved by the next agent (no draw: seeded accounts stay as they were).
      solver_id: reopened === null ? null : agents[(agents.indexOf(agent) + 1) % agents.length]!.id,
    });
    if (solved !== null && rnd() < 0.4) {
      const at = iso(Math.min(end, solved + 60_000));
      ratings.push({ id: 80_000 + i, ticket_id: i + 1, agent_id: agent.id, value: LEVELS[Math.floor(rnd() * LEVELS.length)]!, created_at: at, updated_at: at });
    }
  }
  return { apiKey: "fd-key-abc", agents, groups, tickets, ratings };
}

function ticketJson(t: FdTicket) {
  return {
    cc_emails: [],
    fwd_emails: [],
    reply_cc_emails: [],
    fr_escalated: false,
    spam: t.spam,
    email_config_id: null,
    group_id: t.group_id,
    priority: t.priority,
    requester_id: 1,
    responder_id: t.responder_id,
    source: 2,
    company_id: null,
    status: t.status,
    subject: t.subject,
    to_emails: null,
    product_id: null,
    id: t.id,
    type: t.type,
    due_by: t.created_at,
    fr_due_by: t.created_at,
    is_escalated: false,
    custom_fields: {},
    created_at: t.created_at,
    updated_at: t.updated_at,
    tags: [],
    stats: { agent_responded_at: null, requester_responded_at: null, first_responded_at: null, status_updated_at: t.updated_at, reopened_at: t.reopened_at, resolved_at: t.resolved_at, closed_at: t.status === 5 ? t.resolved_at : null, pending_since: null },
  };
}

export type FreshdeskEmulator = EmulatorCore & { account: FdAccount; fileCalls: { path: string; status: number }[]; setDaysAhead(n: number): void; touchTicket(id: number, patch: Partial<FdTicket>): void };

/** A tiny second server for the day files: `/__files/ticket_activities/<day>.json`. */
async function startFileHost(serve: (day: string, authorization: string | undefined) => { status: number; body: unknown }) {
  const calls: { path: string; status: number }[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://files");
    const m = /^\/__files\/ticket_activities\/(\d{4}-\d{2}-\d{2})\.json$/.exec(url.pathname);
    const out = m ? serve(m[1]!, req.headers.authorization) : { status: 404, body: { Code: "NoSuchKey" } };
    calls.push({ path: url.pathname, status: out.status });
    res.writeHead(out.status, { "content-type": "application/json" });
    res.end(JSON.stringify(out.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

export async function startFreshdeskEmulator(o: FreshdeskEmulatorOptions = {}): Promise<FreshdeskEmulator> {
  const account = generateFreshdeskAccount(o);
  const maxPage = o.maxPage ?? 300;
  const expected = `Basic ${Buffer.from(`${account.apiKey}:X`).toString("base64")}`;
  let base = "";
  /** Days the emulator's calendar is ahead (a test's "tomorrow": yesterday's file then exists). */
  let daysAhead = 0;
  const emuToday = () => new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);

  const paged = (url: URL, items: unknown[], perPageMax = 100) => {
    const perPage = Math.min(perPageMax, Number(url.searchParams.get("per_page") ?? 30));
    const page = Number(url.searchParams.get("page") ?? 1);
    if (page > maxPage) return { status: 400, headers: {} as Record<string, string>, body: { description: "Validation failed", errors: [{ field: "page", message: `It should be a Positive Number less than or equal to ${maxPage}`, code: "invalid_value" }] } };
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const more = page * perPage < items.length && page < maxPage;
    const next = new URL(url.pathname + url.search, base);
    next.searchParams.set("page", String(page + 1));
    const headers: Record<string, string> = more ? { link: `<${next.toString()}>; rel="next"` } : {};
    return { status: 200, body: slice as unknown, headers };
  };

  // The day files live elsewhere (S3 in reality): another origin, which must never get our key.
  const files = await startFileHost((day, authorization) => {
    // S3 refuses a signed link that also carries an Authorization header.
    if (authorization) return { status: 400, body: { Code: "InvalidArgument", Message: "Only one auth mechanism allowed" } };
    const rows = account.tickets.flatMap(activitiesOf).filter((a) => {
      const [d, m, y] = a.performed_at.slice(0, 10).split("-");
      return `${y}-${m}-${d}` === day;
    });
    const fd = day.split("-").reverse().join("-");
    return { status: 200, body: { metadata: { start_at: `${fd} 00:00:00 +0000`, end_at: `${fd} 23:59:59 +0000`, activities_count: rows.length }, activities_data: rows } };
  });
  const core = await startCore({
    quotaPerMinute: o.quotaPerMinute === undefined ? 400 : o.quotaPerMinute,
    quotaHeaders: (limit, remaining) => ({ "x-ratelimit-total": String(limit), "x-ratelimit-remaining": String(remaining), "x-ratelimit-used-currentrequest": "1" }),
    authorized: (a) => a === expected,
    authError: (s) => (s === 401 ? { code: "invalid_credentials", message: "You have to be logged in to perform this action." } : { code: "access_denied", message: "You are not authorized to perform this action." }),
    route(req, url) {
      const p = url.pathname;
      const agentJson = (a: FdAccount["agents"][number]) => ({ available: true, occasional: false, id: a.id, ticket_scope: 1, created_at: "2020-01-01T00:00:00Z", updated_at: "2020-01-01T00:00:00Z", contact: { active: true, email: a.email, name: a.name, language: "en" } });
      if (p === "/api/v2/agents/me") return { status: 200, body: agentJson(account.agents[0]!) };
      if (p === "/api/v2/agents") return paged(url, account.agents.map(agentJson));
      if (p === "/api/v2/groups") return paged(url, account.groups.map((g) => ({ ...g, description: null, created_at: "2020-01-01T00:00:00Z", updated_at: "2020-01-01T00:00:00Z" })));
      if (p === "/api/v2/tickets") {
        const since = Date.parse(url.searchParams.get("updated_since") ?? "1970-01-01T00:00:00Z");
        const asc = url.searchParams.get("order_type") === "asc";
        const ts = account.tickets
          .filter((t) => !t.deleted && !t.spam && Date.parse(t.updated_at) >= since)
          .sort((a, b) => (asc ? 1 : -1) * (a.updated_at.localeCompare(b.updated_at) || a.id - b.id));
        const malformed = new Set(core.faults.malformedTicketIds ?? []);
        const withStats = url.searchParams.get("include") === "stats";
        return paged(url, ts.map((t) => {
          const j = ticketJson(t);
          if (!withStats) delete (j as Partial<typeof j>).stats;
          return malformed.has(String(t.id)) ? { ...j, status: "weird", created_at: "yesterday-ish" } : j;
        }));
      }
      if (p === "/api/v2/export/ticket_activities") {
        if (core.faults.activitiesStatus) return { status: core.faults.activitiesStatus, body: { code: "access_denied", message: "You are not authorized to perform this action." } };
        const day = url.searchParams.get("created_at") ?? "";
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return { status: 400, body: { description: "Validation failed", errors: [{ field: "created_at", message: "It should be in the 'YYYY-MM-DD' format", code: "invalid_value" }] } };
        // A day's file is written after the day ends.
        if (day >= emuToday()) return { status: 404, body: { code: "not_found", message: "No export for this day yet." } };
        return { status: 200, body: { export: [{ created_at: new Date().toISOString(), url: `${files.url}/__files/ticket_activities/${day}.json?X-Amz-Expires=300&X-Amz-Signature=deadbeef` }] } };
      }
      const one = /^\/api\/v2\/tickets\/(\d+)$/.exec(p);
      if (one) {
        const t = account.tickets.find((x) => x.id === Number(one[1]));
        if (!t) return { status: 404, body: { code: "not_found", message: "Record not found" } };
        const j = ticketJson(t);
        if (url.searchParams.get("include") !== "stats") delete (j as Partial<typeof j>).stats;
        return { status: 200, body: j };
      }
      if (p === "/api/v2/surveys/satisfaction_ratings") {
        const since = Date.parse(url.searchParams.get("created_since") ?? "1970-01-01T00:00:00Z");
        const rs = account.ratings.filter((r) => Date.parse(r.created_at) >= since).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
        return paged(url, rs.map((r) => ({ id: r.id, survey_id: 1, user_id: 1, agent_id: r.agent_id, feedback: null, group_id: null, ticket_id: r.ticket_id, ratings: { default_question: r.value }, created_at: r.created_at, updated_at: r.updated_at })));
      }
      return null;
    },
  });
  base = core.url;
  const closeCore = core.close;
  return Object.assign(core, {
    account,
    /** Day files served, with their status (400: our key was sent along). */
    fileCalls: files.calls,
    setDaysAhead(n: number) {
      daysAhead = n;
    },
    close: async () => {
      await files.close();
      await closeCore();
    },
    touchTicket(id: number, patch: Partial<FdTicket>) {
      const t = account.tickets.find((x) => x.id === id);
      if (!t) throw new Error(`No ticket ${id}`);
      const at = Date.now() - 1000;
      const history = [...activitiesOf(t)];
      // A reopen's activity carries the time stats will name (reopened_at), when the test gives it.
      const changedAt = patch.status === 2 && patch.reopened_at ? Date.parse(patch.reopened_at) : at;
      if (patch.status !== undefined && patch.status !== t.status) {
        const by = patch.status === 2 ? FD_REQUESTER : (t.responder_id ?? 0);
        history.push({ ticket_id: t.id, performed_at: fdTime(changedAt), performer_type: patch.status === 2 ? "contact" : "agent", performer_id: by, activity: { status: STATUS_NAME[patch.status] ?? "Waiting on customer" } });
      }
      Object.assign(t, patch, { updated_at: iso(at), activities: history });
    },
  });
}
