/**
 * The Podium process: one per data folder (embedded) or one per web instance (PostgreSQL).
 * Order matters: secrets → database (lock, migrate) → first-start data → Next → jobs.
 * Started by `npm start` (scripts/start.ts builds first when needed).
 */
import http from "node:http";
import next from "next";
import { DataDirInUseError, getDbHandle, migrateDatabase, type DbHandle } from "@/db/client";
import { ensureAdmin, seedDemo } from "@/db/seed";
import { listJobs } from "@/jobs/index";
import { startScheduler, type Scheduler } from "@/jobs/runner";
import { syncAllConnections } from "@/jobs/sync";
import { demoEnabled, getEnv, isEmbedded } from "@/lib/env";
import { bootstrapEnvironment } from "@/lib/runtime/bootstrap";

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

async function main() {
  bootstrapEnvironment();
  const env = getEnv();
  let handle: DbHandle;
  try {
    handle = await getDbHandle();
  } catch (e) {
    if (e instanceof DataDirInUseError) {
      console.error(`[podium] ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  log(`database: ${isEmbedded(env) ? `embedded PostgreSQL (PGlite) in ${env.PODIUM_DATA_DIR}` : "PostgreSQL (DATABASE_URL)"}`);
  await prepareData(handle);

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
  log(`ready on http://localhost:${env.PORT}`);

  let scheduler: Scheduler | undefined;
  if (env.PODIUM_JOBS === "inline") scheduler = startScheduler(handle, listJobs(env), log);
  else log("jobs are off in this process (PODIUM_JOBS=off): run `npm run worker`");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    server.close();
    await scheduler?.stop();
    await app.close?.();
    await handle.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error(`[podium] failed to start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
