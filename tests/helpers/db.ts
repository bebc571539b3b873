import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDatabase, openDatabase, type DbHandle } from "@/db/client";

/**
 * Real databases for integration tests: an in-memory PGlite, and a fresh database on the
 * PostgreSQL server at TEST_DATABASE_URL (default: the local server, 127.0.0.1:5432).
 * Each call creates its own database, so tests never see each other's rows.
 */

export const TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type TestDbKind = "pglite" | "postgres";
export const TEST_DB_KINDS: TestDbKind[] = ["pglite", "postgres"];

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createPgDatabase(prefix = "podium_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** A migrated, empty database of the given kind. Call `close` in `after`/`finally`. */
export async function openTestDb(kind: TestDbKind): Promise<DbHandle & { close: () => Promise<void> }> {
  if (kind === "pglite") {
    const handle = await openDatabase({ kind: "pglite", dataDir: null });
    await migrateDatabase(handle);
    return handle;
  }
  const { url, drop } = await createPgDatabase();
  const handle = await openDatabase({ kind: "postgres", url, max: 4 });
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}
