import { z } from "zod";
import type { ConnectionTestResult, Connector, ConnectorConfig, FetchContext, RawPage } from "../types";
import { ConnectorHttpError, basicAuth } from "../http";
import { describeTestFailure } from "../http";
import { runClient, type ConnectorOptions } from "../shared/client";
import { backfillStart, commonSettings, idAt, parseConfig } from "../shared/parse";
import { afterTokenPage, encodeSince, startFrom } from "../shared/since-cursor";
import { formatWallTime, isTimeZone } from "../shared/wall-time";
import { normalizeJiraAgent, normalizeJiraGroup, normalizeJiraRating, normalizeJiraTicket, parseJiraDate } from "./normalize";

/**
 * Jira Service Management (Cloud):
 * - issues: GET /rest/api/3/search/jql (the enhanced search; `nextPageToken` paging, `isLast`) with
 *   expand=changelog; histories beyond what the search embeds come from GET /rest/api/3/issue/{id}/changelog;
 * - JQL: `updated >= "…"` and (statusCategory = Done OR resolution WAS NOT EMPTY): done requests, and
 *   the ones reopened after being resolved, whose reopen must reach Podium;
 * - status categories: GET /rest/api/3/status (to read the changelog's status ids);
 * - CSAT: GET /rest/servicedeskapi/request/{key}/feedback (1–5; 404 = not rated) per done request;
 * - directory: GET /rest/api/3/users/search, GET /rest/servicedeskapi/servicedesk (groups = service desk projects).
 * Auth: HTTP basic with the account's email and an API token.
 */

export const JiraSettingsSchema = z.object({
  ...commonSettings,
  /** The API user's time zone in Jira: JQL dates are read in it. */
  timeZone: z.string().refine(isTimeZone, "timeZone must be an IANA zone such as Europe/London").default("UTC"),
  /** Extra JQL ANDed to the search, e.g. `project in (SUP, IT)`. */
  jqlFilter: z.string().max(1000).optional(),
});
export const JiraCredentialsSchema = z.object({
  email: z.email("email is the Atlassian account's email"),
  apiToken: z.string().min(1, "apiToken is an Atlassian API token"),
});

const FIELDS = "summary,status,assignee,created,updated,resolutiondate,priority,issuetype,project";

/** Jira Cloud's rate-limit headers (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/). */
export const JIRA_QUOTA = { limit: ["x-ratelimit-limit"], remaining: ["x-ratelimit-remaining"], windowMs: 60_000 };

