import type { DbHandle } from "@/db/client";

export type JobDefinition = {
  /** Stable id: the lock key, the job_runs label and the env override's name. */
  id: string;
  description: string;
  /** node-cron expression; env can override it (see jobs/index.ts). */
  schedule: string;
  handler: (handle: DbHandle, now: Date) => Promise<Record<string, unknown>>;
};
