import { HttpClient, type Clock, type HttpClientOptions } from "../http";
import type { ConnectorProgress, FetchContext } from "../types";

/**
 * How the connectors of this folder use the shared HTTP client (lib/connectors/http): one client
 * per run (the connector is built per run; a new signal means a new run), paths joined onto the
 * configured base URL as absolute URLs (a helpdesk often lives under a path: /glpi, /otrs/…).
 */

/** Test hooks: a fast clock, shorter backoff. */
export type ConnectorOptions = { clock?: Clock; backoffBaseMs?: number };

export type RunClient = { get(ctx: FetchContext): HttpClient; progress(): ConnectorProgress; url(path: string): string };

export function runClient(
  baseUrl: string,
  options: Omit<HttpClientOptions, "baseUrl" | "signal">,
  test: ConnectorOptions = {},
): RunClient {
  let http: HttpClient | null = null;
  let signal: AbortSignal | undefined;
  const base = baseUrl.replace(/\/+$/, "");
  return {
    get(ctx) {
      if (!http || signal !== ctx.signal) {
        signal = ctx.signal;
        // Only hooks that are set: an undefined key would override the client's defaults.
        const hooks = { ...(test.clock ? { clock: test.clock } : {}), ...(test.backoffBaseMs !== undefined ? { backoffBaseMs: test.backoffBaseMs } : {}) };
        http = new HttpClient({ ...options, ...hooks, baseUrl: base, signal: ctx.signal });
      }
      return http;
    },
    progress() {
      const st = http?.stats();
      const main = st?.budgets.find((b) => b.name === "main");
      return { requests: st?.requests ?? 0, throttled: st?.throttled ?? 0, retries: st?.retries ?? 0, budgetUse: main?.limit ? main.usedInWindow / main.limit : null };
    },
    url: (path) => base + path,
  };
}
