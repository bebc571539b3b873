import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

/** The database, whichever driver is behind it. Queries take it as their first argument. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "pglite" | "postgres";

export type DbHandle = {
  db: Db;
  kind: DbKind;
  /** PostgreSQL only: where it connects (never logged: it may hold a password). */
  url?: string;
  /** Runs `fn` only if no other run of `key` holds the lock, in this process or (PostgreSQL) any other. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<{ acquired: true; result: T } | { acquired: false }>;
  /** Calls `onMessage` for each NOTIFY on `channel` by any session (delivered when its transaction commits). */
  listen(channel: string, onMessage: () => void): Promise<void>;
  /** Plain SQL for scripts and tests (rows as objects). */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
};

export type OpenOptions =
  | { kind: "postgres"; url: string; max?: number }
  /**
   * `dataDir: null` keeps the database in memory (tests). `loadDataDir` starts from a dump of
   * another PGlite (`dumpDataDir`): tests clone one migrated database instead of running initdb
   * and every migration again, which costs seconds each.
   */
  | { kind: "pglite"; dataDir: string | null; loadDataDir?: Blob };

export const MIGRATIONS_FOLDER = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations");

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data folder ${dir} is in use by another Podium process (pid ${pid}). ` +
        `Embedded PostgreSQL can be opened by one process only: stop that process first, ` +
        `or point PODIUM_DATA_DIR at another folder, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = "DataDirInUseError";
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** An exclusive lock file beside the PGlite data: two processes on one folder would corrupt it. */
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "podium.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (pid === process.pid) throw new Error(`The data folder ${dir} is already open in this process.`);
      if (Number.isInteger(pid) && pid > 0 && pidAlive(pid)) throw new DataDirInUseError(dir, pid);
      // The holder died without cleaning up (kill -9): the lock is stale.
      fs.unlinkSync(lockPath);
    }
  }
  throw new Error(`Could not lock the data folder ${dir}.`);
}

function inProcessGuard() {
  const running = new Set<string>();
  return async <T>(key: string, fn: () => Promise<T>, crossProcess?: (inner: () => Promise<T>) => Promise<{ acquired: boolean; result?: T }>) => {
    if (running.has(key)) return { acquired: false as const };
    running.add(key);
    try {
      if (!crossProcess) return { acquired: true as const, result: await fn() };
      const r = await crossProcess(fn);
      return r.acquired ? { acquired: true as const, result: r.result as T } : { acquired: false as const };
    } finally {
      running.delete(key);
    }
  };
}

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  const guard = inProcessGuard();
  if (opts.kind === "pglite") {
    const release = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
    try {
      const { PGlite } = await import("@electric-sql/pglite");
      const { drizzle } = await import("drizzle-orm/pglite");
      const client = opts.dataDir
        ? new PGlite(path.join(opts.dataDir, "pglite"), opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {})
        : new PGlite(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
      await client.waitReady;
      const db = drizzle({ client, schema }) as unknown as Db;
      return {
        db,
        kind: "pglite",
        // One process owns the folder (see lockDataDir), so an in-process guard is the whole lock.
        withLock: (key, fn) => guard(key, fn),
        listen: async (channel, onMessage) => {
          await client.listen(channel, () => onMessage());
        },
        query: async (text, params) => (await client.query(text, params as unknown[])).rows as never,
        close: async () => {
          await client.close();
          release();
        },
      };
    } catch (e) {
      release();
      throw e;
    }
  }

  const postgres = (await import("postgres")).default;
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {}, idle_timeout: 30 });
  const db = drizzle({ client: preparingStatements(client), schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    url: opts.url,
    withLock: (key, fn) =>
      guard(key, fn, async (inner) => {
        // A session-level advisory lock on a reserved connection: released if the process dies.
        const conn = await client.reserve();
        try {
          const [row] = await conn`select pg_try_advisory_lock(hashtext(${key})) as ok`;
          if (!row?.ok) return { acquired: false };
          try {
            return { acquired: true, result: await inner() };
          } finally {
            await conn`select pg_advisory_unlock(hashtext(${key}))`;
          }
        } finally {
          conn.release();
        }
      }),
    listen: async (channel, onMessage) => {
      await client.listen(channel, () => onMessage());
    },
    query: async (text, params) => (await client.unsafe(text, (params ?? []) as never[])) as never,
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * drizzle sends every query unnamed (`prepare: false`), so postgres.js parses it twice per run: a
 * Parse + Describe round trip for the parameter types, then Bind + Execute, and PostgreSQL parses
 * and plans it each time. Named, a statement is parsed once per connection and then costs one
 * round trip (~0.2 ms less CPU per statement on each side; pages run 10–15). postgres.js keeps the
 * names per connection, which it recycles every 30–60 min, and re-prepares a statement that a
 * schema change invalidated. Queries without parameters use the simple protocol as before.
 */
function preparingStatements<T extends import("postgres").Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop) {
      if (prop === "unsafe") {
        return (text: string, args?: unknown, options?: Record<string, unknown>) => {
          if (!Array.isArray(args)) return target.unsafe(text, args as never);
          return target.unsafe(text, args as never[], args.length ? { ...options, prepare: true } : options);
        };
      }
      // A transaction's (and a savepoint's) own client: drizzle runs its queries on that one.
      if (prop === "begin" || prop === "savepoint") {
        return (...a: unknown[]) => {
          const fn = a[a.length - 1] as (tx: import("postgres").Sql) => unknown;
          a[a.length - 1] = (tx: import("postgres").Sql) => fn(preparingStatements(tx));
          return (target[prop as "begin"] as (...x: unknown[]) => unknown)(...a);
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/** Applies the committed migrations; on PostgreSQL under an advisory lock so parallel starts wait. */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  // Parallel starts wait for each other. The lock is taken and released on the same connection:
  // `withLock` would skip instead of wait, and a pooled query may land on another session.
  const { default: postgres } = await import("postgres");
  const url = handle.url;
  if (!url) throw new Error("migrateDatabase: the PostgreSQL handle has no URL.");
  const lockClient = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await lockClient`select pg_advisory_lock(hashtext('podium:migrate'))`;
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lockClient.end({ timeout: 5 }); // ending the session releases the lock
  }
}

type Holder = { handle?: Promise<DbHandle> };
const holder: Holder = ((globalThis as Record<string, unknown>).__podiumDb ??= {}) as Holder;

/**
 * The process-wide database. The server (server.ts) opens it before Next handles a request, and
 * Next's bundled route code finds the same handle on globalThis instead of opening a second one.
 */
export function getDbHandle(): Promise<DbHandle> {
  if (!holder.handle) {
    const url = process.env.DATABASE_URL;
    holder.handle = openDatabase(
      url ? { kind: "postgres", url } : { kind: "pglite", dataDir: path.resolve(/*turbopackIgnore: true*/ process.env.PODIUM_DATA_DIR || ".data") },
    );
    holder.handle.catch(() => (holder.handle = undefined));
  }
  return holder.handle;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** For the server and tests: install an already opened handle as the process-wide one. */
export function setDbHandle(handle: DbHandle | undefined): void {
  holder.handle = handle ? Promise.resolve(handle) : undefined;
}

export { schema };
