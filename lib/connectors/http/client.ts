import { ConnectorAuthError } from "../types";
import { Budget, readQuota, type QuotaHeaders } from "./budget";

/**
 * The HTTP client every connector uses: one per connection (one per sync run), so its pause and
 * budget are shared by all of that connection's calls.
 *
 * - every call has a timeout (`timeoutMs`), and an AbortSignal (`signal`) cancels waits and calls;
 * - 429: waits `Retry-After` (seconds or an HTTP date; backoff when absent) as ONE pause for the
 *   whole client — concurrent and later calls wait for the same moment, nobody hammers;
 * - 5xx, network errors and timeouts: exponential backoff with jitter, capped, `maxRetries` times;
 * - 401/403: `ConnectorAuthError` at once (no retries) with a message for the admin;
 * - other 4xx: `ConnectorHttpError` at once (a wrong path or domain does not heal by retrying);
 * - a client-side budget per quota bucket (see budget.ts), headers configurable per helpdesk;
 * - `stats()` gives counters for progress and budget reporting.
 */

export type HttpClientOptions = {
  /** Shown in messages: "Zendesk", "Freshdesk". */
  helpdesk: string;
  /** e.g. https://acme.zendesk.com — paths are resolved against it. */
  baseUrl: string;
  /** Sent with every call (Authorization, Accept). Never logged or put in messages. */
  headers?: Record<string, string>;
  /** Per call, from sending to the whole body read. Default 30 s. */
  timeoutMs?: number;
  /** Retries of 5xx, network errors and timeouts per call. Default 6. */
  maxRetries?: number;
  /** Retries after 429s per call (each waits Retry-After). Default 12. */
  maxThrottleRetries?: number;
  /** Backoff: base × 2^attempt, jittered, at most capMs. Defaults 500 ms and 60 s. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** The longest single Retry-After we accept before giving up with a message. Default 15 min. */
  maxRetryAfterMs?: number;
  /** Share of the account's quota Podium may use (0–1]. Default 0.5. */
  budgetShare?: number;
  /** How this helpdesk spells its quota headers (the default bucket, for every call). */
  quota?: QuotaHeaders;
  /** Extra buckets a call may also count against (e.g. Zendesk's incremental export limit). */
  buckets?: Record<string, QuotaHeaders>;
  /** Cancels every wait and call of this client. */
  signal?: AbortSignal;
  /** Plain words for a 401/403, e.g. "check the email and API token". */
  authHint?: (status: 401 | 403) => string;
  /** A faster clock for benchmarks against an emulator; the real one otherwise. */
  clock?: Clock;
};

export type Clock = { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };

export type RequestOptions = {
  method?: "GET" | "POST" | "PUT";
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  /** Another quota bucket this call counts against (name from `buckets`). */
  bucket?: string;
  signal?: AbortSignal;
};

export type HttpResponse<T = unknown> = { status: number; headers: Headers; body: T; url: string };

export type HttpStats = {
  requests: number;
  retries: number;
  throttled: number;
  serverErrors: number;
  networkErrors: number;
  timeouts: number;
  /** Time spent in 429 pauses and backoff. */
  pausedMs: number;
  /** Time spent waiting for the client-side budget. */
  budgetWaitMs: number;
  budgets: { name: string; limit: number | null; remaining: number | null; allowance: number | null; usedInWindow: number; share: number }[];
};

/** A call that failed for good: a non-retryable status, or retries exhausted. */
export class ConnectorHttpError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly url: string,
  ) {
    super(message);
    this.name = "ConnectorHttpError";
  }
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const t = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(t);
        reject(abortError(signal!));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  return reason instanceof Error ? reason : new Error("Cancelled.");
}

