import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { connections, engineers } from "@/db/schema";
import { migrateDatabase, openDatabase } from "@/db/client";
import { encryptJson, generateKey, getEncryptionKey } from "@/lib/crypto/secrets";
import { runSync } from "@/lib/sync/run-sync";
import { createPgDatabase } from "../helpers/db";
import { counts, ledgerSnapshot } from "../helpers/sync-snapshot";
import { startZendeskEmulator, type ZendeskEmulator } from "../emulators/zendesk";

/**
 * A Zendesk backfill killed with SIGKILL in the middle, then run again, ends exactly where a
 * clean run ends: no loss, no duplicates (PostgreSQL; the child process owns its connections).
 */

process.env.PODIUM_ENCRYPTION_KEY ??= generateKey();

async function prepare(emu: ZendeskEmulator) {
  const { url, drop } = await createPgDatabase("podium_zdkill");
  const h = await openDatabase({ kind: "postgres", url, max: 3 });
  await migrateDatabase(h);
  await h.db.insert(engineers).values(emu.account.agents.map((a, i) => ({ displayName: `E${i}`, email: a.email })));
  const [c] = await h.db
    .insert(connections)
    .values({
      kind: "zendesk",
      name: "Z",
      settings: { subdomain: "acme", apiBaseUrl: emu.url, backfillStart: "2000-01-01", pageSize: 20, exportLimitPerMinute: 1000 },
      credentialsEncrypted: encryptJson({ email: emu.account.email, apiToken: emu.account.apiToken }, getEncryptionKey()),
    })
    .returning();
  return { url, h, id: c!.id, drop };
}

test("postgres: a Zendesk backfill killed with SIGKILL mid-way, then resumed, equals a clean run", async () => {
  const emu = await startZendeskEmulator({ tickets: 300, seed: 9 });
  const clean = await prepare(emu);
  const killed = await prepare(emu);
  try {
    const cleanRun = await runSync(clean.h, clean.id, { trigger: "backfill", maxPages: 1000 });
    assert.equal(cleanRun.status, "succeeded", cleanRun.error ?? "");
    const expected = { counts: await counts(clean.h), ledger: await ledgerSnapshot(clean.h) };
    assert.equal(expected.counts.tickets, 300);

    const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/connection-sync-child.ts", killed.url, String(killed.id)], {
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let committed = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (b: Buffer) => {
        committed += (b.toString().match(/committed tickets/g) ?? []).length;
        if (committed >= 4) {
          child.kill("SIGKILL");
          resolve();
        }
        if (/done/.test(b.toString())) reject(new Error("the child finished before it was killed"));
      });
      child.on("error", reject);
    });
    await new Promise((r) => child.once("exit", r));
    const partial = await counts(killed.h);
    assert.ok(partial.tickets >= 80 && partial.tickets < 300, `killed after ${partial.tickets} tickets`);

    const resumed = await runSync(killed.h, killed.id, { trigger: "backfill", maxPages: 1000 });
    assert.equal(resumed.status, "succeeded", resumed.error ?? "");
    assert.deepEqual({ counts: await counts(killed.h), ledger: await ledgerSnapshot(killed.h) }, expected);
    const [interrupted] = await killed.h.query<{ n: number }>("select count(*)::int as n from sync_runs where error like 'Interrupted%'");
    assert.equal(interrupted!.n, 1, "the killed run is marked interrupted");
  } finally {
    for (const d of [clean, killed]) {
      await d.h.close();
      await d.drop();
    }
    await emu.close();
  }
});
