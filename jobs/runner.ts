import cron, { type ScheduledTask } from "node-cron";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { jobRuns } from "@/db/schema";
import type { JobDefinition } from "./types";

export type JobOutcome = { status: "succeeded" | "failed" | "skipped"; detail?: Record<string, unknown>; error?: string };

/**
 * Runs one job under its lock: never twice at once, in this process or (PostgreSQL) any other.
 * A run that finds the lock taken is skipped, not queued: the next tick picks the work up.
 */
export async function runJob(handle: DbHandle, job: JobDefinition, now = new Date()): Promise<JobOutcome> {
  const outcome = await handle.withLock(`job:${job.id}`, async (): Promise<JobOutcome> => {
    const [run] = await handle.db.insert(jobRuns).values({ jobId: job.id, status: "running" }).returning({ id: jobRuns.id });
    try {
      const detail = await job.handler(handle, now);
      await handle.db.update(jobRuns).set({ status: "succeeded", finishedAt: new Date(), detail }).where(eq(jobRuns.id, run!.id));
      return { status: "succeeded", detail };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await handle.db.update(jobRuns).set({ status: "failed", finishedAt: new Date(), error }).where(eq(jobRuns.id, run!.id));
      return { status: "failed", error };
    }
  });
  return outcome.acquired ? outcome.result : { status: "skipped" };
}

export type Scheduler = { stop: () => Promise<void> };

/** Starts node-cron for each job. Call once per process (server.ts or jobs/worker.ts). */
export function startScheduler(handle: DbHandle, jobs: JobDefinition[], log: (msg: string) => void = console.log): Scheduler {
  const inFlight = new Set<Promise<unknown>>();
  const tasks: ScheduledTask[] = jobs.map((job) => {
    if (!cron.validate(job.schedule)) throw new Error(`Job ${job.id}: invalid schedule "${job.schedule}"`);
    return cron.schedule(
      job.schedule,
      () => {
        const p = runJob(handle, job).then((o) => {
          if (o.status === "failed") log(`[jobs] ${job.id} failed: ${o.error}`);
        });
        inFlight.add(p);
        // Returned so node-cron's noOverlap sees the run; the lock in runJob covers other processes.
        return p.finally(() => inFlight.delete(p));
      },
      { name: job.id, noOverlap: true },
    );
  });
  log(`[jobs] scheduled: ${jobs.map((j) => `${j.id} (${j.schedule})`).join(", ")}`);
  return {
    stop: async () => {
      for (const t of tasks) await t.stop();
      await Promise.allSettled([...inFlight]); // let a running sync commit its page
    },
  };
}
