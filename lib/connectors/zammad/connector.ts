import { z } from "zod";
import type { ConnectionTestResult, Connector, ConnectorConfig, FetchContext, RawPage } from "../types";
import { describeTestFailure } from "../http";
import { runClient, type ConnectorOptions } from "../shared/client";
import { backfillStart, commonSettings, idAt, parseConfig } from "../shared/parse";
import { afterNumberedPage, encodeSince, startFrom } from "../shared/since-cursor";
import {
  ZammadHistoryBodySchema,
  normalizeZammadAgent,
  normalizeZammadGroup,
  normalizeZammadRating,
  normalizeZammadTicket,
} from "./normalize";

/**
 * Zammad REST API (https://docs.zammad.org/en/latest/api/intro.html):
 * - tickets: GET /api/v1/tickets/search?query=updated_at:>=…&sort_by=updated_at&order_by=asc&expand=true, paged;
 * - each ticket's GET /api/v1/ticket_history/{id} for state changes (reopens, who closed it);
 * - directory: GET /api/v1/users/search?query=role_ids:2 (agents only; customers can be many) and
 *   GET /api/v1/groups, paged, expand=true;
 * - CSAT: Zammad has none built in; a custom ticket attribute (settings.csatAttribute) holds it.
 * Auth: `Authorization: Token token=…` (an access token of an agent allowed to read the tickets).
 */

export const ZammadSettingsSchema = z.object({
  ...commonSettings,
  /** Name of the custom ticket attribute holding the CSAT answer; none: no ratings. */
  csatAttribute: z.string().regex(/^[a-z][a-z0-9_]*$/, "csatAttribute must be a Zammad attribute name (a-z, 0-9, _)").optional(),
  csatScale: z.enum(["one_to_five", "zero_to_max"]).default("one_to_five"),
  csatMax: z.number().positive().optional(),
  /** Roles whose users are agents (Zammad's "Agent" role is 2): the directory searches only those, not every customer. */
  agentRoleIds: z.array(z.number().int().positive()).min(1).default([2]),
});
export const ZammadCredentialsSchema = z.object({ token: z.string().min(1, "token is the Zammad access token") });

/** ES query-string values: a colon inside a value must be escaped. */
const esDate = (iso: string) => iso.replace(/:/g, "\\:");

export function createZammadConnector(config: ConnectorConfig, options: ConnectorOptions = {}): Connector {
  const s = parseConfig(ZammadSettingsSchema, config.settings, "Zammad connection settings");
  const creds = parseConfig(ZammadCredentialsSchema, config.credentials, "Zammad credentials");
  const client = runClient(
    s.baseUrl,
    {
      helpdesk: "Zammad",
      headers: { authorization: `Token token=${creds.token}` },
      authHint: (st) => (st === 401 ? "check the access token" : "the token's user needs the ticket.agent permission (and admin.user for the user list)"),
    },
    options,
  );
  const get = (ctx: FetchContext, path: string, query?: Record<string, string | number>) =>
    client.get(ctx).get(client.url(path), query, { signal: ctx.signal });

  const listAll = async (path: string, ctx: FetchContext, query: Record<string, string> = {}): Promise<unknown[]> => {
    const out: unknown[] = [];
    for (let page = 1; ; page++) {
      const res = await get(ctx, path, { ...query, page, per_page: 100, expand: "true" });
      const body = z.array(z.unknown()).safeParse(res.body);
      if (!body.success) throw new Error(`Zammad answered ${path} with something that is not a list.`);
      out.push(...body.data);
      if (body.data.length < 100) return out;
    }
  };

  const search = async (query: string, cursor: string | null, ctx: FetchContext) => {
    const cur = startFrom(cursor, backfillStart(s.backfillFrom, ctx.now), s.overlapSeconds * 1000);
    const res = await get(ctx, "/api/v1/tickets/search", {
      query: `updated_at:>=${esDate(cur.since)}${query}`,
      page: cur.page,
      per_page: s.pageSize,
      sort_by: "updated_at",
      order_by: "asc",
      expand: "true",
    });
    const list = z.array(z.unknown()).safeParse(res.body);
    if (!list.success) throw new Error("Zammad answered the ticket search with something that is not a list (is expand=true supported?).");
    const times = list.data.map((r) => new Date(String((r as { updated_at?: unknown })?.updated_at))).filter((d) => !Number.isNaN(d.getTime()));
    const { next, hasMore } = afterNumberedPage(cur, times, list.data.length >= s.pageSize);
    return { records: list.data, nextCursor: encodeSince(next), hasMore };
  };

  return {
    kind: "zammad",
    async fetchDirectory(ctx) {
      const agentQuery = s.agentRoleIds.map((r) => `role_ids:${r}`).join(" OR ");
      const [agents, groups] = [await listAll("/api/v1/users/search", ctx, { query: agentQuery }), await listAll("/api/v1/groups", ctx)];
      return { agents, groups };
    },
    async fetchTickets(cursor, ctx): Promise<RawPage> {
      const page = await search("", cursor, ctx);
      const records: unknown[] = [];
      for (const ticket of page.records) {
        const id = idAt(ticket, "id");
        if (id === null) {
          records.push({ ticket, history: [] }); // rejected by the normaliser with its reason
          continue;
        }
        const res = await get(ctx, `/api/v1/ticket_history/${encodeURIComponent(id)}`);
        const h = ZammadHistoryBodySchema.safeParse(res.body);
        records.push({ ticket, history: h.success ? h.data.history : res.body });
      }
      return { ...page, records };
    },
    async fetchRatings(cursor, ctx) {
      if (!s.csatAttribute) return { records: [], nextCursor: cursor ?? encodeSince({ since: ctx.now.toISOString(), page: 1, rest: true }), hasMore: false };
      return search(` AND _exists_:${s.csatAttribute}`, cursor, ctx);
    },
    async testConnection(ctx): Promise<ConnectionTestResult> {
      try {
        const me = (await get(ctx, "/api/v1/users/me")).body as { email?: string; login?: string } | null;
        // The same search the sync makes, over the last hour: proves ticket access and the search index.
        await get(ctx, "/api/v1/tickets/search", { query: `updated_at:>=${esDate(new Date(ctx.now.getTime() - 3_600_000).toISOString())}`, per_page: 1, expand: "true" });
        return { ok: true, message: `Connected to Zammad as ${me?.email || me?.login || "the token's user"}.` };
      } catch (e) {
        return describeTestFailure(e, "Zammad");
      }
    },
    progress: () => client.progress(),
    normalizeAgent: normalizeZammadAgent,
    normalizeGroup: normalizeZammadGroup,
    normalizeTicket: normalizeZammadTicket,
    normalizeRating: (raw) => normalizeZammadRating(raw, s.csatAttribute ?? "", s.csatScale, s.csatMax),
    externalIdOf: (raw) => idAt(raw, "ticket", "id") ?? idAt(raw, "id"),
  };
}
