import { test } from "node:test";
import assert from "node:assert/strict";
import { getEnv, resetEnvCache } from "@/lib/env";
import { webProcessCount } from "@/lib/runtime/web-processes";

function envWith(vars: Record<string, string | undefined>) {
  const saved = { ...process.env };
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  try {
    return getEnv();
  } finally {
    process.env = saved;
    resetEnvCache();
  }
}

test("embedded: one web process, whatever is asked (PGlite lives in one process)", () => {
  assert.equal(webProcessCount(envWith({ DATABASE_URL: undefined, PODIUM_WEB_PROCESSES: "3" }), 8), 1);
});

test("PostgreSQL: one per core up to 4, or PODIUM_WEB_PROCESSES", () => {
  const pg = envWith({ DATABASE_URL: "postgres://x@127.0.0.1/db", PODIUM_WEB_PROCESSES: undefined });
  assert.equal(webProcessCount(pg, 1), 1);
  assert.equal(webProcessCount(pg, 2), 2);
  assert.equal(webProcessCount(pg, 16), 4);
  assert.equal(webProcessCount(envWith({ DATABASE_URL: "postgres://x@127.0.0.1/db", PODIUM_WEB_PROCESSES: "6" }), 2), 6);
});

test("a bad PODIUM_WEB_PROCESSES is a clear start-up error", () => {
  assert.throws(() => envWith({ DATABASE_URL: "postgres://x@127.0.0.1/db", PODIUM_WEB_PROCESSES: "0" }), /PODIUM_WEB_PROCESSES/);
});
