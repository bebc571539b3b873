import { getEnv } from "@/lib/env";
import { confirmPoints } from "./confirm-points";
import { syncAllConnections } from "./sync";
import type { JobDefinition } from "./types";

/** Every scheduled job. Schedules come from env when set (JOB_<ID>_SCHEDULE). */
export function listJobs(env = getEnv()): JobDefinition[] {
  return [
    {
      id: "sync",
      description: "Pull tickets and ratings from every enabled connection, rescore what changed",
      schedule: env.JOB_SYNC_SCHEDULE ?? "*/5 * * * *",
      handler: syncAllConnections,
    },
    {
      id: "confirm-points",
      description: "Confirm pending points whose reopen window has closed",
      schedule: env.JOB_CONFIRM_SCHEDULE ?? "7 * * * *",
      handler: confirmPoints,
    },
  ];
}
