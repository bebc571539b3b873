import { test } from "node:test";
import assert from "node:assert/strict";
import { createDemoConnector } from "@/lib/connectors/demo/connector";
import { DAY, HOUR, INTERVAL_MS, MAX_SPAN_MS, generateTicket } from "@/lib/connectors/demo/generator";
import { ratingUpdatedAt, ticketUpdatedAt } from "@/lib/connectors/demo/visible";
import { decodeCursor, encodeCursor, scanWindow } from "@/lib/connectors/demo/window";
import type { Connector } from "@/lib/connectors/types";
import { createConnector } from "@/lib/connectors/registry";

const START = "2025-01-01";
const ORIGIN = Date.parse(START);
const demo = (settings: Record<string, unknown> = {}) =>
  createDemoConnector({ id: 1, kind: "demo", settings: { seed: 7, historyStart: START, ...settings }, credentials: null });

type Rec = { id: string; updated_at: string };

/** Follows a stream with `now` moving forward between every call, as the scheduled sync does. */
async function follow(fetch: Connector["fetchTickets"], nows: Date[]): Promise<Rec[][]> {
  const pages: Rec[][] = [];
  let cursor: string | null = null;
  for (let now of nows) {
    for (;;) {
      const page = await fetch(cursor, { now });
      pages.push(page.records as Rec[]);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
      now = new Date(now.getTime() + 7 * 60_000); // time passes while we page
    }
  }
  return pages;
}

for (const stream of ["tickets", "ratings"] as const) {
  test(`${stream}: paging with a moving now never repeats a version and ends on the current state`, async () => {
    const c = demo({ pageSize: 60 });
    const fetch = stream === "tickets" ? c.fetchTickets.bind(c) : c.fetchRatings.bind(c);
    const nows = Array.from({ length: 25 }, (_, i) => new Date(ORIGIN + 2 * HOUR + i * 13 * HOUR));
    const pages = await follow(fetch, nows);
    const versions = new Set<string>();
    const latest = new Map<string, string>();
    let prev = "";
    for (const page of pages) {
      for (const r of page) {
        const key = `${r.id}@${r.updated_at}`;
        assert.ok(!versions.has(key), `repeated ${key}`);
        versions.add(key);
        const pos = `${r.updated_at}|${r.id}`;
        assert.ok(pos > prev, `out of order: ${pos} after ${prev}`);
        prev = pos;
        latest.set(r.id, r.updated_at);
      }
    }
    // Whatever changed while we paged, we hold the state at the last `now`... or a later one.
    const lastNow = nows[nows.length - 1]!.getTime();
    let expected = 0;
    for (let k = 0; ; k++) {
      const t = generateTicket(7, ORIGIN, k);
      if (t.createdAt > lastNow) break;
      const at = stream === "tickets" ? ticketUpdatedAt(t, lastNow) : ratingUpdatedAt(t, lastNow);
      if (at === null) continue;
      expected++;
      const id = stream === "tickets" ? t.id : t.rating!.id;
      const seen = latest.get(id);
      assert.ok(seen !== undefined, `${stream} ${id} was skipped`);
      assert.ok(Date.parse(seen) >= at, `${stream} ${id}: have ${seen}, state at the end is ${new Date(at).toISOString()}`);
    }
    assert.ok(expected > (stream === "tickets" ? 1500 : 300), `${expected} ${stream}`);
    assert.ok(latest.size >= expected);
  });
}

test("pages are full until the end, and the same call gives the same page", async () => {
  const c = demo({ pageSize: 100 });
  const now = new Date(ORIGIN + 10 * DAY);
  const a = await c.fetchTickets(null, { now });
  const b = await demo({ pageSize: 100 }).fetchTickets(null, { now });
  assert.deepEqual(a, b);
  assert.equal(a.records.length, 100);
  assert.equal(a.hasMore, true);
  let cursor: string | null = a.nextCursor;
  let total = a.records.length;
  for (;;) {
    const p = await c.fetchTickets(cursor, { now });
    total += p.records.length;
    if (!p.hasMore) {
      // Asking again at the same moment: nothing new, the cursor stays.
      const again = await c.fetchTickets(p.nextCursor, { now });
      assert.deepEqual(again.records, []);
      assert.equal(again.nextCursor, p.nextCursor);
      break;
    }
    assert.equal(p.records.length, 100);
    cursor = p.nextCursor;
  }
  let created = 0;
  while (generateTicket(7, ORIGIN, created).createdAt <= now.getTime()) created++;
  assert.equal(total, created);
});

