import { sendJson } from "../helpers/http-server";
import * as o from "../fixtures/otrs/bodies";
import type { Handler } from "./serve";

/**
 * An OTRS/Znuny REST web service (GenericTicketConnectorREST routes) that knows the fixture's
 * story. Like the real one, errors come back as HTTP 200 with an Error object.
 */
export const OTRS_BASE = "/otrs/nph-genericinterface.pl/Webservice/Podium";
export const OTRS_LOGIN = { userLogin: "podium", password: "otrs-good-password" };

export function otrsEmulator() {
  const sessions = new Set<string>();
  const handler: Handler = (req, res, url, body) => {
    if (!url.pathname.startsWith(OTRS_BASE)) return sendJson(res, 404, { error: "no such web service" });
    const p = url.pathname.slice(OTRS_BASE.length);
    if (p === "/Session" && req.method === "POST") {
      const b = JSON.parse(body || "{}") as { UserLogin?: string; Password?: string };
      if (b.UserLogin !== OTRS_LOGIN.userLogin || b.Password !== OTRS_LOGIN.password) return sendJson(res, 200, o.authFail);
      const id = `${o.session.SessionID}${sessions.size}`;
      sessions.add(id);
      return sendJson(res, 200, { SessionID: id });
    }
    const op = p === "/Ticket" ? "TicketSearch" : p.startsWith("/TicketHistory/") ? "TicketHistoryGet" : "TicketGet";
    const login = url.searchParams.get("UserLogin") === OTRS_LOGIN.userLogin && url.searchParams.get("Password") === OTRS_LOGIN.password;
    if (!login && !sessions.has(url.searchParams.get("SessionID") ?? "")) return sendJson(res, 200, { Error: { ErrorCode: `${op}.AuthFail`, ErrorMessage: `${op}: Authorization failing!` } });
    if (p === "/Ticket") {
      const newer = url.searchParams.get("TicketChangeTimeNewerDate") ?? "0000";
      const limit = Number(url.searchParams.get("Limit") ?? 500);
      const ids = Object.values(o.tickets)
        .map((t) => t as { TicketID: string; Changed: string })
        .filter((t) => t.Changed >= newer)
        .sort((a, b) => a.Changed.localeCompare(b.Changed))
        .slice(0, limit)
        .map((t) => t.TicketID);
      // OTRS answers an empty search with an empty object.
      return sendJson(res, 200, ids.length ? { TicketID: ids } : {});
    }
    const hist = /^\/TicketHistory\/(\d+)$/.exec(p);
    if (hist) return sendJson(res, 200, { TicketHistory: [{ TicketID: hist[1], History: o.histories[hist[1]!] ?? [] }] });
    const get = /^\/Ticket\/([\d,]+)$/.exec(p);
    if (get) {
      const withDf = url.searchParams.get("DynamicFields") === "1";
      const found = get[1]!.split(",").map((id) => o.tickets[id]).filter(Boolean) as Record<string, unknown>[];
      return sendJson(res, 200, { Ticket: found.map((t) => (withDf ? t : { ...t, DynamicField: undefined })) });
    }
    sendJson(res, 200, { Error: { ErrorCode: "Provider.NoOperation", ErrorMessage: "no operation for this route" } });
  };
  return { handler };
}
