/**
 * Starts `npm start`'s server for the end-to-end tests on fresh data: `embedded` on a new data
 * folder, `postgres` on a newly created database. The build is made beforehand by `npm run build`.
 */
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";

const kind = process.argv[2];
const portBase = Number(process.env.PODIUM_E2E_PORT ?? 3211);
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

process.env.PODIUM_DEMO = "true";
process.env.ADMIN_EMAIL = "root@podium.test";
process.env.ADMIN_PASSWORD = "e2e-admin-password";
process.env.NEXTAUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
process.env.PODIUM_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
process.env.JOB_CROWNS_SCHEDULE ??= "* * * * *"; // crowns recorded within a minute of start (boards.spec)

if (kind === "embedded") {
  const dir = path.resolve(portBase === 3211 ? ".data-e2e" : `.data-e2e-${portBase}`);
  fs.rmSync(dir, { recursive: true, force: true });
  process.env.PODIUM_DATA_DIR = dir;
  process.env.PORT = String(portBase);
  delete process.env.DATABASE_URL;
} else if (kind === "postgres") {
  // One database per port, so side-by-side checkouts do not drop each other's.
  const name = portBase === 3211 ? "podium_e2e" : `podium_e2e_${portBase}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.PORT = String(portBase + 1);
  process.env.PODIUM_DATA_DIR = path.resolve(".data-e2e-pg");
} else {
  console.error("usage: serve.ts embedded|postgres");
  process.exit(2);
}
await import("../../scripts/start");
