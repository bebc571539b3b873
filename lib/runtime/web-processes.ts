import os from "node:os";
import { isEmbedded, type Env } from "@/lib/env";

/**
 * How many web processes serve HTTP. Embedded PGlite lives in one process, so one; with
 * DATABASE_URL, one per core by default (up to 4): a Node process renders one page at a time, so
 * a second process lets concurrent page views use the second core. PODIUM_WEB_PROCESSES overrides.
 */
export function webProcessCount(env: Env, cores = os.availableParallelism()): number {
  if (isEmbedded(env)) return 1;
  if (env.PODIUM_WEB_PROCESSES !== undefined) return env.PODIUM_WEB_PROCESSES;
  return Math.max(1, Math.min(4, cores));
}
