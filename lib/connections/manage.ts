import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { msg } from "@/lib/i18n/messages";
import type { Db, DbHandle } from "@/db/client";
import { connections } from "@/db/schema";
import { SafeError } from "@/lib/actions/define";
import { AuthError, canManageConnections, requireViewer, type Viewer } from "@/lib/auth/policy";
import { createConnector } from "@/lib/connectors/registry";
import type { ConnectionTestResult } from "@/lib/connectors/types";
import { FreshdeskSettingsSchema } from "@/lib/connectors/freshdesk/connector";
import { ZendeskSettingsSchema } from "@/lib/connectors/zendesk/connector";
import { decryptJson, encryptJson, getEncryptionKey } from "@/lib/crypto/secrets";

/**
 * Adding, editing, testing and enabling helpdesk connections (admins only, checked here).
 * Credentials are encrypted at rest and never leave the server: reads return which secrets are
 * saved, not their values; a blank secret field on edit keeps the saved one.
 */

export const MANAGED_KINDS = ["zendesk", "freshdesk"] as const;

function requireAdmin(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (!canManageConnections(v)) throw new AuthError(403);
  return v;
}

const optionalSecret = z.string().trim().optional().transform((s) => (s ? s : undefined));
const date = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Choose the backfill start date (YYYY-MM-DD).")
  .refine((s) => isRealDate(s), "The backfill start is not a real date.");
/** "2025-02-31" matches the pattern, and Date.parse rolls it over to March: compare the day back. */
function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
const name = z.string().trim().min(1, "Give the connection a name.").max(100, "Keep the name under 100 characters.");
const optionalUrl = z.string().trim().optional().transform((s) => (s ? s : undefined)).pipe(z.url("Enter a full URL, e.g. https://proxy.example.com").optional());

export const SaveConnectionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("zendesk"),
    id: z.coerce.number().int().positive().optional(),
    name,
    subdomain: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "The subdomain is the part before .zendesk.com."),
    email: z.string().trim().optional().transform((s) => (s ? s : undefined)).pipe(z.email("Enter the Zendesk user's email.").optional()),
    apiToken: optionalSecret,
    oauthToken: optionalSecret,
    webhookSecret: optionalSecret,
    backfillStart: date,
    apiBaseUrl: optionalUrl,
  }),
  z.object({
    kind: z.literal("freshdesk"),
    id: z.coerce.number().int().positive().optional(),
    name,
    // The connector's own check, here so that its answer stands beside the field in the admin's language.
    domain: z
      .string()
      .trim()
      .min(1, "Enter the Freshdesk domain, e.g. acme.freshdesk.com.")
      .refine((d) => FreshdeskSettingsSchema.shape.domain.safeParse(d).success, "Enter the Freshdesk domain, e.g. acme.freshdesk.com."),
    apiKey: optionalSecret,
    webhookToken: optionalSecret,
    backfillStart: date,
    apiBaseUrl: optionalUrl,
  }),
]);
export type SaveConnectionInput = z.infer<typeof SaveConnectionSchema>;

export type ManagedConnection = {
  id: number;
  kind: string;
  name: string;
  enabled: boolean;
  settings: Record<string, string>;
  /** Which secrets are saved (true), never their values. */
  saved: Record<string, boolean>;
};

const PUBLIC_SETTINGS = ["subdomain", "domain", "backfillStart", "apiBaseUrl"];
const SECRET_FIELDS = ["email", "apiToken", "oauthToken", "webhookSecret", "apiKey", "webhookToken"];

export async function listManagedConnections(db: Db, viewer: Viewer | null): Promise<ManagedConnection[]> {
  requireAdmin(viewer);
  const rows = await db.select().from(connections).where(inArray(connections.kind, [...MANAGED_KINDS])).orderBy(connections.id);
  const key = getEncryptionKey();
  return rows.map((r) => {
    const creds = r.credentialsEncrypted ? decryptJson<Record<string, string>>(r.credentialsEncrypted, key) : {};
    const settings: Record<string, string> = {};
    for (const k of PUBLIC_SETTINGS) if (typeof r.settings[k] === "string") settings[k] = String(r.settings[k]);
    // The user's email is not a secret, and the form needs it to show who connects.
    if (creds.email) settings.email = creds.email;
    const saved = Object.fromEntries(SECRET_FIELDS.filter((f) => f !== "email").map((f) => [f, Boolean(creds[f])]));
    return { id: r.id, kind: r.kind, name: r.name, enabled: r.enabled, settings, saved };
  });
}

