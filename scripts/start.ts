/**
 * `npm start`: build when the sources changed since the last build, then run the server.
 * The source hash is kept beside the build, so a second start with nothing changed skips it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIsCurrent, recordBuild } from "./build-state";

const ROOT = process.cwd();

function refuseIfDataDirBusy() {
  // Checked before a possibly long build: a second start on the same folder should stop at once.
  if (process.env.DATABASE_URL) return;
  const lock = path.resolve(process.env.PODIUM_DATA_DIR || ".data", "podium.lock");
  if (!fs.existsSync(lock)) return;
  const pid = Number(fs.readFileSync(lock, "utf8"));
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale: the server will take it over
  }
  console.error(
    `[podium] The data folder ${path.dirname(lock)} is in use by another Podium process (pid ${pid}). ` +
      `Stop it first, or set PODIUM_DATA_DIR to another folder, or DATABASE_URL to use PostgreSQL.`,
  );
  process.exit(1);
}

const buildOnly = process.argv.includes("--build-only");
if (!buildOnly) refuseIfDataDirBusy();
if (buildIsCurrent(ROOT)) {
  console.log("[podium] build is up to date");
} else {
  console.log("[podium] building (sources changed since the last build)…");
  const r = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  recordBuild(ROOT);
}
if (buildOnly) process.exit(0);
(process.env as Record<string, string>).NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
await import("../server");
