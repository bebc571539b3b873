import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type DbHandle } from "@/db/client";

/**
 * Real databases for integration tests: an in-memory PGlite, and a fresh database on the
 * PostgreSQL server at TEST_DATABASE_URL (default: the local server, 127.0.0.1:5432).
 * Each call creates its own database, so tests never see each other's rows.
 */

export const TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type TestDbKind = "pglite" | "postgres";
export const TEST_DB_KINDS: TestDbKind[] = ["pglite", "postgres"];

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createPgDatabase(prefix = "podium_test", template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    if (template) {
      // A template being copied by another session at the same moment refuses: then start empty.
      await admin.unsafe(`create database "${name}" template "${template}"`).catch(() => admin.unsafe(`create database "${name}"`));
    } else {
      await admin.unsafe(`create database "${name}"`);
    }
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

/**
 * One migrated PGlite, dumped to a file shared by every test process with the same migrations:
 * each test database is a clone of it (initdb + all migrations cost ~3 s of CPU each, a clone
 * ~1 s). Written under a temporary name and renamed, so a reader never sees half a dump.
 */
let pgliteSnapshot: Promise<Blob> | undefined;
function migratedPgliteSnapshot(): Promise<Blob> {
  pgliteSnapshot ??= (async () => {
    // The PGlite version is in the name too: a dump is only read back by the version that made it.
    const { version } = JSON.parse(readFileSync(path.resolve("node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string };
    const file = path.join(tmpdir(), `podium-test-pglite-${version}-${migrationsHash()}.tar`);
    if (existsSync(file)) {
      try {
        return new Blob([readFileSync(file)]);
      } catch {
        // removed meanwhile by a run with other migrations: build our own below
      }
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const handle = await openDatabase({ kind: "pglite", dataDir: null });
    try {
      await migrateDatabase(handle);
      const client = (handle.db as unknown as { $client: InstanceType<typeof PGlite> }).$client;
      const dump = await client.dumpDataDir("none");
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
      // Dumps of older migrations or versions are 40 MB each of nothing.
      for (const old of readdirSync(tmpdir()).filter((f) => /^podium-test-pglite-.*\.tar$/.test(f) && path.join(tmpdir(), f) !== file)) {
        rmSync(path.join(tmpdir(), old), { force: true });
      }
      return dump;
    } finally {
      await handle.close();
    }
  })();
  return pgliteSnapshot;
}

/** A hash of the committed migrations: a template database is only reused for the same ones. */
function migrationsHash(): string {
  const h = createHash("sha256");
  for (const f of readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    const full = path.join(MIGRATIONS_FOLDER, f);
    if (statSync(full).isFile()) h.update(f).update(readFileSync(full));
  }
  return h.digest("hex").slice(0, 12);
}

/**
 * A migrated template database on the test server, shared by every test process and run with
 * the same migrations: `create database … template` copies it in a fraction of a migration run.
 * Built under a temporary name and renamed when complete, so a crash never leaves a half template.
 */
let pgTemplate: Promise<string> | undefined;
function migratedPgTemplate(): Promise<string> {
  pgTemplate ??= (async () => {
    const name = `podium_tpl_${migrationsHash()}`;
    const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      await admin`select pg_advisory_lock(hashtext('podium:test-template'))`;
      const [found] = await admin`select 1 from pg_database where datname = ${name}`;
      if (!found) {
        const building = `${name}_${process.pid}`;
        await admin.unsafe(`drop database if exists "${building}"`);
        await admin.unsafe(`create database "${building}"`);
        const url = new URL(TEST_PG_ADMIN_URL);
        url.pathname = `/${building}`;
        const handle = await openDatabase({ kind: "postgres", url: url.toString(), max: 1 });
        try {
          await migrateDatabase(handle);
        } finally {
          await handle.close();
        }
        await admin.unsafe(`alter database "${building}" rename to "${name}"`);
        // Templates of older migrations are dead weight; one still being copied refuses the drop.
        for (const old of await admin`select datname from pg_database where datname like 'podium\_tpl\_%' and datname <> ${name}`) {
          await admin.unsafe(`drop database if exists "${old.datname}"`).catch(() => {});
        }
      }
      return name;
    } finally {
      await admin.end(); // ends the session, releasing the advisory lock
    }
  })();
  return pgTemplate;
}

/** A migrated, empty database of the given kind. Call `close` in `after`/`finally`. */
export async function openTestDb(kind: TestDbKind): Promise<DbHandle & { close: () => Promise<void> }> {
  if (kind === "pglite") {
    const handle = await openDatabase({ kind: "pglite", dataDir: null, loadDataDir: await migratedPgliteSnapshot() });
    await migrateDatabase(handle); // a no-op on the clone; keeps the helper honest if the snapshot lags
    return handle;
  }
  const { url, drop } = await createPgDatabase("podium_test", await migratedPgTemplate().catch(() => undefined));
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
