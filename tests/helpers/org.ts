import type { Db } from "@/db/client";
import { installDemoOrganisation, type DemoOrganisation } from "@/lib/connectors/demo/setup";

/** A fixed "now" for tests, so generated demo data and scores never depend on the clock. */
export const TEST_NOW = new Date("2025-03-01T12:00:00.000Z");

/** The demo organisation (seed 42) in a test database; history starts `historyDays` before `now`. */
export function createDemoOrg(db: Db, opts: { now?: Date; historyDays?: number; seed?: number } = {}): Promise<DemoOrganisation> {
  return installDemoOrganisation(db, { now: opts.now ?? TEST_NOW, historyDays: opts.historyDays ?? 20, seed: opts.seed ?? 42 });
}
