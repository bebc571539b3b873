import { sendJson } from "../helpers/http-server";
import * as g from "../fixtures/glpi/bodies";
import { page, type Handler } from "./serve";

/** A GLPI that knows the fixture's story: App-Token + user_token sessions, range paging, search/Ticket. */
export const GLPI_APP_TOKEN = "glpi-app-token";
export const GLPI_USER_TOKEN = "glpi-user-token";

export function glpiEmulator() {
  const sessions = { opened: 0, killed: 0, live: new Set<string>() };
  const handler: Handler = (req, res, url) => {
    const p = url.pathname.replace(/^\/apirest\.php/, "");
    if (req.headers["app-token"] !== GLPI_APP_TOKEN) return sendJson(res, 400, ["ERROR_WRONG_APP_TOKEN_PARAMETER", "missing or wrong App-Token"]);
    if (p === "/initSession") {
      if (req.headers.authorization !== `user_token ${GLPI_USER_TOKEN}`) return sendJson(res, 401, ["ERROR_GLPI_LOGIN_USER_TOKEN", "parameter user_token seems invalid"]);
      const token = `${g.session.session_token}-${++sessions.opened}`;
      sessions.live.add(token);
      return sendJson(res, 200, { session_token: token });
    }
    const token = String(req.headers["session-token"] ?? "");
    if (!sessions.live.has(token)) return sendJson(res, 401, ["ERROR_SESSION_TOKEN_INVALID", "session_token seems invalid"]);
    if (p === "/killSession") {
      sessions.live.delete(token);
      sessions.killed++;
      return sendJson(res, 200, true);
    }
    const [a, b] = (url.searchParams.get("range") ?? "0-49").split("-").map(Number) as [number, number];
    const ranged = <T>(items: T[], extra: object = {}) => {
      const rows = page(items, a, b - a + 1);
      const partial = a + rows.length < items.length;
      const range = `${a}-${a + Math.max(rows.length, 1) - 1}/${items.length}`;
      return { rows, status: partial ? 206 : 200, headers: { "content-range": range, "accept-range": "990", ...extra } };
    };
    const list = <T>(items: T[]) => {
      const r = ranged(items);
      return sendJson(res, r.status, r.rows, r.headers);
    };
    if (p === "/search/Ticket") {
      const after = url.searchParams.get("criteria[0][value]") ?? "";
      const criteria = url.searchParams.has("criteria[0][field]");
      // This emulator knows one criterion: date_mod (19) "morethan"; no criteria lists everything.
      if (criteria && (url.searchParams.get("criteria[0][searchtype]") !== "morethan" || url.searchParams.get("criteria[0][field]") !== "19")) return sendJson(res, 400, ["ERROR", "unexpected criteria"]);
      const found = g.searchRows.filter((r) => r["19"] > after).sort((x, y) => x["19"].localeCompare(y["19"]));
      const r = ranged(found);
      return sendJson(res, r.status, { totalcount: found.length, count: r.rows.length, sort: [19], order: ["ASC"], data: r.rows, "content-range": r.headers["content-range"] }, r.headers);
    }
    const item = /^\/Ticket\/(\d+)(?:\/(Log|Ticket_User|Group_Ticket))?$/.exec(p);
    if (item) {
      const id = Number(item[1]);
      if (!g.tickets[id]) return sendJson(res, 404, ["ERROR_ITEM_NOT_FOUND", "not found"]);
      if (!item[2]) return sendJson(res, 200, g.tickets[id]);
      return list(item[2] === "Log" ? g.logs[id]! : item[2] === "Ticket_User" ? g.ticketUsers[id]! : g.groupTickets[id]!);
    }
    const all: Record<string, unknown[]> = { "/TicketSatisfaction": g.satisfactions, "/User": g.users, "/UserEmail": g.userEmails, "/Group": g.groups, "/Group_User": g.groupUsers };
    if (all[p]) return list(all[p]);
    sendJson(res, 400, ["ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM", "resource not found"]);
  };
  return { handler, sessions };
}
