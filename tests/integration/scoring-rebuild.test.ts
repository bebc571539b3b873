import assert from "node:assert/strict";
import { test } from "node:test";
import { asc } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbHandle } from "@/db/client";
import { aggregateSql } from "@/lib/rollups";
import { pointsLedger, syncRuns, tickets } from "@/db/schema";
import type { Viewer } from "@/lib/auth/policy";
import { computeWhatIf } from "@/lib/rules-editor/what-if";
import { forgetQuarterInput, quarterInput } from "@/lib/rules-editor/what-if-data";
import { DEFAULT_RULES, RuleConfigSchema } from "@/lib/scoring/rules";
import { rescoreAll } from "@/lib/sync/rescore";
import { rebuildLedger } from "@/lib/sync/rebuild";
import { runSync } from "@/lib/sync/run-sync";
import { loadScoringInput } from "@/lib/sync/scoring-input";
import { fromFirstSolve, loadScoringContext, loadTicketRange, loadTicketsByIds } from "@/lib/sync/scoring-range";
import postgres from "postgres";
import { openTestDb, TEST_DB_KINDS, TEST_PG_ADMIN_URL } from "../helpers/db";
import { TEST_NOW, createDemoOrg } from "../helpers/org";
import { ledgerSnapshot } from "../helpers/sync-snapshot";

/** Rollup rows as text, numerics at the table's scale, sorted: an exact comparison. */
async function rollupRows(h: Pick<DbHandle, "query">, from: string): Promise<string[]> {
  const rows = await h.query<{ r: string }>(
    `select concat_ws('|', engineer_id, day, points::numeric(14, 3), tickets, reopened, cross_skill, hard_points::numeric(14, 3),
       resolution_seconds, resolved, ratings, rating_sum::numeric(14, 2), five_stars, five_star_comments) as r from (${from}) x`,
  );
  return rows.map((x) => x.r).sort();
}

/** aggregateSql over the whole ledger as plain SQL text (it has no parameters in that scope). */
function aggregateText(): string {
  const q = new PgDialect().sqlToQuery(aggregateSql({ kind: "all" }));
  assert.equal(q.params.length, 0);
  return q.sql;
}

