import { z } from "zod";
import { ConnectorAuthError, type ConnectionTestResult, type Connector, type ConnectorConfig, type FetchContext, type RawPage } from "../types";
import type { HttpClient } from "../http";
import { describeTestFailure } from "../http";
import { runClient, type ConnectorOptions } from "../shared/client";
import { backfillStart, commonSettings, idAt, parseConfig } from "../shared/parse";
import { afterNumberedPage, afterTokenPage, encodeSince, startFrom } from "../shared/since-cursor";
import { formatWallTime, isTimeZone, parseWallTime } from "../shared/wall-time";
import { normalizeGlpiAgent, normalizeGlpiGroup, normalizeGlpiRating, normalizeGlpiTicket } from "./normalize";

/**
 * GLPI legacy REST API (apirest.php; https://github.com/glpi-project/glpi/blob/main/apirest.md):
 * - a session per fetch: GET initSession (App-Token + `Authorization: user_token …`) … GET killSession;
 * - tickets: GET search/Ticket with criteria date_mod (option 19) after the cursor, sorted by it,
 *   `range` paging; then per ticket GET Ticket/{id}, Ticket/{id}/Log (status changes → reopens,
 *   who solved), Ticket/{id}/Ticket_User (assigned technician), Ticket/{id}/Group_Ticket;
 * - ratings: GET TicketSatisfaction (range paging over all rows, answered since the cursor kept);
 * - directory: User, UserEmail, Group, Group_User (range paging).
 */

export const GlpiSettingsSchema = z.object({
  ...commonSettings,
  /** The GLPI server's time zone: its dates carry no offset. */
  timeZone: z.string().refine(isTimeZone, "timeZone must be an IANA zone such as Europe/Paris").default("UTC"),
  /** Highest satisfaction answer (GLPI 10: 5). */
  satisfactionMax: z.number().int().min(1).max(10).default(5),
});
export const GlpiCredentialsSchema = z.object({
  appToken: z.string().min(1, "appToken is the API client's App-Token"),
  userToken: z.string().min(1, "userToken is the user's API token"),
});

/** Search options of Ticket: 2 id, 19 last update. */
const OPT_ID = 2;
const OPT_DATE_MOD = 19;
const DIRECTORY_PAGE = 500;

type Query = Record<string, string | number>;

