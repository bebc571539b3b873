import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { count, eq } from "drizzle-orm";
import { openDatabase, migrateDatabase } from "@/db/client";
import { jobRuns, tickets } from "@/db/schema";
import { createDemoOrg } from "../helpers/org";
import { createPgDatabase } from "../helpers/db";

test("npm run worker runs the scheduled jobs as their own process on PostgreSQL and stops cleanly", async () => {
  const { url, drop } = await createPgDatabase();
  const handle = await openDatabase({ kind: "postgres", url, max: 2 });
  try {
    await migrateDatabase(handle);
    await createDemoOrg(handle.db, { now: new Date(), historyDays: 2 });
    const worker = spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        NEXTAUTH_SECRET: "worker-test-secret-worker-test-secret",
        PODIUM_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
        JOB_SYNC_SCHEDULE: "*/2 * * * * *", // every 2 seconds (node-cron's seconds field)
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    worker.stdout!.on("data", (d: Buffer) => (output += d));
    worker.stderr!.on("data", (d: Buffer) => (output += d));
    const deadline = Date.now() + 60_000;
    let synced = 0;
    while (Date.now() < deadline) {
      const [r] = await handle.db.select({ n: count() }).from(jobRuns).where(eq(jobRuns.jobId, "sync"));
      if (r!.n >= 2) {
        synced = r!.n;
        break;
      }
      await new Promise((res) => setTimeout(res, 500));
    }
    const exited = new Promise<number | null>((res) => worker.once("exit", (code) => res(code)));
    worker.kill("SIGTERM");
    assert.equal(await exited, 0, output);
    assert.ok(synced >= 2, `the sync job ran on schedule (output: ${output})`);
    const [t] = await handle.db.select({ n: count() }).from(tickets);
    assert.ok(t!.n > 300, "two days of demo tickets were pulled");
    const runs = await handle.db.select().from(jobRuns).where(eq(jobRuns.jobId, "sync"));
    assert.ok(runs.every((r) => r.status === "succeeded"), JSON.stringify(runs.map((r) => [r.status, r.error])));
  } finally {
    await handle.close();
    await drop();
  }
});

test("npm run worker refuses to run on the embedded database, with the reason", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, PODIUM_DATA_DIR: "/tmp/podium-worker-refuse" };
  delete env.DATABASE_URL;
  const worker = spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  worker.stderr!.on("data", (d: Buffer) => (output += d));
  const code = await new Promise<number | null>((res) => worker.once("exit", res));
  assert.equal(code, 1);
  assert.match(output, /needs DATABASE_URL/);
});
