/**
 * A separate process that runs one long sync, for the kill test:
 *   node --import tsx tests/helpers/sync-child.ts <DATABASE_URL | pglite:<dir>> [now] [setupDays pageSize]
 * With setupDays, it first migrates and installs the demo organisation (history of setupDays,
 * pages of pageSize): opening an embedded database is slow, so the child does it once for both.
 * Prints "ready" before syncing, "committed <stream> <page>" after each committed page, "done <status>".
 */
import { eq } from "drizzle-orm";
import { migrateDatabase, openDatabase } from "@/db/client";
import { connections } from "@/db/schema";
import { runSync } from "@/lib/sync/run-sync";
import { TEST_NOW, createDemoOrg } from "./org";

const [target, nowArg, setupDays, pageSize] = process.argv.slice(2);
if (!target) throw new Error("usage: sync-child.ts <DATABASE_URL | pglite:<dir>> [now] [setupDays pageSize]");
const now = nowArg ? new Date(nowArg) : TEST_NOW;
const handle = target.startsWith("pglite:")
  ? await openDatabase({ kind: "pglite", dataDir: target.slice("pglite:".length) })
  : await openDatabase({ kind: "postgres", url: target, max: 3 });
if (setupDays) {
  await migrateDatabase(handle);
  const org = await createDemoOrg(handle.db, { now, historyDays: Number(setupDays) });
  const [conn] = await handle.db.select().from(connections).where(eq(connections.id, org.connectionId));
  await handle.db
    .update(connections)
    .set({ settings: { ...conn!.settings, pageSize: Number(pageSize ?? 500) } })
    .where(eq(connections.id, org.connectionId));
}
const [conn] = await handle.db.select({ id: connections.id }).from(connections).where(eq(connections.kind, "demo"));
console.log("ready");
const run = await runSync(handle, conn!.id, {
  trigger: "backfill",
  now,
  maxPages: 100_000,
  onPage: (p) => console.log(`committed ${p.stream} ${p.page}`),
});
console.log(`done ${run.status} ${run.error ?? ""}`);
await handle.close();