const admin: Viewer = { userId: 1, email: "a@example.com", name: "a", role: "admin", engineerId: null, teamId: null, locale: "en" };

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: the range loader reads the same scoring input as loadScoringInput; the rebuild keeps row ids and fails whole`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 10 });
      const run = await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
      assert.equal(run.status, "succeeded", run.error ?? "");

      // Same tickets, field for field, whichever loader.
      const ids = (await h.db.select({ id: tickets.id }).from(tickets).orderBy(asc(tickets.id))).map((r) => r.id);
      const byId = await loadScoringInput(h.db, ids);
      const ctx = await loadScoringContext(h.db);
      const ranged = await loadTicketRange(h.db, ctx, ids[0]!, ids[ids.length - 1]!);
      const sortById = <T extends { id: number }>(xs: T[]) => [...xs].sort((a, b) => a.id - b.id);
      // The lean loaders keep the history from the first solve on (fromFirstSolve).
      const normal = (t: (typeof ranged)[number]) => ({ ...t, events: fromFirstSolve(t.events), engineerIds: [...t.engineerIds].sort((a, b) => a - b) });
      assert.equal(ranged.length, ids.length);
      assert.deepEqual(sortById(ranged).map(normal), sortById(byId.tickets).map(normal));
      // …and the lean by-ids loader that sync pages score with (ids out of order, one missing).
      const some = ids.filter((_, i) => i % 3 !== 1).reverse();
      const lean = await loadTicketsByIds(h.db, ctx, [...some, 999_999_999]);
      assert.deepEqual(lean.map(normal), sortById(byId.tickets).filter((t) => some.includes(t.id)).map(normal));
      for (const [id, e] of byId.engineers) assert.deepEqual(ctx.engineers.get(id), e);

      // A rebuild over the synced ledger changes nothing and keeps every row id (disputes point at them).
      const before = await h.db.select({ id: pointsLedger.id, t: pointsLedger.ticketId, e: pointsLedger.engineerId }).from(pointsLedger).orderBy(asc(pointsLedger.id));
      const snap = await ledgerSnapshot(h);
      const r = await rescoreAll(h.db, TEST_NOW);
      assert.deepEqual([r.tickets, r.written, r.removed], [ids.length, 0, 0]);
      assert.deepEqual(await h.db.select({ id: pointsLedger.id, t: pointsLedger.ticketId, e: pointsLedger.engineerId }).from(pointsLedger).orderBy(asc(pointsLedger.id)), before);

      // Later "now": pending rows become confirmed through the merge, same ids.
      const later = new Date(TEST_NOW.getTime() + 30 * 86_400_000);
      const r2 = await rebuildLedger(h.db, later);
      assert.ok(r2.written > 0);
      assert.ok((await h.db.select().from(pointsLedger)).every((l) => l.state !== "pending"));
      assert.deepEqual((await h.db.select({ id: pointsLedger.id }).from(pointsLedger).orderBy(asc(pointsLedger.id))).map((x) => x.id), before.map((x) => x.id));

      // A rebuild that fails in its merge (a constraint the new rows break) leaves the ledger as it was.
      const mid = await ledgerSnapshot(h);
      await h.query("alter table points_ledger add constraint test_no_pending check (state <> 'pending') not valid");
      await assert.rejects(rebuildLedger(h.db, TEST_NOW, { range: 5 }), /test_no_pending/);
      await h.query("alter table points_ledger drop constraint test_no_pending");
      assert.deepEqual(await ledgerSnapshot(h), mid);
      assert.notDeepEqual(mid, snap);

      // Wiped and rebuilt from scratch: the same ledger the sync wrote incrementally.
      await h.query("delete from points_ledger");
      await rescoreAll(h.db, TEST_NOW, 7);
      assert.deepEqual(await ledgerSnapshot(h), snap);

      // The empty-ledger path (COPY straight in, indexes and foreign keys added back after): the
      // same ledger, and the same indexes and constraints as before.
      if (kind === "postgres") {
        // The rollups are swapped in with it (built on another connection meanwhile): same check.
        const shape = () =>
          h.query(`select (select string_agg(indexdef, '; ' order by indexname) from pg_indexes where tablename = 'points_ledger') as idx,
                          (select string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' order by conname) from pg_constraint where conrelid = 'points_ledger'::regclass) as cons,
                          (select string_agg(indexdef, '; ' order by indexname) from pg_indexes where tablename = 'engineer_day_stats') as stats_idx,
                          (select string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' order by conname) from pg_constraint where conrelid = 'engineer_day_stats'::regclass) as stats_cons`);
        const shapeBefore = await shape();
        await h.query("delete from points_ledger");
        await h.query("delete from engineer_day_stats");
        await rebuildLedger(h.db, TEST_NOW, { range: 7, direct: true });
        assert.deepEqual(await ledgerSnapshot(h), snap);
        assert.deepEqual(await shape(), shapeBefore);
        // Its rollups were summed while scoring, not aggregated from the table, and built on another
        // connection: the same rows, to the last digit, as the one SQL definition gives over the
        // rebuilt ledger.
        const [stored, scratch] = await Promise.all([rollupRows(h, "select * from engineer_day_stats"), rollupRows(h, aggregateText())]);
        assert.ok(stored.length > 20);
        const [covered] = await h.query<Record<string, boolean>>(
          `select bool_or(reopened > 0) as reopened, bool_or(cross_skill > 0) as cross_skill, bool_or(hard_points <> 0) as hard,
                  bool_or(resolution_seconds > 0) as resolution, bool_or(ratings > 0) as ratings,
                  (select bool_or(state = 'revoked') from points_ledger) as revoked
             from engineer_day_stats`,
        );
        assert.deepEqual(covered, { reopened: true, cross_skill: true, hard: true, resolution: true, ratings: true, revoked: true });
        assert.deepEqual(stored, scratch);
        // It was a fresh table that took the ledger's place: no table left behind, the id sequence
        // and the disputes key moved to it, new ids above the rebuilt ones.
        const [moved] = await h.query<Record<string, unknown>>(`
          select (select count(*)::int from pg_class where relname similar to '(points_ledger|engineer_day_stats)(_retired%|_next)') as leftovers,
                 pg_get_serial_sequence('points_ledger', 'id') is not null as owned,
                 (select confrelid = 'points_ledger'::regclass from pg_constraint where conname = 'disputes_ledger_id_points_ledger_id_fk') as disputes_key,
                 (select max(id) from points_ledger)::float8 < nextval(pg_get_serial_sequence('points_ledger', 'id'))::float8 as ids_above`);
        assert.deepEqual(moved, { leftovers: 0, owned: true, disputes_key: true, ids_above: true });
        await h.query("insert into disputes (ledger_id, comment) select max(id), 'after the swap' from points_ledger");
        await assert.rejects(h.query("insert into disputes (ledger_id, comment) values (-1, 'no such row')"), /foreign key/);
        await h.query("delete from points_ledger where id = (select max(ledger_id) from disputes)");
        assert.equal((await h.query<{ n: number }>("select count(*)::int as n from disputes"))[0]!.n, 0);

        // A fresh-table rebuild that fails (a constraint the new rows break) leaves the ledger and
        // the rollups as they were; the rollups' next table that the other connection committed
        // meanwhile is replaced by the next rebuild.
        await h.query("delete from points_ledger");
        const statsBefore = await rollupRows(h, "select * from engineer_day_stats");
        await h.query("alter table points_ledger add constraint test_no_pending check (state <> 'pending') not valid");
        await assert.rejects(rebuildLedger(h.db, TEST_NOW, { range: 7, direct: true }), /test_no_pending/);
        await h.query("alter table points_ledger drop constraint test_no_pending");
        assert.equal((await h.query<{ n: number }>("select count(*)::int as n from points_ledger"))[0]!.n, 0);
        assert.deepEqual(await rollupRows(h, "select * from engineer_day_stats"), statsBefore);
        await rebuildLedger(h.db, TEST_NOW, { range: 7, direct: true });
        assert.deepEqual(await ledgerSnapshot(h), snap);
        assert.deepEqual(await rollupRows(h, "select * from engineer_day_stats"), scratch);
        assert.deepEqual(await shape(), shapeBefore);

        // A reader holding disputes that then reads the ledger, while the swap waits for disputes:
        // the swap backs off (lock_timeout, retry) instead of deadlocking; the reader sees the old ledger.
        const [{ d }] = await h.query<{ d: string }>("select current_database() as d");
        const url = new URL(TEST_PG_ADMIN_URL);
        url.pathname = `/${d}`;
        const reader = postgres(url.toString(), { max: 1, onnotice: () => {} });
        try {
          await h.query("delete from points_ledger");
          let release!: () => void;
          const held = new Promise<void>((r) => (release = r));
          const read = reader.begin(async (r) => {
            await r`select count(*) from disputes`;
            await held;
            return (await r`select count(*)::int as n from points_ledger`)[0]!.n as number;
          });
          const rebuilt = rebuildLedger(h.db, TEST_NOW, { range: 7, direct: true });
          for (let waited = 0; ; waited += 20) {
            const [{ n }] = await h.query<{ n: number }>("select count(*)::int as n from pg_locks where not granted and relation = 'disputes'::regclass");
            if (n > 0 || waited > 30_000) break;
            await new Promise((r) => setTimeout(r, 20));
          }
          release();
          assert.equal(await read, 0);
          await rebuilt;
          assert.deepEqual(await ledgerSnapshot(h), snap);
        } finally {
          await reader.end();
        }
      }
    } finally {
      await h.close();
    }
  });

  test(`${kind}: the what-if quarter stays in memory until a sync run or a rule version changes the data`, async () => {
    const h = await openTestDb(kind);
    try {
      forgetQuarterInput();
      const org = await createDemoOrg(h.db, { historyDays: 10 });
      const run = await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 });
      assert.equal(run.status, "succeeded", run.error ?? "");
      const config = RuleConfigSchema.parse({ ...DEFAULT_RULES, crossSkillMultiplier: 3 });
      const args = { config, effectiveFrom: new Date("2025-01-01T00:00:00Z"), now: TEST_NOW };
      const first = await computeWhatIf(h.db, admin, args);
      assert.ok(first.ticketsScored > 0);
      const start = first.period.start;
      const end = first.period.end;
      assert.equal((await quarterInput(h.db, start, end)).cached, true);
      const again = await computeWhatIf(h.db, admin, args);
      assert.deepEqual(again.rows, first.rows);
      // A new sync run (even one still running) means new data: read again.
      await h.db.insert(syncRuns).values({ connectionId: org.connectionId, trigger: "manual", status: "running" } as typeof syncRuns.$inferInsert);
      assert.equal((await quarterInput(h.db, start, end)).cached, false);
      assert.equal((await quarterInput(h.db, start, end)).cached, true);
    } finally {
      forgetQuarterInput();
      await h.close();
    }
  });
}
