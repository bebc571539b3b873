/**
 * The shared HTTP layer for helpdesk connectors. Build ONE `HttpClient` per connection per run
 * and pass it to every fetch of that run, so 429 pauses and the budget are shared.
 *
 *   const http = new HttpClient({
 *     helpdesk: "Zendesk",
 *     baseUrl: "https://acme.zendesk.com",
 *     headers: { authorization: basicAuth(`${email}/token`, token) },
 *     quota: { limit: ["ratelimit-limit", "x-rate-limit"], remaining: ["ratelimit-remaining", "x-rate-limit-remaining"], reset: ["ratelimit-reset"], windowMs: 60_000 },
 *     signal: ctx.signal,
 *   });
 *   const { body } = await http.get("/api/v2/groups.json", { page: 1 });
 *
 * Errors: `ConnectorAuthError` (401/403, from ../types) stops a run with its message;
 * `ConnectorHttpError` (status, url) for anything else that will not heal by retrying.
 * `http.stats()` gives counters (requests, retries, throttled, pausedMs, budgetWaitMs, budgets).
 */
export { HttpClient, ConnectorHttpError, parseRetryAfter, realClock } from "./client";
export type { HttpClientOptions, RequestOptions, HttpResponse, HttpStats, Clock } from "./client";
export { Budget, readQuota } from "./budget";
export type { QuotaHeaders, Quota } from "./budget";
export { ConnectorAuthError } from "../types";
export { describeTestFailure } from "./test-failure";

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;
}

export function bearerAuth(token: string): string {
  return `Bearer ${token}`;
}