export async function saveConnection(handle: DbHandle, viewer: Viewer | null, input: SaveConnectionInput): Promise<{ id: number }> {
  requireAdmin(viewer);
  const key = getEncryptionKey();
  const db = handle.db;
  let existing: typeof connections.$inferSelect | undefined;
  if (input.id) {
    [existing] = await db.select().from(connections).where(eq(connections.id, input.id));
    if (!existing || existing.kind !== input.kind) throw new SafeError("No such connection.", 404);
  }
  const old = existing?.credentialsEncrypted ? decryptJson<Record<string, string>>(existing.credentialsEncrypted, key) : {};
  const keep = (name: string, value: string | undefined) => value ?? old[name];
  let credentials: Record<string, string | undefined>;
  let settings: Record<string, unknown>;
  const base = { ...(existing?.settings ?? {}), backfillStart: input.backfillStart, apiBaseUrl: input.apiBaseUrl };
  if (input.kind === "zendesk") {
    const oauthToken = keep("oauthToken", input.oauthToken);
    const apiToken = keep("apiToken", input.apiToken);
    const email = input.email ?? old.email;
    if (!oauthToken && !(email && apiToken)) throw new SafeError("Enter the email and API token, or an OAuth access token.");
    // A new token of the other kind replaces the old one, so the connector never guesses which to use.
    credentials = input.oauthToken ? { oauthToken } : input.apiToken ? { email, apiToken } : { email, apiToken, oauthToken };
    credentials.webhookSecret = keep("webhookSecret", input.webhookSecret);
    settings = { ...base, subdomain: input.subdomain };
    checkSettings(ZendeskSettingsSchema, settings);
  } else {
    const apiKey = keep("apiKey", input.apiKey);
    if (!apiKey) throw new SafeError("Enter the Freshdesk API key.");
    credentials = { apiKey, webhookToken: keep("webhookToken", input.webhookToken) };
    settings = { ...base, domain: input.domain };
    checkSettings(FreshdeskSettingsSchema, settings);
  }
  const clean = Object.fromEntries(Object.entries(credentials).filter(([, v]) => v));
  const values = { kind: input.kind, name: input.name, settings: stripUndefined(settings), credentialsEncrypted: encryptJson(clean, key) };
  if (existing) {
    await db.update(connections).set(values).where(eq(connections.id, existing.id));
    return { id: existing.id };
  }
  const [row] = await db.insert(connections).values({ ...values, enabled: false }).returning({ id: connections.id });
  return { id: row!.id };
}

export const ConnectionIdSchema = z.object({ connectionId: z.coerce.number().int().positive("Choose a connection.") });
export const SetEnabledSchema = ConnectionIdSchema.extend({ enabled: z.enum(["true", "false"]).transform((v) => v === "true") });

export async function setConnectionEnabled(handle: DbHandle, viewer: Viewer | null, input: z.infer<typeof SetEnabledSchema>) {
  requireAdmin(viewer);
  const rows = await handle.db.update(connections).set({ enabled: input.enabled }).where(eq(connections.id, input.connectionId)).returning({ id: connections.id });
  if (rows.length === 0) throw new SafeError("No such connection.", 404);
  return { enabled: input.enabled };
}

/** One cheap call to the helpdesk with the saved credentials; the answer says what to fix. */
export async function testSavedConnection(handle: DbHandle, viewer: Viewer | null, input: z.infer<typeof ConnectionIdSchema>): Promise<ConnectionTestResult> {
  requireAdmin(viewer);
  const [c] = await handle.db.select().from(connections).where(eq(connections.id, input.connectionId));
  if (!c) throw new SafeError("No such connection.", 404);
  try {
    const credentials = c.credentialsEncrypted ? decryptJson<Record<string, string>>(c.credentialsEncrypted, getEncryptionKey()) : null;
    const connector = createConnector({ id: c.id, kind: c.kind, settings: c.settings, credentials });
    if (!connector.testConnection) return { ok: false, problem: "other", message: msg("err.conn.untestable", { kind: c.kind }) };
    return await connector.testConnection({ now: new Date(), signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, problem: "other", message: detail, i18n: { key: "connTest.other", vars: { detail } } };
  }
}

/** A last check with the connector's schema; the form's schema above catches what a person can type wrong. */
function checkSettings(schema: z.ZodType, settings: unknown) {
  const r = schema.safeParse(settings);
  if (!r.success) throw new SafeError(r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
