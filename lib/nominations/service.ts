import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { engineers, engineerSkillGroups, nominations, nominationWinners } from "@/db/schema";
import { AuthError, canManageTeam, requireViewer, type Viewer } from "@/lib/auth/policy";
import { periodContaining, previousPeriod, type PeriodKind } from "@/lib/periods";
import { periodTotals } from "@/lib/rollups/read";
import { METRIC_IDS, pickWinner, type NominationMetric } from "./metrics";

/** Nominations: leads define them from metrics; the job awards the last finished month/quarter/year. */

const OptionalId = z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable());

export const NominationInputSchema = z.object({
  name: z.string().trim().min(1, "Give the nomination a name.").max(80),
  metric: z.enum(METRIC_IDS as [NominationMetric, ...NominationMetric[]], { message: "Choose a metric." }),
  periodKind: z.enum(["month", "quarter", "year"], { message: "Choose month, quarter or year." }),
  minSample: z.coerce.number().int().min(0).max(100_000).default(0),
  /** Restrict candidates: a team (leads: their own), a line, a skill group. */
  teamId: OptionalId,
  lineId: OptionalId,
  skillGroupId: OptionalId,
});

export async function createNomination(db: Db, viewer: Viewer | null, input: z.infer<typeof NominationInputSchema>) {
  const v = requireViewer(viewer);
  if (v.role !== "admin" && !(v.role === "lead" && input.teamId !== null && canManageTeam(v, input.teamId))) {
    throw new AuthError(403, "Leads define nominations for their own team; admins for everyone.");
  }
  const [row] = await db
    .insert(nominations)
    .values({
      name: input.name,
      metric: input.metric,
      periodKind: input.periodKind,
      minSample: input.minSample,
      teamId: input.teamId,
      filter: { lineId: input.lineId, skillGroupId: input.skillGroupId },
      createdByUserId: v.userId,
    })
    .returning({ id: nominations.id });
  return { id: row!.id };
}

/** Awards every nomination for its last finished period (UTC). Idempotent: one winner per (nomination, period). */
export async function awardNominations(db: Db, now: Date): Promise<{ awarded: number }> {
  const all = await db.select().from(nominations);
  let awarded = 0;
  const cache = new Map<string, Awaited<ReturnType<typeof periodTotals>>>();
  for (const n of all) {
    const p = previousPeriod(periodContaining(n.periodKind as PeriodKind, now, "UTC"));
    const key = p.startDate + p.kind;
    if (!cache.has(key)) cache.set(key, await periodTotals(db, p.start, p.end));
    const totals = cache.get(key)!;
    const f = n.filter as { lineId?: number | null; skillGroupId?: number | null };
    const conds = [];
    if (n.teamId !== null) conds.push(eq(engineers.teamId, n.teamId));
    if (f.lineId) conds.push(eq(engineers.lineId, f.lineId));
    let ids = (await db.select({ id: engineers.id }).from(engineers).where(conds.length ? and(...conds) : undefined)).map((e) => e.id);
    if (f.skillGroupId) {
      const inSkill = new Set(
        (await db.select({ id: engineerSkillGroups.engineerId }).from(engineerSkillGroups).where(eq(engineerSkillGroups.skillGroupId, f.skillGroupId))).map((r) => r.id),
      );
      ids = ids.filter((id) => inSkill.has(id));
    }
    const candidates = ids.map((id) => totals.get(id)).filter((t) => t !== undefined);
    const w = pickWinner(candidates, n.metric as NominationMetric, n.minSample);
    if (!w) continue;
    const r = await db
      .insert(nominationWinners)
      .values({ nominationId: n.id, periodStart: p.startDate, engineerId: w.engineerId, value: w.value })
      .onConflictDoNothing()
      .returning({ id: nominationWinners.id });
    awarded += r.length;
  }
  return { awarded };
}

/** The honour board: every nomination with its winners, newest first. Any signed-in user. */
export async function getHonourBoard(db: Db, viewer: Viewer | null) {
  requireViewer(viewer);
  const noms = await db.select().from(nominations).orderBy(nominations.name);
  const winners = noms.length
    ? await db
        .select({
          nominationId: nominationWinners.nominationId,
          periodStart: nominationWinners.periodStart,
          engineerId: nominationWinners.engineerId,
          name: engineers.displayName,
          value: nominationWinners.value,
        })
        .from(nominationWinners)
        .innerJoin(engineers, eq(engineers.id, nominationWinners.engineerId))
        .where(inArray(nominationWinners.nominationId, noms.map((n) => n.id)))
        .orderBy(desc(nominationWinners.periodStart))
    : [];
  return noms.map((n) => ({ ...n, winners: winners.filter((w) => w.nominationId === n.id) }));
}
