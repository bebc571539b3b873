import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { count, eq } from "drizzle-orm";
import { DataDirInUseError, migrateDatabase, openDatabase } from "@/db/client";
import { jobRuns } from "@/db/schema";
import { runJob } from "@/jobs/runner";
import type { JobDefinition } from "@/jobs/types";
import { TEST_DB_KINDS, createPgDatabase, openTestDb } from "../helpers/db";

const slowJob = (id: string, ms: number, calls: { n: number }): JobDefinition => ({
  id,
  description: "test",
  schedule: "* * * * *",
  handler: async () => {
    calls.n++;
    await new Promise((r) => setTimeout(r, ms));
    return { slept: ms };
  },
});

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: a job never runs twice at once in one process, and its runs are recorded`, async () => {
    const h = await openTestDb(kind);
    try {
      const calls = { n: 0 };
      const job = slowJob("t1", 300, calls);
      const [a, b] = await Promise.all([runJob(h, job), runJob(h, job)]);
      assert.deepEqual([a.status, b.status].sort(), ["skipped", "succeeded"]);
      assert.equal(calls.n, 1);
      const third = await runJob(h, job); // the lock is released after the run
      assert.equal(third.status, "succeeded");
      const [row] = await h.db.select({ n: count() }).from(jobRuns).where(eq(jobRuns.status, "succeeded"));
      assert.equal(row!.n, 2);
    } finally {
      await h.close();
    }
  });

  test(`${kind}: a failing job is recorded with its error and releases the lock`, async () => {
    const h = await openTestDb(kind);
    try {
      const job: JobDefinition = { id: "boom", description: "", schedule: "* * * * *", handler: async () => { throw new Error("helpdesk down"); } };
      assert.deepEqual(await runJob(h, job), { status: "failed", error: "helpdesk down" });
      assert.equal((await runJob(h, job)).status, "failed");
      const rows = await h.db.select().from(jobRuns);
      assert.equal(rows.length, 2);
      assert.equal(rows[0]!.error, "helpdesk down");
    } finally {
      await h.close();
    }
  });
}

test("postgres: two processes sharing one database never run the same job at once", async () => {
  const { url, drop } = await createPgDatabase();
  const web = await openDatabase({ kind: "postgres", url, max: 2 });
  const worker = await openDatabase({ kind: "postgres", url, max: 2 }); // a second pool = another process's sessions
  try {
    await migrateDatabase(web);
    const calls = { n: 0 };
    const job = slowJob("shared", 400, calls);
    const [a, b] = await Promise.all([runJob(web, job), runJob(worker, job)]);
    assert.deepEqual([a.status, b.status].sort(), ["skipped", "succeeded"]);
    assert.equal(calls.n, 1);
  } finally {
    await web.close();
    await worker.close();
    await drop();
  }
});

test("pglite: a second process cannot open a data folder in use; a dead holder's lock is taken over", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "podium-lock-"));
  try {
    // A real second process holds the folder.
    const child = spawn(process.execPath, ["--import", "tsx", "-e", `
      const { openDatabase } = await import("@/db/client");
      await openDatabase({ kind: "pglite", dataDir: ${JSON.stringify(dir)} });
      console.log("open");
      setInterval(() => {}, 1000);`], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => d.toString().includes("open") && resolve());
      child.once("exit", (code) => reject(new Error(`child exited ${code}`)));
    });
    await assert.rejects(openDatabase({ kind: "pglite", dataDir: dir }), (e: unknown) => {
      assert.ok(e instanceof DataDirInUseError);
      assert.match((e as Error).message, /in use by another Podium process \(pid \d+\)/);
      return true;
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    // The lock file is still there, but its process is gone: the next open takes it over.
    assert.ok(fs.existsSync(path.join(dir, "podium.lock")));
    const h = await openDatabase({ kind: "pglite", dataDir: dir });
    await migrateDatabase(h);
    await h.close();
    assert.ok(!fs.existsSync(path.join(dir, "podium.lock")), "closing releases the lock");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