/** Parses Retry-After: delta-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === "") return null;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export class HttpClient {
  private readonly opts: Required<Omit<HttpClientOptions, "quota" | "buckets" | "signal" | "authHint" | "headers">> &
    Pick<HttpClientOptions, "signal" | "authHint" | "headers">;
  private readonly main: Budget | null;
  private readonly buckets = new Map<string, Budget>();
  /** The one pause of this connection: no call is sent before it. */
  private pauseUntil = 0;
  private counters = { requests: 0, retries: 0, throttled: 0, serverErrors: 0, networkErrors: 0, timeouts: 0, pausedMs: 0, budgetWaitMs: 0 };

  constructor(options: HttpClientOptions) {
    this.opts = {
      timeoutMs: 30_000,
      maxRetries: 6,
      maxThrottleRetries: 12,
      backoffBaseMs: 500,
      backoffCapMs: 60_000,
      maxRetryAfterMs: 15 * 60_000,
      budgetShare: 0.5,
      clock: realClock,
      // An option given as undefined keeps its default.
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as HttpClientOptions),
    };
    this.main = options.quota ? new Budget("main", options.quota, options.quota.share ?? this.opts.budgetShare) : null;
    for (const [name, q] of Object.entries(options.buckets ?? {})) this.buckets.set(name, new Budget(name, q, q.share ?? this.opts.budgetShare));
  }

  stats(): HttpStats {
    const now = this.opts.clock.now();
    const all = [...(this.main ? [this.main] : []), ...this.buckets.values()];
    return {
      ...this.counters,
      budgets: all.map((b) => ({
        name: b.name,
        limit: b.quota?.limit ?? null,
        remaining: b.quota && Number.isFinite(b.quota.remaining) ? b.quota.remaining : null,
        allowance: b.allowance(),
        usedInWindow: b.usedInWindow(now),
        share: b.share,
      })),
    };
  }

  async get<T = unknown>(path: string, query?: RequestOptions["query"], opts: Omit<RequestOptions, "query" | "method"> = {}): Promise<HttpResponse<T>> {
    return this.request<T>(path, { ...opts, query, method: "GET" });
  }

  async request<T = unknown>(path: string, opts: RequestOptions = {}): Promise<HttpResponse<T>> {
    const url = this.url(path, opts.query);
    const shown = redact(url);
    const signal = anySignal([this.opts.signal, opts.signal]);
    const budgets = [this.main, opts.bucket ? this.bucket(opts.bucket) : null].filter((b): b is Budget => b !== null);
    // 429s and failures are counted apart: being throttled is not a sign the call is broken.
    let throttles = 0;
    for (let attempt = 0; ; attempt++) {
      await this.waitForTurn(budgets, signal);
      const now = this.opts.clock.now();
      for (const b of budgets) b.recordSend(now);
      this.counters.requests++;
      let res: Response;
      let text: string;
      try {
        const timeout = AbortSignal.timeout(this.opts.timeoutMs);
        const callSignal = anySignal([signal, timeout])!;
        res = await fetch(url, {
          method: opts.method ?? "GET",
          // Credentials go to the helpdesk's own origin only: a download link elsewhere (Freshdesk's
          // activity files on S3) is signed by itself and must never see the API key.
          headers: { accept: "application/json", ...(opts.body !== undefined ? { "content-type": "application/json" } : {}), ...(this.sameOrigin(url) ? this.opts.headers : {}) },
          body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
          signal: callSignal,
          redirect: "manual",
        });
        text = await res.text();
      } catch (e) {
        if (signal?.aborted) throw abortError(signal);
        const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
        if (timedOut) this.counters.timeouts++;
        else this.counters.networkErrors++;
        const what = timedOut ? `did not answer within ${Math.round(this.opts.timeoutMs / 1000)} s` : `could not be reached (${networkReason(e)})`;
        await this.retryOrThrow(attempt, null, `${this.opts.helpdesk} ${what}: ${shown}`, url, signal);
        continue;
      }
      const after = this.opts.clock.now();
      for (const b of budgets) b.recordQuota(readQuota(res.headers, b.headers, after));

      if (res.status === 401 || res.status === 403) {
        const hint = this.opts.authHint?.(res.status) ?? (res.status === 401 ? "check the credentials" : "the account lacks a permission this call needs");
        const what = res.status === 401 ? "refused the credentials" : "denied access";
        throw new ConnectorAuthError(`${this.opts.helpdesk} ${what} (HTTP ${res.status}) for ${shown}: ${hint}.`);
      }
      if (res.status === 429) {
        this.counters.throttled++;
        const wait = parseRetryAfter(res.headers.get("retry-after"), after);
        if (wait !== null && wait > this.opts.maxRetryAfterMs) {
          throw new ConnectorHttpError(`${this.opts.helpdesk} asked us to wait ${Math.round(wait / 1000)} s (rate limit); the next run will continue.`, 429, url);
        }
        // One pause for the whole connection: every call waits for the same moment.
        this.pauseUntil = Math.max(this.pauseUntil, after + (wait ?? this.backoff(throttles)));
        if (++throttles > this.opts.maxThrottleRetries) throw new ConnectorHttpError(`${this.opts.helpdesk} kept answering 429 (rate limited) after ${throttles} tries: ${shown}`, 429, url);
        this.counters.retries++;
        attempt--;
        continue;
      }
      if (res.status >= 500) {
        this.counters.serverErrors++;
        await this.retryOrThrow(attempt, res.status, `${this.opts.helpdesk} answered HTTP ${res.status}: ${shown}`, url, signal);
        continue;
      }
      if (res.status >= 300 && res.status < 400) {
        // A redirect from an API path usually means the account does not exist (Zendesk sends
        // unknown subdomains to a sign-up page): say so instead of following it.
        throw new ConnectorHttpError(`${this.opts.helpdesk} redirected ${shown} elsewhere (HTTP ${res.status}); check the domain.`, res.status, url);
      }
      if (res.status >= 400) {
        const what = res.status === 404 ? "has no such address (HTTP 404); check the domain" : `rejected the call (HTTP ${res.status}${shortBody(text)})`;
        throw new ConnectorHttpError(`${this.opts.helpdesk} ${what}: ${shown}`, res.status, url);
      }
      let body: T;
      try {
        body = (text === "" ? null : JSON.parse(text)) as T;
      } catch {
        throw new ConnectorHttpError(`${this.opts.helpdesk} answered ${shown} with something that is not JSON; check the domain.`, res.status, url);
      }
      return { status: res.status, headers: res.headers, body, url };
    }
  }

  private bucket(name: string): Budget {
    const b = this.buckets.get(name);
    if (!b) throw new Error(`Unknown rate-limit bucket "${name}".`);
    return b;
  }

  /** Waits for the shared pause, then for every budget the call counts against. */
  private async waitForTurn(budgets: Budget[], signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      const now = this.opts.clock.now();
      const pause = this.pauseUntil - now;
      if (pause > 0) {
        this.counters.pausedMs += pause;
        await this.opts.clock.sleep(pause, signal);
        continue;
      }
      const budgetWait = Math.max(0, ...budgets.map((b) => b.delayFor(now)));
      if (budgetWait > 0) {
        this.counters.budgetWaitMs += budgetWait;
        for (const b of budgets) b.waitedMs += budgetWait;
        await this.opts.clock.sleep(budgetWait, signal);
        continue;
      }
      if (signal?.aborted) throw abortError(signal);
      return;
    }
  }

  private async retryOrThrow(attempt: number, status: number | null, message: string, url: string, signal: AbortSignal | undefined): Promise<void> {
    if (attempt >= this.opts.maxRetries) throw new ConnectorHttpError(`${message} (gave up after ${attempt + 1} tries)`, status, url);
    this.counters.retries++;
    const wait = this.backoff(attempt);
    this.counters.pausedMs += wait;
    await this.opts.clock.sleep(wait, signal);
  }

  /** base × 2^attempt, capped, with ±25 % jitter so many clients do not retry in step. */
  private backoff(attempt: number): number {
    const raw = Math.min(this.opts.backoffCapMs, this.opts.backoffBaseMs * 2 ** attempt);
    return Math.round(raw * (0.75 + Math.random() * 0.5));
  }

  private sameOrigin(url: string): boolean {
    return new URL(url).origin === new URL(this.opts.baseUrl).origin;
  }

  private url(path: string, query: RequestOptions["query"]): string {
    const u = /^https?:\/\//.test(path) ? new URL(path) : new URL(path, this.opts.baseUrl);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
    return u.toString();
  }
}

function anySignal(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}

function networkReason(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const code = (cause as { code?: string } | null)?.code;
  if (code === "ENOTFOUND") return "the domain does not exist";
  if (code === "ECONNREFUSED") return "connection refused";
  return code ?? (cause instanceof Error ? cause.message : String(cause));
}

function shortBody(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t ? `: ${t.slice(0, 200)}` : "";
}

/** URLs in messages never carry credentials (some helpdesks accept tokens in the query). */
function redact(url: string): string {
  const u = new URL(url);
  u.username = "";
  u.password = "";
  for (const k of [...u.searchParams.keys()]) if (/token|key|secret|password|signature|credential/i.test(k)) u.searchParams.set(k, "***");
  return u.toString();
}
