import { sendJson } from "../helpers/http-server";
import * as z from "../fixtures/zammad/bodies";
import { page, type Handler } from "./serve";

/** A Zammad that knows the fixture's story: token auth, paged lists, ticket search by updated_at, history. */
export const ZAMMAD_TOKEN = "zammad-good-token";

export const zammadHandler: Handler = (req, res, url) => {
  if (req.headers.authorization !== `Token token=${ZAMMAD_TOKEN}`) return sendJson(res, 401, { error: "authentication failed" });
  const n = (k: string, d: number) => Number(url.searchParams.get(k) ?? d);
  const paged = <T>(items: T[]) => page(items, (n("page", 1) - 1) * n("per_page", 50), n("per_page", 50));
  const p = url.pathname;
  if (p === "/api/v1/users") return sendJson(res, 200, paged(z.users));
  if (p === "/api/v1/users/search") {
    // The search index knows role_ids: "role_ids:2 OR role_ids:1".
    const roles = [...(url.searchParams.get("query") ?? "").matchAll(/role_ids:(\d+)/g)].map((m) => Number(m[1]));
    if (!roles.length) return sendJson(res, 422, { error: "query not understood" });
    return sendJson(res, 200, paged(z.users.filter((u) => u.role_ids.some((r) => roles.includes(r)))));
  }
  if (p === "/api/v1/users/me") return sendJson(res, 200, z.users[3]);
  if (p === "/api/v1/groups") return sendJson(res, 200, paged(z.groups));
  if (p === "/api/v1/tickets/search") {
    const q = url.searchParams.get("query") ?? "";
    const m = /^updated_at:>=(\S+?)( AND _exists_:(\w+))?$/.exec(q);
    if (!m) return sendJson(res, 422, { error: `query not understood: ${q}` });
    const since = Date.parse(m[1]!.replace(/\\:/g, ":"));
    const attr = m[3];
    const found = z.tickets
      .filter((t) => Date.parse(t.updated_at) >= since && (!attr || (t as Record<string, unknown>)[attr] != null))
      .sort((a, b) => a.updated_at.localeCompare(b.updated_at));
    return sendJson(res, 200, paged(found));
  }
  const h = /^\/api\/v1\/ticket_history\/(\d+)$/.exec(p);
  if (h && z.histories[Number(h[1])]) return sendJson(res, 200, z.histories[Number(h[1])]);
  sendJson(res, 404, { error: "No route matches" });
};
