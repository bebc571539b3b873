import { and, eq, lt } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { connections, webhookDeliveries } from "@/db/schema";
import { decryptJson, getEncryptionKey } from "@/lib/crypto/secrets";
import { SyncBusyError, runSync } from "@/lib/sync/run-sync";
import { WEBHOOK_WINDOW_MS, verifyToken, verifyZendesk } from "./verify";

/**
 * A webhook only says "something changed": it never writes ticket data. After it is verified,
 * it triggers an incremental pull of its connection (the same runSync as the schedule; if a run
 * is going on, that run or the next one picks the change up).
 */

export type WebhookResult = { status: number; body: { ok: boolean; message: string } };

type Incoming = { connectionId: string | null; rawBody: string; headers: Headers; token: string | null; now?: number };

const fail = (status: number, message: string): WebhookResult => ({ status, body: { ok: false, message } });

async function loadConnection(handle: DbHandle, kind: string, idText: string | null) {
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0) return null;
  const [c] = await handle.db.select().from(connections).where(and(eq(connections.id, id), eq(connections.kind, kind)));
  if (!c || !c.credentialsEncrypted) return null;
  return { conn: c, credentials: decryptJson<Record<string, string>>(c.credentialsEncrypted, getEncryptionKey()) };
}

/** Pull in the background: the helpdesk gets its answer at once and does not retry on our slowness. */
export type Trigger = (handle: DbHandle, connectionId: number) => void;
export const defaultTrigger: Trigger = (handle, connectionId) => {
  runSync(handle, connectionId, { trigger: "webhook" }).catch((e) => {
    if (!(e instanceof SyncBusyError)) console.error(`Webhook-triggered sync of connection ${connectionId} failed:`, e instanceof Error ? e.message : e);
  });
};

export async function receiveZendesk(handle: DbHandle, req: Incoming, trigger: Trigger = defaultTrigger): Promise<WebhookResult> {
  const now = req.now ?? Date.now();
  const found = await loadConnection(handle, "zendesk", req.connectionId);
  // The same answer for "no such connection" and "no secret": nothing to learn by probing.
  if (!found || !found.credentials.webhookSecret) return fail(404, "No Zendesk connection with a webhook secret here.");
  const signature = req.headers.get("x-zendesk-webhook-signature");
  const verdict = verifyZendesk({ secret: found.credentials.webhookSecret, signature, timestamp: req.headers.get("x-zendesk-webhook-signature-timestamp"), rawBody: req.rawBody, now });
  if (!verdict.ok) return fail(verdict.status, verdict.reason);
  // A replay carries an already seen signature: refuse it.
  const inserted = await handle.db
    .insert(webhookDeliveries)
    .values({ connectionId: found.conn.id, signature: signature!, receivedAt: new Date(now) })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) return fail(409, "This delivery was already received (replay refused).");
  await handle.db.delete(webhookDeliveries).where(lt(webhookDeliveries.receivedAt, new Date(now - 2 * WEBHOOK_WINDOW_MS)));
  if (!found.conn.enabled) return { status: 202, body: { ok: true, message: "Received; the connection is disabled, so nothing is pulled." } };
  trigger(handle, found.conn.id);
  return { status: 202, body: { ok: true, message: "Received; an incremental pull has started." } };
}

export async function receiveFreshdesk(handle: DbHandle, req: Incoming, trigger: Trigger = defaultTrigger): Promise<WebhookResult> {
  const found = await loadConnection(handle, "freshdesk", req.connectionId);
  if (!found || !found.credentials.webhookToken) return fail(404, "No Freshdesk connection with a webhook token here.");
  const verdict = verifyToken(found.credentials.webhookToken, req.headers.get("x-podium-token") ?? req.token);
  if (!verdict.ok) return fail(verdict.status, verdict.reason);
  if (!found.conn.enabled) return { status: 202, body: { ok: true, message: "Received; the connection is disabled, so nothing is pulled." } };
  trigger(handle, found.conn.id);
  return { status: 202, body: { ok: true, message: "Received; an incremental pull has started." } };
}