test("a page looks only at the indexes that can have changed since the cursor", () => {
  let looked = 0;
  const now = ORIGIN + 80 * DAY;
  const created = (k: number) => ORIGIN + k * INTERVAL_MS;
  const from = { t: ORIGIN + 70 * DAY, id: "" };
  const { items } = scanWindow({
    from,
    now,
    pageSize: 500,
    firstIndex: Math.floor((from.t - MAX_SPAN_MS - ORIGIN) / INTERVAL_MS) - 1,
    createdAt: created,
    positionOf: (k) => {
      looked++;
      return { t: created(k) + 2 * DAY, id: String(k) };
    },
  });
  assert.equal(items.length, 500);
  // The 15-day span before the cursor, the 2-day lag and about a page, not 80 days of history.
  const bound = (MAX_SPAN_MS + 2 * DAY) / INTERVAL_MS + 2 * 500;
  assert.ok(looked < bound, `looked at ${looked}, bound ${bound}`);
  assert.ok(looked < (80 * DAY) / INTERVAL_MS / 3);
});

test("cursors round-trip; a foreign cursor is refused in plain words", () => {
  const p = { t: Date.parse("2025-02-03T04:05:06.789Z"), id: "100123" };
  assert.deepEqual(decodeCursor(encodeCursor(p)), p);
  assert.equal(decodeCursor(encodeCursor(null)), null);
  assert.equal(decodeCursor(null), null);
  assert.throws(() => decodeCursor("page=2"), /not one this connector handed out/);
});

test("normalising: good records become source shapes; bad ones say what is wrong", async () => {
  const c = demo();
  const now = new Date(ORIGIN + 20 * DAY);
  const page = await c.fetchTickets(null, { now });
  const t = c.normalizeTicket(page.records[0]);
  assert.ok(t.createdAt instanceof Date && t.updatedAt instanceof Date);
  assert.equal(t.events[0]!.to, "new");
  const raw = page.records[0] as Record<string, unknown>;
  assert.throws(() => c.normalizeTicket({ ...raw, created_at: "soon" }), (e: Error) => e.message.includes(`Ticket ${raw.id} is malformed`) && e.message.includes("created_at"));
  assert.throws(() => c.normalizeTicket({ ...raw, status: "archived" }), /unknown status "archived"/);
  assert.throws(() => c.normalizeTicket("not an object"), /Ticket is malformed/);
  const ratings = await c.fetchRatings(null, { now });
  const r = c.normalizeRating(ratings.records[0]);
  assert.equal(r.scale, "one_to_five");
  assert.throws(() => c.normalizeRating({ ...(ratings.records[0] as object), score: 9 }), /Rating \d+ is malformed: score/);
  const dir = await c.fetchDirectory({ now });
  assert.equal(dir.agents.map((a) => c.normalizeAgent(a)).length, 61);
  assert.equal(dir.groups.map((g) => c.normalizeGroup(g)).length, 15);
  assert.throws(() => c.normalizeAgent({ id: "x", name: "", email: "nope", role: "agent", group_ids: [] }), /Agent x is malformed/);
});

test("the malformedEvery fault spoils exactly every Nth ticket record", async () => {
  const c = demo({ faults: { malformedEvery: 10 } });
  const page = await c.fetchTickets(null, { now: new Date(ORIGIN + 20 * DAY) });
  const bad = page.records.filter((r) => {
    try {
      c.normalizeTicket(r);
      return false;
    } catch (e) {
      assert.match((e as Error).message, /^Ticket \d+ is malformed: (created_at|status)/);
      return true;
    }
  });
  for (const r of bad) assert.equal((Number(c.externalIdOf(r)) - 100_000 + 1) % 10, 0);
  assert.ok(bad.length >= 40 && bad.length <= 60, `${bad.length} spoiled of ${page.records.length}`);
});

test("settings and kinds are checked with clear errors", () => {
  assert.throws(() => createDemoConnector({ id: 1, kind: "demo", settings: { seed: 1 }, credentials: null }), /settings are invalid: historyStart/);
  assert.throws(() => createConnector({ id: 3, kind: "kayako", settings: {}, credentials: null }), /kind "kayako", which this version of Podium cannot sync \(known kinds: demo(, [a-z]+)*\)/);
  assert.equal(createConnector({ id: 3, kind: "demo", settings: { seed: 1, historyStart: START }, credentials: null }).kind, "demo");
});
