import type http from "node:http";
import { sendJson } from "../helpers/http-server";

/**
 * Faults a real helpdesk shows now and then, injected into an emulator: the first request that
 * matches `match` gets a 429 with Retry-After, the second a 500; later ones go through.
 */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string) => void;

export function withFaults(handler: Handler, match: (url: URL) => boolean, retryAfterSeconds = 1) {
  const log = { throttled: 0, failed: 0 };
  let seen = 0;
  const wrapped: Handler = (req, res, url, body) => {
    if (match(url)) {
      seen++;
      if (seen === 1) {
        log.throttled++;
        return sendJson(res, 429, { error: "Too many requests" }, { "retry-after": String(retryAfterSeconds) });
      }
      if (seen === 2) {
        log.failed++;
        return sendJson(res, 500, { error: "Internal server error" });
      }
    }
    handler(req, res, url, body);
  };
  return { handler: wrapped, log };
}

/** Adapts a Handler to tests/helpers/http-server's startServer: parses the URL, reads the body. */
export function serve(handler: Handler) {
  return (req: http.IncomingMessage, res: http.ServerResponse) =>
    new Promise<void>((resolve) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        handler(req, res, new URL(req.url ?? "/", "http://emulator"), body);
        resolve();
      });
    });
}

export const page = <T>(items: T[], start: number, size: number) => items.slice(start, start + size);
