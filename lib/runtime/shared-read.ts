import { sql } from "drizzle-orm";
import type { Db, DbHandle } from "@/db/client";

/**
 * Short-lived shared reads: every viewer of a board asks for the same sums, rankings, filter
 * lists, rule versions and team handicaps, so ten concurrent requests share one computation (the
 * promise is cached), per database handle. A write of anything they read (rollups, rule
 * versions, handicaps) calls `announceRollupWrite` in its transaction: this process drops them
 * at once, every process following the channel when the transaction commits. Engineers, teams,
 * lines and skill groups notify the same channel by a trigger (migration 0005), whoever writes
 * them. Anything else shows within TTL_MS.
 */
const TTL_MS = 10_000;
type Entry = { at: number; gen: number; value: Promise<unknown> };
// On globalThis: Next's bundled pages and the server's jobs load separate copies of this module.
const shared = ((globalThis as { __podiumReads?: { gen: number; caches: WeakMap<object, Map<string, Entry>> } }).__podiumReads ??= {
  gen: 0,
  caches: new WeakMap(),
});

/** Retires every shared read of this process (writers call it through `announceRollupWrite`). */
export function dropSharedReads(): void {
  shared.gen++;
}

const CHANNEL = "podium_rollups";

/** Inside a writer's transaction: tells every listening process, once it commits, to drop its shared reads. */
export async function announceRollupWrite(db: Db): Promise<void> {
  dropSharedReads();
  await db.execute(sql`select pg_notify(${CHANNEL}, '')`);
}

/**
 * For a web process: shared reads are dropped as soon as any process (the jobs, another web
 * process) commits a write, instead of lasting out their TTL.
 */
export async function followRollupWrites(handle: Pick<DbHandle, "listen">): Promise<void> {
  await handle.listen(CHANNEL, dropSharedReads);
}

/** `compute()` shared by every caller asking for `key` on this database within TTL_MS (a failure is not kept). */
export function sharedRead<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = shared.caches.get(db);
  if (!cache) shared.caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && hit.gen === shared.gen && now - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = compute();
  const entry: Entry = { at: now, gen: shared.gen, value };
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  if (cache.size > 200) cache.clear();
  cache.set(key, entry);
  return value;
}
