import { z } from "zod";
import { ConnectorAuthError, type ConnectionTestResult, type Connector, type ConnectorConfig, type FetchContext, type RawPage } from "../types";
import { describeTestFailure } from "../http";
import { runClient, type ConnectorOptions } from "../shared/client";

type HttpQuery = Record<string, string | number>;
import { backfillStart, commonSettings, idAt, parseConfig } from "../shared/parse";
import { afterNumberedPage, encodeSince, startFrom } from "../shared/since-cursor";
import { formatWallTime, isTimeZone, parseWallTime } from "../shared/wall-time";
import { normalizeOtrsRating, normalizeOtrsTicket } from "./normalize";

/**
 * OTRS / Znuny GenericInterface, a REST web service built on the GenericTicketConnectorREST
 * template (https://doc.znuny.org/manual/developer/ … /GenericInterface, and the template's routes):
 * - auth: SessionCreate (POST /Session {UserLogin, Password} → SessionID), or UserLogin+Password on
 *   every request (authMode "login"; they then travel in the query string, so prefer sessions);
 * - TicketSearch (GET /Ticket) on TicketChangeTimeNewerDate, SortBy Changed, OrderBy Up, Limit;
 * - TicketGet (GET /Ticket/{ids}, several ids in one call) with DynamicFields=1 for the CSAT field;
 * - TicketHistoryGet (GET /TicketHistory/{id}) for reopens and who closed: only when the web service
 *   exposes that operation (OTRS 6+, Znuny; settings.historyRoute, empty = not exposed).
 * The GenericInterface has no agent or queue listing: agents appear by their user id (link them to
 * engineers in Podium), queues by QueueID. Errors come as HTTP 200 with {"Error": {ErrorCode, …}}.
 */

export const OtrsSettingsSchema = z.object({
  ...commonSettings,
  /** The web service's URL: …/otrs/nph-genericinterface.pl/Webservice/<Name>. */
  baseUrl: commonSettings.baseUrl,
  timeZone: z.string().refine(isTimeZone, "timeZone must be an IANA zone such as Europe/Berlin").default("UTC"),
  authMode: z.enum(["session", "login"]).default("session"),
  sessionRoute: z.string().startsWith("/").default("/Session"),
  searchRoute: z.string().startsWith("/").default("/Ticket"),
  /** `:TicketID` is replaced by the ids. */
  getRoute: z.string().includes(":TicketID").default("/Ticket/:TicketID"),
  historyRoute: z.union([z.string().includes(":TicketID"), z.literal("")]).default("/TicketHistory/:TicketID"),
  /** Name of the dynamic field holding the CSAT answer; none: no ratings. */
  csatDynamicField: z.string().min(1).optional(),
  csatScale: z.enum(["one_to_five", "zero_to_max"]).default("one_to_five"),
  csatMax: z.number().positive().optional(),
});
export const OtrsCredentialsSchema = z.object({
  userLogin: z.string().min(1, "userLogin is the agent's login"),
  password: z.string().min(1, "password is the agent's password"),
});

const ErrorBody = z.object({ Error: z.object({ ErrorCode: z.string(), ErrorMessage: z.string().optional() }) });

