import { createHmac, createHash, timingSafeEqual } from "node:crypto";

/**
 * Pure checks of incoming webhooks. Zendesk signs each delivery: base64(HMAC-SHA256(secret,
 * timestamp + raw body)) in X-Zendesk-Webhook-Signature, the timestamp in
 * X-Zendesk-Webhook-Signature-Timestamp. Freshdesk has no signature: each connection gets a
 * secret token that its webhook sends back (header X-Podium-Token, or `token` in the URL).
 */

/** Deliveries older or newer than this are refused, so a captured one cannot be replayed later. */
export const WEBHOOK_WINDOW_MS = 5 * 60_000;

export type Verdict = { ok: true } | { ok: false; status: 401 | 400; reason: string };

export function zendeskSignature(secret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", secret).update(timestamp + rawBody, "utf8").digest("base64");
}

export function verifyZendesk(p: { secret: string; signature: string | null; timestamp: string | null; rawBody: string; now: number; windowMs?: number }): Verdict {
  if (!p.signature || !p.timestamp) return { ok: false, status: 401, reason: "Missing X-Zendesk-Webhook-Signature or its timestamp." };
  const at = Date.parse(p.timestamp);
  if (Number.isNaN(at)) return { ok: false, status: 400, reason: "The signature timestamp is not a date." };
  if (Math.abs(p.now - at) > (p.windowMs ?? WEBHOOK_WINDOW_MS)) return { ok: false, status: 401, reason: "The signature timestamp is outside the accepted window." };
  if (!safeEqual(zendeskSignature(p.secret, p.timestamp, p.rawBody), p.signature)) return { ok: false, status: 401, reason: "The signature does not match." };
  return { ok: true };
}

export function verifyToken(expected: string, given: string | null): Verdict {
  if (!given) return { ok: false, status: 401, reason: "Missing the webhook token." };
  return safeEqual(expected, given) ? { ok: true } : { ok: false, status: 401, reason: "The webhook token does not match." };
}

/** Constant-time comparison; hashing first makes lengths equal without leaking them. */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb);
}
