/**
 * `npm run worker`: the scheduled jobs as their own process, for PostgreSQL deployments where
 * several web instances (started with PODIUM_JOBS=off) share one database.
 */
import { getDbHandle, migrateDatabase } from "@/db/client";
import { bootstrapEnvironment } from "@/lib/runtime/bootstrap";
import { getEnv, isEmbedded } from "@/lib/env";
import { listJobs } from "./index";
import { startScheduler } from "./runner";

async function main() {
  bootstrapEnvironment();
  if (isEmbedded(getEnv())) {
    console.error("npm run worker needs DATABASE_URL: the embedded database belongs to the web process, which runs the jobs itself.");
    process.exit(1);
  }
  const handle = await getDbHandle();
  await migrateDatabase(handle);
  const scheduler = startScheduler(handle, listJobs());
  const shutdown = async () => {
    console.log("[worker] stopping");
    await scheduler.stop();
    await handle.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