export function createGlpiConnector(config: ConnectorConfig, options: ConnectorOptions = {}): Connector {
  const s = parseConfig(GlpiSettingsSchema, config.settings, "GLPI connection settings");
  const creds = parseConfig(GlpiCredentialsSchema, config.credentials, "GLPI credentials");
  const authHint = (st: 401 | 403) =>
    st === 401 ? "check the App-Token and the user token (and that the API accepts tokens: Setup > General > API)" : "the user's profile lacks a right this call needs";
  // initSession carries the user token; every later call the session token instead. The session
  // client is made per session; both share the run's signal.
  const login = runClient(s.baseUrl, { helpdesk: "GLPI", headers: { "app-token": creds.appToken, authorization: `user_token ${creds.userToken}` }, authHint }, options);
  let session: { http: HttpClient; token: string } | null = null;
  const root = "/apirest.php";
  const api = (ctx: FetchContext, path: string, query?: Query) => {
    if (!session) throw new Error("GLPI call outside a session.");
    return session.http.get(login.url(`${root}/${path}`), query, { signal: ctx.signal });
  };

  /** Runs `fn` inside a session, killed afterwards whatever happens. */
  async function withSession<T>(ctx: FetchContext, fn: () => Promise<T>): Promise<T> {
    const res = await login.get(ctx).get(login.url(`${root}/initSession`), undefined, { signal: ctx.signal });
    const token = z.object({ session_token: z.string().min(1) }).safeParse(res.body);
    if (!token.success) throw new ConnectorAuthError("GLPI's initSession did not return a session_token: check the App-Token and user token.");
    const http = runClient(s.baseUrl, { helpdesk: "GLPI", headers: { "app-token": creds.appToken, "session-token": token.data.session_token }, authHint }, options).get(ctx);
    session = { http, token: token.data.session_token };
    try {
      return await fn();
    } finally {
      try {
        await api(ctx, "killSession");
      } catch {
        /* the session expires on its own; the fetch's own outcome matters more */
      }
      session = null;
    }
  }

  const list = async (path: string, query: Query, ctx: FetchContext): Promise<unknown[]> => {
    const res = await api(ctx, path, query);
    if (res.status === 200 || res.status === 206) {
      const arr = z.array(z.unknown()).safeParse(res.body);
      if (arr.success) return arr.data;
    }
    throw new Error(`GLPI answered ${path} with something that is not a list.`);
  };
  /** Every row of an itemtype, `range` page by page, until a short page. */
  const listAll = async (itemtype: string, ctx: FetchContext) => {
    const out: unknown[] = [];
    for (let start = 0; ; start += DIRECTORY_PAGE) {
      const rows = await list(itemtype, { range: `${start}-${start + DIRECTORY_PAGE - 1}`, expand_dropdowns: "false" }, ctx);
      out.push(...rows);
      if (rows.length < DIRECTORY_PAGE) return out;
    }
  };

  return {
    kind: "glpi",
    async fetchDirectory(ctx) {
      return withSession(ctx, async () => {
        const [users, emails, groups, memberships] = [
          await listAll("User", ctx),
          await listAll("UserEmail", ctx),
          await listAll("Group", ctx),
          await listAll("Group_User", ctx),
        ];
        const emailOf = new Map<string, string>();
        for (const e of emails as { users_id?: unknown; email?: unknown; is_default?: unknown }[]) {
          const uid = String(e.users_id);
          if (typeof e.email === "string" && (!emailOf.has(uid) || Number(e.is_default) === 1)) emailOf.set(uid, e.email);
        }
        const groupsOf = new Map<string, string[]>();
        for (const m of memberships as { users_id?: unknown; groups_id?: unknown }[]) {
          const uid = String(m.users_id);
          groupsOf.set(uid, [...(groupsOf.get(uid) ?? []), String(m.groups_id)]);
        }
        const agents = users.map((u) => {
          const id = idAt(u, "id");
          return id && u && typeof u === "object" ? { ...u, _email: emailOf.get(id) ?? null, _group_ids: groupsOf.get(id) ?? [] } : u;
        });
        return { agents, groups };
      });
    },
    async fetchTickets(cursor, ctx): Promise<RawPage> {
      const cur = startFrom(cursor, backfillStart(s.backfillFrom, ctx.now), s.overlapSeconds * 1000);
      return withSession(ctx, async () => {
        const start = (cur.page - 1) * s.pageSize;
        // "morethan" is strict and GLPI counts in seconds: one second earlier re-reads the cursor's own second.
        const after = formatWallTime(new Date(Date.parse(cur.since) - 1000), s.timeZone);
        const res = await api(ctx, "search/Ticket", {
          "criteria[0][field]": OPT_DATE_MOD,
          "criteria[0][searchtype]": "morethan",
          "criteria[0][value]": after,
          "forcedisplay[0]": OPT_ID,
          "forcedisplay[1]": OPT_DATE_MOD,
          sort: OPT_DATE_MOD,
          order: "ASC",
          range: `${start}-${start + s.pageSize - 1}`,
        });
        const body = z.object({ totalcount: z.number(), data: z.array(z.record(z.string(), z.unknown())).default([]) }).safeParse(res.body);
        if (!body.success) throw new Error("GLPI answered the ticket search without totalcount/data.");
        const rows = body.data.data;
        const records: unknown[] = [];
        for (const row of rows) {
          const id = String(row[String(OPT_ID)]);
          const [ticket, logs, actors, groups] = [
            (await api(ctx, `Ticket/${encodeURIComponent(id)}`)).body,
            await list(`Ticket/${encodeURIComponent(id)}/Log`, { range: "0-999" }, ctx),
            await list(`Ticket/${encodeURIComponent(id)}/Ticket_User`, {}, ctx),
            await list(`Ticket/${encodeURIComponent(id)}/Group_Ticket`, {}, ctx),
          ];
          records.push({ ticket, logs, actors, groups });
        }
        const times = rows.map((r) => parseWallTime(String(r[String(OPT_DATE_MOD)]), s.timeZone)).filter((d): d is Date => d !== null);
        const full = rows.length >= s.pageSize && start + rows.length < body.data.totalcount;
        const { next, hasMore } = afterNumberedPage(cur, times, full);
        return { records, nextCursor: encodeSince(next), hasMore };
      });
    },
    async fetchRatings(cursor, ctx) {
      // TicketSatisfaction cannot be filtered by answer date through the API: the rows are read in
      // id order (offset in the cursor's token) and those answered since the cursor are kept.
      const cur = startFrom(cursor, backfillStart(s.backfillFrom, ctx.now), s.overlapSeconds * 1000);
      return withSession(ctx, async () => {
        const offset = Number(cur.token ?? 0);
        const rows = await list("TicketSatisfaction", { range: `${offset}-${offset + DIRECTORY_PAGE - 1}`, sort: 1, order: "ASC" }, ctx);
        const since = Date.parse(cur.since);
        const answered = rows.filter((r) => {
          const a = (r as { date_answered?: unknown; satisfaction?: unknown }) ?? {};
          const at = typeof a.date_answered === "string" ? parseWallTime(a.date_answered, s.timeZone) : null;
          return at !== null && at.getTime() >= since && a.satisfaction !== null && a.satisfaction !== undefined;
        });
        const times = answered.map((r) => parseWallTime(String((r as { date_answered: string }).date_answered), s.timeZone)!);
        const { next, hasMore } = afterTokenPage(cur, times, rows.length >= DIRECTORY_PAGE ? String(offset + rows.length) : null);
        return { records: answered, nextCursor: encodeSince(next), hasMore };
      });
    },
    async testConnection(ctx): Promise<ConnectionTestResult> {
      try {
        return await withSession(ctx, async () => {
          await api(ctx, "search/Ticket", { "forcedisplay[0]": OPT_ID, range: "0-0" });
          return { ok: true as const, message: "Connected to GLPI: a session opened and tickets can be searched." };
        });
      } catch (e) {
        return describeTestFailure(e, "GLPI");
      }
    },
    progress: () => login.progress(),
    normalizeAgent: normalizeGlpiAgent,
    normalizeGroup: normalizeGlpiGroup,
    normalizeTicket: (raw) => normalizeGlpiTicket(raw, s.timeZone),
    normalizeRating: (raw) => normalizeGlpiRating(raw, s.timeZone, s.satisfactionMax),
    externalIdOf: (raw) => idAt(raw, "ticket", "id") ?? idAt(raw, "id"),
  };
}
