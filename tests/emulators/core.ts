import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What the Zendesk and Freshdesk emulators share: a node:http server, a per-minute quota with
 * rate-limit headers and 429s, and faults injected on demand — from a test (`emu.faults`) or over
 * HTTP (`POST /__emulator/faults` with the same JSON), so a browser test can set them too.
 */

export type Faults = {
  /** The next n API calls answer 429 with Retry-After `retryAfterSeconds`. */
  burst429?: number;
  retryAfterSeconds?: number;
  /** The next n API calls answer 500. */
  fail500?: number;
  /** The next n API calls never answer (the client's timeout must fire). */
  hang?: number;
  /** Ticket ids served malformed (an unknown status and a bad date). */
  malformedTicketIds?: string[];
  /** The next n ticket pages are served twice (the cursor after them points at them again). */
  pageTwice?: number;
  /** After the next ticket page, this ticket is deleted (it moves to the end of the stream as deleted). */
  deleteAfterPage?: string;
  /** From now on every call answers 401 (a revoked token) or 403. */
  authStatus?: 401 | 403 | null;
  /** Zendesk: ticket audits answer this status (403: a plan or role without them). */
  auditsStatus?: 403 | 404 | null;
  /** Freshdesk: the ticket activities export answers this status (403: not on this plan). */
  activitiesStatus?: 403 | 404 | null;
};

export type Call = { at: number; method: string; path: string; status: number };

export type EmulatorCore = {
  url: string;
  faults: Faults;
  calls: Call[];
  /** The most calls we saw inside any one quota window. */
  peakPerWindow(): number;
  close(): Promise<void>;
};

export type Route = (req: http.IncomingMessage, url: URL) => { status: number; body: unknown; headers?: Record<string, string> } | null;

export type CoreOptions = {
  /** Calls per minute per account; `null` turns the limit off (benchmarks). */
  quotaPerMinute: number | null;
  windowMs?: number;
  /** Headers reporting the quota: [limit names, remaining names]. */
  quotaHeaders: (limit: number, remaining: number, resetSeconds: string) => Record<string, string>;
  /** Checks the Authorization header; false → 401. */
  authorized: (authorization: string | undefined) => boolean;
  authError: (status: 401 | 403) => unknown;
  route: Route;
  /**
   * Benchmarks run the emulator's clock faster (a shorter window): reset and Retry-After are then
   * sent with millisecond precision ("0.85"), which a fast window needs as much as a real one-minute
   * window is served by whole seconds.
   */
  fractionalSeconds?: boolean;
};

/** Seconds as a header value: whole seconds (rounded up), or to the millisecond in a fast clock. */
export function headerSeconds(ms: number, fractional: boolean): string {
  return fractional ? String(Math.max(0.001, Math.ceil(ms) / 1000)) : String(Math.max(1, Math.ceil(ms / 1000)));
}

export async function startCore(opts: CoreOptions): Promise<EmulatorCore> {
  const windowMs = opts.windowMs ?? 60_000;
  const calls: Call[] = [];
  const faults: Faults = {};
  const sockets = new Set<import("node:net").Socket>();
  const hung: http.ServerResponse[] = [];

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", date: new Date().toUTCString(), ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const now = Date.now();
    if (url.pathname === "/__emulator/calls" && req.method === "GET") return send(res, 200, { calls, windowMs });
    if (url.pathname === "/__emulator/faults" && req.method === "POST") {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        Object.assign(faults, JSON.parse(raw || "{}"));
        send(res, 200, { faults });
      });
      return;
    }
    const record = (status: number) => calls.push({ at: now, method: req.method ?? "GET", path: url.pathname + url.search, status });
    const limit = opts.quotaPerMinute;
    const inWindow = limit === null ? 0 : calls.filter((c) => c.at > now - windowMs).length;
    const resetHeader = headerSeconds(windowMs - (now % windowMs), opts.fractionalSeconds ?? false);
    const quota = limit === null ? {} : opts.quotaHeaders(limit, Math.max(0, limit - inWindow - 1), resetHeader);

    if (faults.hang && faults.hang > 0) {
      faults.hang--;
      record(0);
      hung.push(res);
      return;
    }
    if (faults.burst429 && faults.burst429 > 0) {
      faults.burst429--;
      record(429);
      return send(res, 429, { error: "TooManyRequests" }, { ...quota, "retry-after": String(faults.retryAfterSeconds ?? 1) });
    }
    if (limit !== null && inWindow >= limit) {
      record(429);
      return send(res, 429, { error: "TooManyRequests" }, { ...quota, "retry-after": resetHeader });
    }
    if (faults.fail500 && faults.fail500 > 0) {
      faults.fail500--;
      record(500);
      return send(res, 500, { error: "InternalError" }, quota);
    }
    if (faults.authStatus) {
      record(faults.authStatus);
      return send(res, faults.authStatus, opts.authError(faults.authStatus), quota);
    }
    if (!opts.authorized(req.headers.authorization)) {
      record(401);
      return send(res, 401, opts.authError(401), quota);
    }
    const out = opts.route(req, url);
    if (!out) {
      record(404);
      return send(res, 404, { error: "InvalidEndpoint", description: "Not found" }, quota);
    }
    record(out.status);
    send(res, out.status, out.body, { ...quota, ...out.headers });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    calls,
    peakPerWindow() {
      const t = calls.filter((c) => c.status !== 0).map((c) => c.at);
      let peak = 0;
      for (let i = 0, j = 0; i < t.length; i++) {
        while (t[i]! - t[j]! >= windowMs) j++;
        peak = Math.max(peak, i - j + 1);
      }
      return peak;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A small deterministic PRNG (mulberry32), so a seed always gives the same account. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