export function createJiraConnector(config: ConnectorConfig, options: ConnectorOptions = {}): Connector {
  const s = parseConfig(JiraSettingsSchema, config.settings, "Jira Service Management connection settings");
  const creds = parseConfig(JiraCredentialsSchema, config.credentials, "Jira Service Management credentials");
  const client = runClient(
    s.baseUrl,
    {
      helpdesk: "Jira",
      // The feedback endpoint is experimental: it needs the opt-in header; other calls ignore it.
      headers: { authorization: basicAuth(creds.email, creds.apiToken), "x-experimentalapi": "opt-in" },
      quota: JIRA_QUOTA,
      authHint: (st) => (st === 401 ? "check the account email and API token" : "the account needs to be an agent of the service desks (Browse projects)"),
    },
    options,
  );
  const api = (ctx: FetchContext, path: string, query?: Record<string, string | number | undefined>) =>
    client.get(ctx).get(client.url(path), query, { signal: ctx.signal });
  let categories: Record<string, string> | null = null;

  const statusCategories = async (ctx: FetchContext) => {
    if (categories) return categories;
    const res = await api(ctx, "/rest/api/3/status");
    const list = z.array(z.object({ id: z.string(), statusCategory: z.object({ key: z.string() }) })).safeParse(res.body);
    if (!list.success) throw new Error("Jira answered /rest/api/3/status with something that is not a list of statuses.");
    categories = Object.fromEntries(list.data.map((st) => [st.id, st.statusCategory.key]));
    return categories;
  };

  const search = async (cursor: string | null, ctx: FetchContext, expandChangelog: boolean) => {
    const cur = startFrom(cursor, backfillStart(s.backfillFrom, ctx.now), s.overlapSeconds * 1000);
    // JQL dates have minutes at best: floor to the minute (the re-read is idempotent).
    const since = formatWallTime(new Date(Date.parse(cur.since)), s.timeZone).slice(0, 16);
    const jql = `updated >= "${since}" AND (statusCategory = Done OR resolution WAS NOT EMPTY)${s.jqlFilter ? ` AND (${s.jqlFilter})` : ""} ORDER BY updated ASC`;
    const res = await api(ctx, "/rest/api/3/search/jql", {
      jql,
      maxResults: s.pageSize,
      fields: FIELDS,
      expand: expandChangelog ? "changelog" : undefined,
      nextPageToken: cur.token,
    });
    const body = z.object({ issues: z.array(z.unknown()).default([]), nextPageToken: z.string().nullish(), isLast: z.boolean().optional() }).safeParse(res.body);
    if (!body.success) throw new Error("Jira answered the JQL search without an issues list.");
    const issues = body.data.issues;
    const times = issues
      .map((i) => String((i as { fields?: { updated?: unknown } })?.fields?.updated ?? ""))
      .map(parseJiraDate)
      .filter((d) => !Number.isNaN(d.getTime()));
    const nextToken = body.data.isLast === false || (body.data.isLast === undefined && body.data.nextPageToken) ? (body.data.nextPageToken ?? null) : null;
    const { next, hasMore } = afterTokenPage(cur, times, nextToken);
    return { issues, nextCursor: encodeSince(next), hasMore };
  };

  /** The search embeds at most a page of histories; the rest come from the issue's changelog. */
  const fullChangelog = async (issue: unknown, ctx: FetchContext): Promise<unknown> => {
    const cl = (issue as { changelog?: { histories?: unknown[]; total?: number } })?.changelog;
    const id = idAt(issue, "id");
    if (!cl || !id || !Array.isArray(cl.histories) || (cl.total ?? 0) <= cl.histories.length) return issue;
    const histories: unknown[] = [];
    for (let startAt = 0; ; ) {
      const res = await api(ctx, `/rest/api/3/issue/${encodeURIComponent(id)}/changelog`, { startAt, maxResults: 100 });
      const page = z.object({ values: z.array(z.unknown()), isLast: z.boolean().optional(), total: z.number().optional() }).parse(res.body);
      histories.push(...page.values);
      startAt += page.values.length;
      if (page.isLast !== false || page.values.length === 0) break;
    }
    return { ...(issue as object), changelog: { ...cl, histories } };
  };

  return {
    kind: "jira",
    async fetchDirectory(ctx) {
      const agents: unknown[] = [];
      for (let startAt = 0; ; startAt += 1000) {
        const res = await api(ctx, "/rest/api/3/users/search", { startAt, maxResults: 1000 });
        const page = z.array(z.unknown()).parse(res.body);
        agents.push(...page);
        if (page.length < 1000) break;
      }
      const groups: unknown[] = [];
      for (let start = 0; ; ) {
        const res = await api(ctx, "/rest/servicedeskapi/servicedesk", { start, limit: 100 });
        const page = z.object({ values: z.array(z.unknown()), isLastPage: z.boolean() }).parse(res.body);
        groups.push(...page.values);
        start += page.values.length;
        if (page.isLastPage || page.values.length === 0) break;
      }
      return { agents, groups };
    },
    async fetchTickets(cursor, ctx): Promise<RawPage> {
      const cats = await statusCategories(ctx);
      const page = await search(cursor, ctx, true);
      const records: unknown[] = [];
      for (const issue of page.issues) records.push({ issue: await fullChangelog(issue, ctx), categories: cats });
      return { records, nextCursor: page.nextCursor, hasMore: page.hasMore };
    },
    async fetchRatings(cursor, ctx) {
      const page = await search(cursor, ctx, false);
      const records: unknown[] = [];
      for (const issue of page.issues) {
        const key = idAt(issue, "key");
        if (!key) continue;
        let feedback: unknown;
        try {
          feedback = (await api(ctx, `/rest/servicedeskapi/request/${encodeURIComponent(key)}/feedback`)).body;
        } catch (e) {
          if (e instanceof ConnectorHttpError && e.status === 404) continue; // not rated (or not a service request)
          throw e;
        }
        const f = (issue as { id?: unknown; fields?: { updated?: unknown; assignee?: { accountId?: unknown } | null } }) ?? {};
        records.push({
          issueId: String(f.id),
          issueKey: key,
          assigneeAccountId: typeof f.fields?.assignee?.accountId === "string" ? f.fields.assignee.accountId : null,
          updated: f.fields?.updated,
          feedback,
        });
      }
      return { records, nextCursor: page.nextCursor, hasMore: page.hasMore };
    },
    async testConnection(ctx): Promise<ConnectionTestResult> {
      try {
        const me = (await api(ctx, "/rest/api/3/myself")).body as { emailAddress?: string; displayName?: string } | null;
        await api(ctx, "/rest/servicedeskapi/servicedesk", { limit: 1 });
        return { ok: true, message: `Connected to Jira as ${me?.emailAddress || me?.displayName || creds.email}.` };
      } catch (e) {
        return describeTestFailure(e, "Jira");
      }
    },
    progress: () => client.progress(),
    normalizeAgent: normalizeJiraAgent,
    normalizeGroup: normalizeJiraGroup,
    normalizeTicket: normalizeJiraTicket,
    normalizeRating: normalizeJiraRating,
    externalIdOf: (raw) => idAt(raw, "issue", "key") ?? idAt(raw, "issueKey") ?? idAt(raw, "accountId") ?? idAt(raw, "id"),
  };
}
