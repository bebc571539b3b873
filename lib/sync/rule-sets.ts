import type { Db } from "@/db/client";
import { ruleSets } from "@/db/schema";
import { DEFAULT_RULES, RuleConfigSchema } from "@/lib/scoring/rules";
import type { RuleConfig } from "@/lib/scoring/types";

export type RuleVersion = { id: number; version: number; effectiveFrom: Date; config: RuleConfig };

/** All rule set versions, creating version 1 with the defaults (effective since ever) when there is none. */
export async function loadRuleVersions(db: Db): Promise<RuleVersion[]> {
  let rows = await db.select().from(ruleSets);
  if (rows.length === 0) {
    // Two processes may get here at once: the unique version makes the second insert a no-op.
    await db
      .insert(ruleSets)
      .values({ version: 1, name: "Default rules", config: DEFAULT_RULES, effectiveFrom: new Date(0) })
      .onConflictDoNothing();
    rows = await db.select().from(ruleSets);
  }
  return rows.map((r) => ({ id: r.id, version: r.version, effectiveFrom: r.effectiveFrom, config: RuleConfigSchema.parse(r.config) }));
}
