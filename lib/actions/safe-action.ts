import "server-only";
import type { z } from "zod";
import { getDbHandle, type DbHandle } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { AuthError, type Viewer } from "@/lib/auth/policy";
import { defineAction, runAction, type ActionDefinition, type ActionResult } from "./define";

/**
 * Turns an action definition into a server action: re-reads the session on every call, then
 * `runAction` authorizes, validates with zod and calls the domain function. Pages import the
 * returned function; tests call `runAction` on the definition with a viewer of their choosing.
 */
export function serverAction<S extends z.ZodType, R>(def: ActionDefinition<S, R>) {
  return async (_prev: ActionResult<R> | null, formData: FormData): Promise<ActionResult<R>> => {
    const viewer = await getViewer();
    return runAction(def, viewer, Object.fromEntries(formData), await getDbHandle());
  };
}

export { AuthError, defineAction, runAction };
export type { ActionResult, DbHandle, Viewer };