export function createOtrsConnector(config: ConnectorConfig, options: ConnectorOptions = {}): Connector {
  const s = parseConfig(OtrsSettingsSchema, config.settings, "OTRS/Znuny connection settings");
  const creds = parseConfig(OtrsCredentialsSchema, config.credentials, "OTRS/Znuny credentials");
  const client = runClient(s.baseUrl, { helpdesk: "OTRS/Znuny" }, options);
  let sessionId: string | null = null;

  const failIfError = (body: unknown, op: string) => {
    const e = ErrorBody.safeParse(body);
    if (!e.success) return;
    const msg = `OTRS/Znuny ${op} failed: ${e.data.Error.ErrorCode}${e.data.Error.ErrorMessage ? ` (${e.data.Error.ErrorMessage})` : ""}`;
    if (/AuthFail|AccessDenied|InvalidSession/i.test(e.data.Error.ErrorCode)) throw new ConnectorAuthError(msg);
    throw new Error(msg);
  };

  const authQuery = async (ctx: FetchContext, fresh = false): Promise<HttpQuery> => {
    if (s.authMode === "login") return { UserLogin: creds.userLogin, Password: creds.password };
    if (!sessionId || fresh) {
      const res = await client.get(ctx).request(client.url(s.sessionRoute), { method: "POST", body: { UserLogin: creds.userLogin, Password: creds.password }, signal: ctx.signal });
      failIfError(res.body, "SessionCreate");
      const b = z.object({ SessionID: z.string().min(1) }).safeParse(res.body);
      if (!b.success) throw new ConnectorAuthError("OTRS/Znuny SessionCreate returned no SessionID: check the login and password.");
      sessionId = b.data.SessionID;
    }
    return { SessionID: sessionId };
  };

  /** A GET with auth; an expired session is renewed once. */
  const get = async (path: string, query: HttpQuery, op: string, ctx: FetchContext): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      const res = await client.get(ctx).get(client.url(path), { ...query, ...(await authQuery(ctx, attempt > 0)) }, { signal: ctx.signal });
      const e = ErrorBody.safeParse(res.body);
      if (e.success && s.authMode === "session" && attempt === 0 && /AuthFail|InvalidSession/i.test(e.data.Error.ErrorCode)) continue;
      failIfError(res.body, op);
      return res.body;
    }
  };

  const changedTickets = async (cursor: string | null, ctx: FetchContext, withHistory: boolean) => {
    const cur = startFrom(cursor, backfillStart(s.backfillFrom, ctx.now), s.overlapSeconds * 1000);
    // TicketSearch has no offset: page n asks for n pages and keeps the last one.
    const limit = cur.page * s.pageSize;
    const found = await get(
      s.searchRoute,
      { TicketChangeTimeNewerDate: formatWallTime(new Date(Date.parse(cur.since) - 1000), s.timeZone), SortBy: "Changed", OrderBy: "Up", Limit: limit },
      "TicketSearch",
      ctx,
    );
    const ids = z.object({ TicketID: z.array(z.union([z.string(), z.number()]).transform(String)).default([]) }).safeParse(found ?? {});
    if (!ids.success) throw new Error("OTRS/Znuny TicketSearch returned no TicketID list.");
    const pageIds = ids.data.TicketID.slice((cur.page - 1) * s.pageSize, limit);
    let tickets: unknown[] = [];
    if (pageIds.length) {
      const body = await get(s.getRoute.replace(":TicketID", pageIds.map(encodeURIComponent).join(",")), { DynamicFields: 1 }, "TicketGet", ctx);
      const list = z.object({ Ticket: z.array(z.unknown()) }).safeParse(body);
      if (!list.success) throw new Error("OTRS/Znuny TicketGet returned no Ticket list.");
      tickets = list.data.Ticket;
    }
    const records: unknown[] = [];
    for (const ticket of tickets) {
      if (!withHistory) {
        records.push(ticket);
        continue;
      }
      const tid = idAt(ticket, "TicketID");
      let history: unknown = [];
      if (s.historyRoute && tid) {
        let body: unknown;
        try {
          body = await get(s.historyRoute.replace(":TicketID", encodeURIComponent(tid)), {}, "TicketHistoryGet", ctx);
        } catch (e) {
          if (e instanceof ConnectorAuthError) throw e;
          // Reopens need the history: fail loudly, and say how to run without it.
          throw new Error(
            `${e instanceof Error ? e.message : String(e)} — if this web service does not offer TicketHistoryGet at ${s.historyRoute}, ` +
              `set the connection's historyRoute to the right route, or to "" to sync without reopens.`,
          );
        }
        const h = z.object({ TicketHistory: z.array(z.object({ History: z.array(z.unknown()) })) }).safeParse(body);
        history = h.success ? (h.data.TicketHistory[0]?.History ?? []) : body;
      }
      records.push({ ticket, history });
    }
    const times = tickets
      .map((t) => parseWallTime(String((t as { Changed?: unknown })?.Changed ?? ""), s.timeZone))
      .filter((d): d is Date => d !== null);
    const { next, hasMore } = afterNumberedPage(cur, times, pageIds.length >= s.pageSize);
    return { records, nextCursor: encodeSince(next), hasMore };
  };

  return {
    kind: "otrs",
    async fetchDirectory() {
      return { agents: [], groups: [] };
    },
    fetchTickets: (cursor, ctx): Promise<RawPage> => changedTickets(cursor, ctx, true),
    async fetchRatings(cursor, ctx) {
      if (!s.csatDynamicField) return { records: [], nextCursor: cursor ?? encodeSince({ since: ctx.now.toISOString(), page: 1, rest: true }), hasMore: false };
      const page = await changedTickets(cursor, ctx, false);
      const field = s.csatDynamicField;
      const rated = page.records.filter((t) => {
        const df = (t as { DynamicField?: { Name?: unknown; Value?: unknown }[] }).DynamicField?.find((d) => d.Name === field);
        const v = Array.isArray(df?.Value) ? df.Value[0] : df?.Value;
        return v !== null && v !== undefined && v !== "";
      });
      return { ...page, records: rated };
    },
    async testConnection(ctx): Promise<ConnectionTestResult> {
      try {
        await get(s.searchRoute, { Limit: 1 }, "TicketSearch", ctx);
        return { ok: true, message: `Connected to the OTRS/Znuny web service as ${creds.userLogin}.` };
      } catch (e) {
        return describeTestFailure(e, "OTRS/Znuny");
      }
    },
    progress: () => client.progress(),
    normalizeAgent: () => {
      throw new Error("The OTRS/Znuny GenericInterface lists no agents.");
    },
    normalizeGroup: () => {
      throw new Error("The OTRS/Znuny GenericInterface lists no queues.");
    },
    normalizeTicket: (raw) => normalizeOtrsTicket(raw, s.timeZone),
    normalizeRating: (raw) => normalizeOtrsRating(raw, s.timeZone, s.csatDynamicField ?? "", s.csatScale, s.csatMax),
    externalIdOf: (raw) => idAt(raw, "ticket", "TicketID") ?? idAt(raw, "TicketID"),
  };
}
