import { test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import {
  connections,
  engineerIdentities,
  engineerSkillGroups,
  engineers,
  lines,
  pointsLedger,
  ratings,
  ruleSets,
  skillGroups,
  ticketContributors,
  ticketStatusEvents,
  tickets,
} from "@/db/schema";
import { RuleConfigSchema } from "@/lib/scoring/rules";
import { confirmDuePoints, rescoreAll, rescoreFrom, rescoreTickets } from "@/lib/sync/rescore";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";
import { ledgerSnapshot } from "../helpers/sync-snapshot";

/**
 * Late changes — a rating edited days later, a reopen found after the points were confirmed, a
 * reassignment, a "thank you" reopen, a new rule version effective from a date — applied in random
 * orders, rescoring incrementally after each, must leave exactly the ledger that rescoreAll builds
 * from scratch, and the same ledger whatever the order. Set SCORING_SEED to replay an order.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = new Date("2025-03-31T12:00:00Z");
const V2_FROM = new Date(NOW.getTime() - 12 * DAY);

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Fixture = { ticketId: (ext: string) => number; identity: (n: number) => number; connectionId: number };

/** 4 engineers (L1, L2, L2, L3), two skill groups, 40 tickets solved over 25 days, shared and rated ones. */
async function buildFixture(h: DbHandle): Promise<Fixture> {
  const db = h.db;
  const [conn] = await db.insert(connections).values({ kind: "demo", name: "Fixture desk" }).returning();
  const lineRows = await db.insert(lines).values([{ code: "L1", name: "First" }, { code: "L2", name: "Second" }, { code: "L3", name: "Third" }]).returning();
  const lineId = (code: string) => lineRows.find((l) => l.code === code)!.id;
  const sgs = await db.insert(skillGroups).values([{ name: "Export" }, { name: "Integrations" }]).returning();
  const engLines = ["L1", "L2", "L2", "L3"];
  const engRows = await db
    .insert(engineers)
    .values(engLines.map((l, i) => ({ displayName: `Eng ${i + 1}`, email: `eng${i + 1}@example.com`, lineId: lineId(l) })))
    .returning();
  await db.insert(engineerSkillGroups).values(engRows.map((e, i) => ({ engineerId: e.id, skillGroupId: sgs[i % 2]!.id })));
  const idRows = await db
    .insert(engineerIdentities)
    .values([
      ...engRows.map((e, i) => ({ connectionId: conn!.id, externalId: `agent-${i + 1}`, name: e.displayName, engineerId: e.id })),
      { connectionId: conn!.id, externalId: "agent-99", name: "Contractor", engineerId: null },
    ])
    .returning();
  await db.insert(ruleSets).values({ version: 1, name: "v1", config: RuleConfigSchema.parse({ creditMode: "by_replies" }), effectiveFrom: new Date(0) });

  for (let k = 0; k < 40; k++) {
    const solved = new Date(NOW.getTime() - (25 - (k % 25)) * DAY + (k % 7) * HOUR);
    const created = new Date(solved.getTime() - 5 * HOUR);
    const a = idRows[k % 4]!;
    const b = idRows[(k + 1) % 5]!;
    const shared = k % 3 === 0;
    const [t] = await db
      .insert(tickets)
      .values({
        connectionId: conn!.id,
        externalId: `T-${k}`,
        status: "solved",
        rawStatus: "solved",
        skillGroupId: sgs[k % 2]!.id,
        lineId: k % 5 === 0 ? null : lineId(engLines[k % 3]!),
        assigneeIdentityId: a.id,
        solverIdentityId: shared ? b.id : a.id,
        priority: k % 4 === 0 ? "urgent" : "normal",
        ticketType: k % 6 === 0 ? "incident" : "question",
        createdAtSource: created,
        updatedAtSource: solved,
        solvedAt: solved,
      })
      .returning();
    await db.insert(ticketStatusEvents).values([
      { ticketId: t!.id, seq: 0, at: created, fromStatus: null, toStatus: "new" },
      { ticketId: t!.id, seq: 1, at: new Date(created.getTime() + HOUR), fromStatus: "new", toStatus: "open" },
      { ticketId: t!.id, seq: 2, at: solved, fromStatus: "open", toStatus: "solved", publicAgentReply: true },
    ]);
    await db.insert(ticketContributors).values([
      { ticketId: t!.id, identityId: a.id, publicReplies: 1 + (k % 4), handleSeconds: k % 2 ? 600 + k * 10 : null },
      ...(shared && b.id !== a.id ? [{ ticketId: t!.id, identityId: b.id, publicReplies: 1 + (k % 3), handleSeconds: 900 }] : []),
    ]);
    if (k % 2 === 0) {
      const score = [5, 4, 3, 5, 2][k % 5]!;
      await db.insert(ratings).values({
        connectionId: conn!.id,
        externalId: `R-${k}`,
        ticketExternalId: `T-${k}`,
        ticketId: t!.id,
        scale: "one_to_five",
        rawValue: String(score),
        score,
        ratedAt: new Date(solved.getTime() + HOUR),
        updatedAtSource: new Date(solved.getTime() + HOUR),
      });
    }
  }
  const all = await db.select({ id: tickets.id, ext: tickets.externalId }).from(tickets);
  const byExt = new Map(all.map((t) => [t.ext, t.id]));
  return { ticketId: (ext) => byExt.get(ext)!, identity: (n) => idRows[n - 1]!.id, connectionId: conn!.id };
}

/** One late change: it alters stored data, then rescoring what it touched (the incremental path). */
type Change = { name: string; apply: (h: DbHandle, f: Fixture, now: Date) => Promise<void> };

const appendEvents = async (h: DbHandle, ticketId: number, evs: { offsetMs: number; from: "solved" | "open"; to: "solved" | "open"; reply: boolean }[]) => {
  const existing = await h.db.select().from(ticketStatusEvents).where(eq(ticketStatusEvents.ticketId, ticketId));
  const solve = existing.find((e) => e.toStatus === "solved")!.at.getTime();
  let seq = Math.max(...existing.map((e) => e.seq));
  await h.db.insert(ticketStatusEvents).values(
    evs.map((e) => ({ ticketId, seq: ++seq, at: new Date(solve + e.offsetMs), fromStatus: e.from, toStatus: e.to, publicAgentReply: e.reply })),
  );
};

const CHANGES: Change[] = [
  {
    name: "rating on T-2 edited from 3 to 1 days later",
    apply: async (h, f, now) => {
      await h.db.update(ratings).set({ rawValue: "1", score: 1, updatedAtSource: now }).where(eq(ratings.externalId, "R-2"));
      await rescoreTickets(h.db, [f.ticketId("T-2")], now);
    },
  },
  {
    name: "a first rating (five stars) arrives for T-3",
    apply: async (h, f, now) => {
      await h.db.insert(ratings).values({
        connectionId: f.connectionId, externalId: "R-3-late", ticketExternalId: "T-3", ticketId: f.ticketId("T-3"),
        scale: "one_to_five", rawValue: "5", score: 5, ratedAt: now, updatedAtSource: now,
      });
      await rescoreTickets(h.db, [f.ticketId("T-3")], now);
    },
  },
  {
    name: "T-0 (solved 25 days ago, confirmed) turns out to have been reopened on day 3",
    apply: async (h, f, now) => {
      await appendEvents(h, f.ticketId("T-0"), [
        { offsetMs: 3 * DAY, from: "solved", to: "open", reply: false },
        { offsetMs: 4 * DAY, from: "open", to: "solved", reply: true },
      ]);
      await rescoreTickets(h.db, [f.ticketId("T-0")], now);
    },
  },
  {
    name: "T-2 also reopened on day 1 (same ticket as the rating edit)",
    apply: async (h, f, now) => {
      await appendEvents(h, f.ticketId("T-2"), [{ offsetMs: DAY, from: "solved", to: "open", reply: false }]);
      await h.db.update(tickets).set({ status: "open", rawStatus: "open" }).where(eq(tickets.id, f.ticketId("T-2")));
      await rescoreTickets(h.db, [f.ticketId("T-2")], now);
    },
  },
  {
    name: "a \"thank you\" reopen on T-5, solved again 5 minutes later",
    apply: async (h, f, now) => {
      await appendEvents(h, f.ticketId("T-5"), [
        { offsetMs: 2 * DAY, from: "solved", to: "open", reply: false },
        { offsetMs: 2 * DAY + 5 * 60_000, from: "open", to: "solved", reply: false },
      ]);
      await rescoreTickets(h.db, [f.ticketId("T-5")], now);
    },
  },
  {
    name: "T-6 reassigned from engineer 3 to engineer 4 (assignee, solver, contributor)",
    apply: async (h, f, now) => {
      const id = f.ticketId("T-6");
      await h.db.update(tickets).set({ assigneeIdentityId: f.identity(4), solverIdentityId: f.identity(4) }).where(eq(tickets.id, id));
      await h.db.delete(ticketContributors).where(and(eq(ticketContributors.ticketId, id), eq(ticketContributors.identityId, f.identity(3))));
      await h.db.insert(ticketContributors).values({ ticketId: id, identityId: f.identity(4), publicReplies: 2, handleSeconds: 1200 }).onConflictDoNothing();
      await rescoreTickets(h.db, [id], now);
    },
  },
  {
    name: "rule version 2 (equal credit, unrated half, L2 worth 2) effective 12 days ago",
    apply: async (h, _f, now) => {
      await h.db.insert(ruleSets).values({
        version: 2,
        name: "v2",
        config: RuleConfigSchema.parse({ creditMode: "equal", unratedPolicy: "half", basePointsByLine: { L1: 0.5, L2: 2, L3: 3 }, reopenPenalty: -0.5 }),
        effectiveFrom: V2_FROM,
      });
      await rescoreFrom(h.db, V2_FROM, now);
    },
  },
];

const baseSeed = process.env.SCORING_SEED ? Number(process.env.SCORING_SEED) : Date.now() % 1_000_000;
const ORDERS = 3;

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: late changes in random orders, rescored incrementally, equal a rebuild from scratch`, async () => {
    let reference: string[] | null = null;
    for (let o = 0; o < ORDERS; o++) {
      const seed = baseSeed + o;
      const order = shuffle(CHANGES, mulberry32(seed));
      const why = `seed ${seed} (SCORING_SEED=${seed}): ${order.map((c) => c.name).join(" → ")}`;
      const h = await openTestDb(kind);
      try {
        const f = await buildFixture(h);
        // The first sync: everything scored a day before the changes, some points confirmed since.
        await rescoreAll(h.db, new Date(NOW.getTime() - DAY));
        await confirmDuePoints(h.db, NOW);
        let now = NOW;
        for (const change of order) {
          now = new Date(now.getTime() + HOUR);
          await change.apply(h, f, now);
          await confirmDuePoints(h.db, now);
        }
        const incremental = await ledgerSnapshot(h);
        await h.db.delete(pointsLedger);
        await rescoreAll(h.db, now);
        const rebuilt = await ledgerSnapshot(h);
        assert.deepEqual(incremental, rebuilt, `incremental ≠ rebuilt for ${why}`);
        if (reference) assert.deepEqual(rebuilt, reference, `another order gave another ledger: ${why}`);
        reference = rebuilt;
        // The changes did something: revoked rows, version 2 rows, a penalty.
        assert.ok(rebuilt.some((r) => r.includes('"state":"revoked"')), why);
        assert.ok(rebuilt.some((r) => r.includes('"version":2')) && rebuilt.some((r) => r.includes('"version":1')), why);
      } catch (e) {
        console.error(`scoring-rescore failed on ${kind} with ${why}`);
        throw e;
      } finally {
        await h.close();
      }
    }
  });
}
