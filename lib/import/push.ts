import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { connections } from "@/db/schema";
import { localeFromAcceptLanguage, t } from "@/lib/i18n";
import { importRecords } from "./apply";
import { IMPORT_STREAMS, type ImportStream } from "./columns";
import { checkToken } from "./tokens";

/**
 * The push API: POST /api/push/<connectionId>/<tickets|ratings> with a JSON array (or
 * {"tickets": [...]}) and `Authorization: Bearer <token>`. The same columns and validation as a
 * file import; one bad record rejects the whole batch (422, every problem listed); storing is
 * idempotent, so a script may resend a batch after a time-out. Kept apart from the route file so
 * tests call it with real Requests. The records' problems are English, or Russian when the request
 * sends `Accept-Language: ru`; the rest of the protocol (auth, content type, sizes) stays English.
 */

export const MAX_PUSH_RECORDS = 5000;
export const MAX_PUSH_BYTES = 20 * 1024 * 1024;

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });

export async function handlePush(handle: DbHandle, req: Request, params: { connectionId: string; stream: string }, now = new Date()): Promise<Response> {
  if (!(IMPORT_STREAMS as readonly string[]).includes(params.stream)) {
    return json(404, { error: `Unknown stream "${params.stream}": push to /tickets or /ratings.` });
  }
  const stream = params.stream as ImportStream;
  const connectionId = /^\d{1,9}$/.test(params.connectionId) ? Number(params.connectionId) : NaN;
  if (!Number.isSafeInteger(connectionId) || connectionId <= 0) return json(404, { error: "No such connection." });

  const auth = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!m) return json(401, { error: "Send the connection's push token as: Authorization: Bearer <token>." }, { "www-authenticate": 'Bearer realm="podium-push"' });
  // The token is checked before anything else is said about the connection.
  const check = await checkToken(handle.db, connectionId, m[1]!);
  if (!check.ok) return json(401, { error: check.reason }, { "www-authenticate": 'Bearer realm="podium-push", error="invalid_token"' });
  const [conn] = await handle.db.select({ enabled: connections.enabled }).from(connections).where(eq(connections.id, connectionId));
  if (!conn) return json(404, { error: "No such connection." });
  if (!conn.enabled) return json(409, { error: "This connection is disabled; an administrator can enable it." });

  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return json(415, { error: "Send the records as JSON with Content-Type: application/json." });
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_PUSH_BYTES) return json(413, { error: `The body is larger than ${MAX_PUSH_BYTES / 1024 / 1024} MB; send smaller batches.` });
  const text = await req.text();
  if (text.length > MAX_PUSH_BYTES) return json(413, { error: `The body is larger than ${MAX_PUSH_BYTES / 1024 / 1024} MB; send smaller batches.` });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return json(400, { error: `The body is not valid JSON: ${(e as Error).message}` });
  }
  const records = Array.isArray(body) ? body : typeof body === "object" && body !== null && Array.isArray((body as Record<string, unknown>)[stream]) ? ((body as Record<string, unknown>)[stream] as unknown[]) : null;
  if (!records) return json(400, { error: `The body must be a JSON array of ${stream}, or an object {"${stream}": [...]}.` });
  if (records.length === 0) return json(400, { error: "The batch is empty." });
  if (records.length > MAX_PUSH_RECORDS) return json(413, { error: `At most ${MAX_PUSH_RECORDS} records per request; this batch has ${records.length}.` });

  const L = localeFromAcceptLanguage(req.headers.get("accept-language"));
  const r = await handle.withLock(`podium:sync-connection:${connectionId}`, () => importRecords(handle.db, connectionId, stream, records, now, L));
  if (!r.acquired) return json(409, { error: "This connection is being written to right now; retry in a few seconds." }, { "retry-after": "5" });
  const res = r.result;
  if (!res.imported) {
    return json(422, {
      error: t(L, "impRow.pushRejected", { invalid: res.invalid, rows: res.rows }),
      invalid: res.invalid,
      errors: res.errors.map((e) => e.message),
    });
  }
  return json(200, { stored: res.stored, rescored: res.rescored, runId: res.runId });
}
