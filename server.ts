/**
 * The Podium process: one per data folder (embedded), or with PostgreSQL a primary (migrations,
 * first-start data, jobs) and several web processes (see webProcessCount).
 * Order matters: secrets → database (lock, migrate) → first-start data → Next → jobs.
 * Started by `npm start` (scripts/start.ts builds first when needed).
 */
import cluster from "node:cluster";
import http from "node:http";
import { fileURLToPath } from "node:url";
import next from "next";
import { DataDirInUseError, getDbHandle, migrateDatabase, type DbHandle } from "@/db/client";
import { ensureAdmin, seedDemo } from "@/db/seed";
import { listJobs } from "@/jobs/index";
import { startScheduler, type Scheduler } from "@/jobs/runner";
import { syncAllConnections } from "@/jobs/sync";
import { demoEnabled, getEnv, isEmbedded } from "@/lib/env";
import { followRollupWrites } from "@/lib/runtime/shared-read";
import { bootstrapEnvironment } from "@/lib/runtime/bootstrap";
import { webProcessCount } from "@/lib/runtime/web-processes";

const log = (msg: string) => console.log(`[podium] ${msg}`);

export async function prepareData(handle: DbHandle): Promise<void> {
  const env = getEnv();
  await migrateDatabase(handle);
  const admin = await ensureAdmin(handle.db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  if (admin.created) {
    if (admin.generatedPassword) {
      // Printed once, never stored in clear: the only place this password appears.
      log(`created the first admin ${admin.email} with the one-time password: ${admin.generatedPassword}`);
    } else {
      log(`created the first admin ${admin.email} (password from ADMIN_PASSWORD)`);
    }
  }
  if (demoEnabled(env) && (await seedDemo(handle.db, { now: new Date(), historyDays: env.PODIUM_DEMO_DAYS }))) {
    log(`installed the demo helpdesk; importing ${env.PODIUM_DEMO_DAYS} days of history…`);
    const started = Date.now();
    // The whole history before serving, so the first page view shows a living dashboard.
    const outcome = await handle.withLock("job:sync", () =>
      syncAllConnections(handle, new Date(), { trigger: "backfill", maxPages: 100_000 }),
    );
    const failed = outcome.acquired ? Object.values(outcome.result.runs).filter((s) => s !== "succeeded" && s !== "partial") : [];
    if (failed.length) throw new Error(`demo import failed: ${failed.join("; ")}`);
    if (outcome.acquired) log(`demo history imported in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function openDatabase(): Promise<DbHandle> {
  try {
    return await getDbHandle();
  } catch (e) {
    if (e instanceof DataDirInUseError) {
      console.error(`[podium] ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

/** Next.js behind a plain HTTP server on PORT (in cluster workers the port is shared through the primary). */
async function startHttp(env: ReturnType<typeof getEnv>) {
  const app = next({ dev: false, dir: process.cwd(), hostname: env.HOSTNAME, port: env.PORT });
  await app.prepare();
  const handler = app.getRequestHandler();
  // PODIUM_REQUEST_TIMING=1 (bench:web): one line per request with the time from its arrival to its
  // last byte handed to the socket, measured in this process (no client or loopback time).
  const timing = env.PODIUM_REQUEST_TIMING === true;
  const server = http.createServer((req, res) => {
    if (timing) {
      const t0 = performance.now();
      res.once("finish", () => {
        const path = (req.url ?? "").split("?")[0];
        console.log(`[timing] ${req.method} ${path} ${res.statusCode} ${(performance.now() - t0).toFixed(1)}ms`);
      });
    }
    void handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOSTNAME, resolve);
  });
  return {
    async close() {
      server.close();
      await app.close?.();
    },
  };
}

function startJobs(env: ReturnType<typeof getEnv>, handle: DbHandle): Scheduler | undefined {
  if (env.PODIUM_JOBS === "inline") return startScheduler(handle, listJobs(env), log);
  log("jobs are off in this process (PODIUM_JOBS=off): run `npm run worker`");
  return undefined;
}

function onStopSignal(stop: (signal: string) => Promise<void>) {
  let stopping = false;
  const once = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    void stop(signal).then(() => process.exit(0));
  };
  process.once("SIGINT", () => once("SIGINT"));
  process.once("SIGTERM", () => once("SIGTERM"));
}

/** One process: database, Next, jobs (always so for the embedded database). */
async function runSingle(env: ReturnType<typeof getEnv>) {
  const handle = await openDatabase();
  log(`database: ${isEmbedded(env) ? `embedded PostgreSQL (PGlite) in ${env.PODIUM_DATA_DIR}` : "PostgreSQL (DATABASE_URL)"}`);
  await prepareData(handle);
  await followRollupWrites(handle);
  const web = await startHttp(env);
  log(`ready on http://localhost:${env.PORT}`);
  const scheduler = startJobs(env, handle);
  onStopSignal(async () => {
    await web.close();
    await scheduler?.stop();
    await handle.close();
  });
}

/**
 * The primary of a cluster: migrates and seeds once, runs the jobs, and keeps `count` web workers
 * (which serve HTTP only) alive. A worker that dies after it was ready is replaced; one that dies
 * before (a port in use, a bad build) stops the whole start, rather than restarting in a loop.
 */
async function runPrimary(env: ReturnType<typeof getEnv>, count: number) {
  const handle = await openDatabase();
  log(`database: PostgreSQL (DATABASE_URL); ${count} web processes`);
  await prepareData(handle);
  let stopping = false;
  let ready = 0;
  cluster.setupPrimary({
    exec: fileURLToPath(import.meta.url),
    // Web processes keep V8's default young generation: ten pages in flight keep ~20 MB of it alive,
    // so npm start's 64 MB one (which suits the sync in this process) made 30–45 ms scavenge pauses
    // that stalled every page in flight.
    execArgv: process.execArgv.filter((a) => !a.startsWith("--max-semi-space-size")),
  });
  const fork = () => {
    const w = cluster.fork({ PODIUM_CLUSTER_WORKER: "1" });
    let wasReady = false;
    w.on("message", (m: unknown) => {
      if (m !== "ready") return;
      wasReady = true;
      if (++ready === count) log(`ready on http://localhost:${env.PORT}`);
    });
    w.on("exit", (code, signal) => {
      // Exit 0: the worker was stopped by a signal to the whole process group (Ctrl-C).
      if (stopping || code === 0) return;
      if (!wasReady) {
        console.error(`[podium] a web process failed to start (${signal ?? `exit ${code}`}); stopping`);
        void stopAll().then(() => process.exit(1));
        return;
      }
      log(`a web process ended (${signal ?? `exit ${code}`}); starting another`);
      fork();
    });
  };
  for (let i = 0; i < count; i++) fork();
  const scheduler = startJobs(env, handle);
  const stopAll = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            const kill = setTimeout(() => w!.process.kill("SIGKILL"), 10_000);
            w!.once("exit", () => {
              clearTimeout(kill);
              resolve();
            });
            w!.process.kill("SIGTERM");
          }),
      ),
    );
    await scheduler?.stop();
    await handle.close();
  };
  onStopSignal(stopAll);
}

/** A cluster worker: HTTP only; the primary has migrated and runs the jobs. */
async function runWorker(env: ReturnType<typeof getEnv>) {
  const handle = await openDatabase();
  await followRollupWrites(handle);
  const web = await startHttp(env);
  process.send?.("ready");
  onStopSignal(async () => {
    await web.close();
    await handle.close();
  });
}

async function main() {
  bootstrapEnvironment();
  const env = getEnv();
  if (cluster.isWorker && process.env.PODIUM_CLUSTER_WORKER === "1") return runWorker(env);
  const count = webProcessCount(env);
  return count > 1 ? runPrimary(env, count) : runSingle(env);
}

main().catch((e) => {
  console.error(`[podium] failed to start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
