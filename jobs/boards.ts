import type { DbHandle } from "@/db/client";
import { recordCrowns } from "@/lib/crowns/record";
import { awardNominations } from "@/lib/nominations/service";
import { rebuildRollups } from "@/lib/rollups";

/** Crown holders of the running week/month/quarter, and the last period's made final. Idempotent. */
export async function crownsJob(handle: DbHandle, now: Date): Promise<Record<string, unknown>> {
  // An installation upgraded to rollups has a ledger but no rollups yet: build them once first.
  const [r] = await handle.query<{ missing: boolean }>(
    "select (not exists (select 1 from engineer_day_stats)) and exists (select 1 from points_ledger) as missing",
  );
  if (r?.missing) await handle.db.transaction((tx) => rebuildRollups(tx));
  return { ...(await recordCrowns(handle.db, now)), rebuiltRollups: Boolean(r?.missing) };
}

/** Nightly: rollups recomputed from scratch (repairs what a ticket rescore cannot see: skill membership, an edited rating's old day). */
export async function rebuildRollupsJob(handle: DbHandle): Promise<Record<string, unknown>> {
  const t0 = Date.now();
  await handle.db.transaction((tx) => rebuildRollups(tx));
  return { ms: Date.now() - t0 };
}

/** Winners of the last finished month / quarter / year for every nomination (one per period, idempotent). */
export async function nominationsJob(handle: DbHandle, now: Date): Promise<Record<string, unknown>> {
  return awardNominations(handle.db, now);
}
