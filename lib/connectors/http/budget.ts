/**
 * The client-side API budget: Podium never uses more than `share` of an account's quota.
 *
 * A helpdesk tells its quota in response headers (Zendesk `X-Rate-Limit` / `ratelimit-limit`,
 * Freshdesk `X-RateLimit-Total`, ...). We count our own requests in a sliding window as long as
 * the quota's window and, before each request, wait until one more stays within
 * `floor(limit × share)`. When the account as a whole is nearly exhausted (remaining ≤ the part
 * we leave to others), we also wait for the reset so other integrations are not starved.
 */

export type QuotaHeaders = {
  /** Header names holding the quota per window; the first present wins (case-insensitive). */
  limit: string[];
  /** Header names holding what is left of the quota in this window. */
  remaining: string[];
  /** Header names holding seconds until the window resets, when the helpdesk sends one. */
  reset?: string[];
  /**
   * Header names holding all three in one value, as Zendesk reports its endpoint limits:
   * `total=100; remaining=99; resets=41`. Read before the separate headers.
   */
  combined?: string[];
  /** The quota's window (Zendesk and Freshdesk: one minute). */
  windowMs: number;
  /** A documented limit for endpoints that send no headers (Zendesk's incremental export: 10/min). */
  staticLimit?: number;
  /** This bucket's own share of its quota (default: the client's share). */
  share?: number;
};

export type Quota = { limit: number; remaining: number; resetMs: number | null; at: number };

export function readQuota(headers: Headers, names: QuotaHeaders, now: number): Quota | null {
  for (const name of names.combined ?? []) {
    const v = headers.get(name);
    if (v === null) continue;
    const parts = Object.fromEntries(
      v.split(/[;,]/).map((p) => p.trim().split("=").map((x) => x.trim()) as [string, string]),
    ) as Record<string, string | undefined>;
    const [limit, remaining, resets] = [parts.total, parts.remaining, parts.resets].map((x) => (x !== undefined && x !== "" && Number.isFinite(Number(x)) ? Number(x) : null));
    if (limit !== null && remaining !== null && limit! > 0) return { limit: limit!, remaining: remaining!, resetMs: resets === null ? null : resets! * 1000, at: now };
  }
  const num = (list: string[] | undefined) => {
    for (const name of list ?? []) {
      const v = headers.get(name);
      if (v !== null && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
    }
    return null;
  };
  const limit = num(names.limit);
  const remaining = num(names.remaining);
  if (limit === null || remaining === null || limit <= 0) return null;
  const reset = num(names.reset);
  return { limit, remaining, resetMs: reset === null ? null : reset * 1000, at: now };
}

export class Budget {
  /** Send times of our requests inside the current window. */
  private sent: number[] = [];
  quota: Quota | null = null;
  waitedMs = 0;
  /**
   * When the helpdesk last said its window resets. Our sends before that moment were counted in
   * the old window, so they stop counting once it has passed: a helpdesk's reset header, not our
   * own guess of its window length, decides when the allowance is back.
   */
  private resetAt: number | null = null;

  constructor(
    readonly name: string,
    readonly headers: QuotaHeaders,
    readonly share: number,
  ) {
    if (!(share > 0 && share <= 1)) throw new Error(`Budget share must be in (0, 1], got ${share}.`);
    if (headers.staticLimit) this.quota = { limit: headers.staticLimit, remaining: Infinity, resetMs: null, at: 0 };
  }

  /** Our allowance per window, known once a response has told us the quota. */
  allowance(): number | null {
    return this.quota ? Math.max(1, Math.floor(this.quota.limit * this.share)) : null;
  }

  usedInWindow(now: number): number {
    this.prune(now);
    return this.sent.length;
  }

  /** Milliseconds to wait before one more request fits the budget (0: send now). */
  delayFor(now: number): number {
    this.prune(now);
    const allowance = this.allowance();
    if (allowance === null || !this.quota) return 0;
    let wait = 0;
    if (this.sent.length >= allowance) {
      // The oldest request of the window leaves it at sent[0] + window, or at the announced reset.
      wait = this.sent[this.sent.length - allowance]! + this.headers.windowMs - now;
      if (this.resetAt !== null && this.resetAt > now) wait = Math.min(wait, this.resetAt - now);
    }
    const reserve = this.quota.limit - allowance;
    const sinceQuota = now - this.quota.at;
    const resetIn = (this.quota.resetMs ?? this.headers.windowMs) - sinceQuota;
    if (this.quota.remaining <= reserve && resetIn > 0) wait = Math.max(wait, resetIn);
    return Math.max(0, Math.ceil(wait));
  }

  recordSend(now: number): void {
    this.sent.push(now);
  }

  recordQuota(q: Quota | null): void {
    if (!q) return;
    this.quota = q;
    if (q.resetMs !== null) this.resetAt = q.at + q.resetMs;
  }

  private prune(now: number): void {
    let from = now - this.headers.windowMs;
    if (this.resetAt !== null && this.resetAt <= now) from = Math.max(from, this.resetAt - 1);
    let i = 0;
    while (i < this.sent.length && this.sent[i]! <= from) i++;
    if (i > 0) this.sent.splice(0, i);
  }
}
