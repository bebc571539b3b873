import type { z } from "zod";
import type { DbHandle } from "@/db/client";
import { AuthError, requireViewer, type Viewer } from "@/lib/auth/policy";
import { t } from "@/lib/i18n";
import { localizeIssue, localizeMessage, render, type Msg } from "@/lib/i18n/messages";

/** What a form gets back. Only messages marked safe reach the browser; the rest is generic. */
export type ActionResult<R = unknown> =
  | { ok: true; data: R; message?: string }
  | { ok: false; status: 400 | 401 | 403 | 404 | 409 | 500; error: string; fieldErrors?: Record<string, string[]> };

/**
 * An error whose message is meant for the user (validation in the domain, not found, conflicts).
 * Its message is English; a known `err.*` text, or a key with vars, reaches the user in their language.
 */
export class SafeError extends Error {
  readonly msg: Msg | null;
  constructor(
    message: string | Msg,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(typeof message === "string" ? message : render("en", message));
    this.name = "SafeError";
    this.msg = typeof message === "string" ? null : message;
  }

  /** The message in `locale`. */
  localized(locale: string): string {
    return this.msg ? render(locale, this.msg) : localizeMessage(locale, this.message);
  }
}

export type ActionDefinition<S extends z.ZodType, R> = {
  id: string;
  schema: S;
  /** Runs before parsing: who may call this at all. The domain function checks the resource too. */
  authorize: (viewer: Viewer) => boolean;
  handler: (ctx: { viewer: Viewer; handle: DbHandle; input: z.infer<S> }) => Promise<R>;
};

/** Every action, for the test that calls each one anonymously and with a wrong role. */
export const actionRegistry: ActionDefinition<z.ZodType, unknown>[] = [];

export function defineAction<S extends z.ZodType, R>(def: ActionDefinition<S, R>): ActionDefinition<S, R> {
  actionRegistry.push(def as unknown as ActionDefinition<z.ZodType, unknown>);
  return def;
}

export async function runAction<S extends z.ZodType, R>(
  def: ActionDefinition<S, R>,
  viewer: Viewer | null,
  rawInput: unknown,
  handle: DbHandle,
): Promise<ActionResult<R>> {
  // Every message follows the viewer's language: the generic ones here, and the domain's (SafeError,
  // zod issues) when they are known English error texts (lib/i18n/messages.ts); others stay English.
  const L = viewer?.locale ?? "en";
  try {
    const v = requireViewer(viewer);
    if (!def.authorize(v)) throw new AuthError(403);
    const parsed = def.schema.safeParse(rawInput);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(localizeIssue(L, issue as { message: string; params?: Record<string, unknown> }));
      return { ok: false, status: 400, error: t(L, "action.invalid"), fieldErrors };
    }
    return { ok: true, data: await def.handler({ viewer: v, handle, input: parsed.data }) };
  } catch (e) {
    if (e instanceof AuthError) return { ok: false, status: e.status, error: localizeMessage(L, e.message) };
    if (e instanceof SafeError) return { ok: false, status: e.status, error: e.localized(L) };
    console.error(`[action ${def.id}]`, e instanceof Error ? e.message : e);
    return { ok: false, status: 500, error: t(L, "action.failed") };
  }
}
