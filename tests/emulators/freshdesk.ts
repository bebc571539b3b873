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
};
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

export type FreshdeskEmulator = EmulatorCore & { account: FdAccount; touchTicket(id: number, patch: Partial<FdTicket>): void };

export async function startFreshdeskEmulator(o: FreshdeskEmulatorOptions = {}): Promise<FreshdeskEmulator> {
  const account = generateFreshdeskAccount(o);
  const maxPage = o.maxPage ?? 300;
  const expected = `Basic ${Buffer.from(`${account.apiKey}:X`).toString("base64")}`;
  let base = "";

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
      if (p === "/api/v2/surveys/satisfaction_ratings") {
        const since = Date.parse(url.searchParams.get("created_since") ?? "1970-01-01T00:00:00Z");
        const rs = account.ratings.filter((r) => Date.parse(r.created_at) >= since).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
        return paged(url, rs.map((r) => ({ id: r.id, survey_id: 1, user_id: 1, agent_id: r.agent_id, feedback: null, group_id: null, ticket_id: r.ticket_id, ratings: { default_question: r.value }, created_at: r.created_at, updated_at: r.updated_at })));
      }
      return null;
    },
  });
  base = core.url;
  return Object.assign(core, {
    account,
    touchTicket(id: number, patch: Partial<FdTicket>) {
      const t = account.tickets.find((x) => x.id === id);
      if (!t) throw new Error(`No ticket ${id}`);
      Object.assign(t, patch, { updated_at: iso(Date.now() - 1000) });
    },
  });
}
