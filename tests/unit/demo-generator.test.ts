import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DAY,
  DEMO_CONTRACTOR,
  MAX_SPAN_MS,
  TICKETS_PER_DAY,
  generateTicket,
  type DemoTimeline,
} from "@/lib/connectors/demo/generator";
import { demoRoster } from "@/lib/connectors/demo/roster";
import { ratingAt, ticketAt } from "@/lib/connectors/demo/visible";

const ORIGIN = Date.parse("2025-01-01T00:00:00Z");
const DAYS = 60;
const all: DemoTimeline[] = Array.from({ length: DAYS * TICKETS_PER_DAY }, (_, k) => generateTicket(42, ORIGIN, k));
const SOLVED = new Set(["solved", "closed"]);
const firstSolve = (t: DemoTimeline) => t.events.find((e) => e.to === "solved");
const solved = all.filter((t) => firstSolve(t));
const share = (part: number, whole: number) => part / whole;
const cyrillic = /[\u0400-\u04FF]/;

test("the same seed gives the same tickets; another seed gives others", () => {
  for (const k of [0, 1, 500, 9999]) {
    assert.deepEqual(generateTicket(42, ORIGIN, k), generateTicket(42, ORIGIN, k));
  }
  const differs = [0, 1, 2, 3, 4].some((k) => JSON.stringify(generateTicket(42, ORIGIN, k)) !== JSON.stringify(generateTicket(43, ORIGIN, k)));
  assert.ok(differs);
});

test("about 170 tickets a day, every day, in creation order", () => {
  const perDay = new Map<number, number>();
  for (const t of all) perDay.set(Math.floor((t.createdAt - ORIGIN) / DAY), (perDay.get(Math.floor((t.createdAt - ORIGIN) / DAY)) ?? 0) + 1);
  for (let d = 0; d < DAYS; d++) {
    const n = perDay.get(d) ?? 0;
    assert.ok(n >= 160 && n <= 180, `day ${d}: ${n} tickets`);
  }
  for (let k = 1; k < all.length; k++) assert.ok(all[k]!.createdAt >= all[k - 1]!.createdAt);
});

test("every event lies within the ticket's span, in time order, from one status to the next", () => {
  for (const t of all) {
    assert.equal(t.events[0]!.at, t.createdAt);
    for (let i = 1; i < t.events.length; i++) {
      assert.ok(t.events[i]!.at > t.events[i - 1]!.at, `ticket ${t.id}`);
      assert.equal(t.events[i]!.from, t.events[i - 1]!.to);
    }
    const last = Math.max(t.events[t.events.length - 1]!.at, ...(t.rating?.versions.map((v) => v.updatedAt) ?? []));
    assert.ok(last - t.createdAt <= MAX_SPAN_MS, `ticket ${t.id} spans ${(last - t.createdAt) / DAY} days`);
  }
});

test("about a quarter of solved tickets are rated, mostly with five stars", () => {
  const rated = solved.filter((t) => t.rating);
  const r = share(rated.length, solved.length);
  assert.ok(r > 0.2 && r < 0.3, `rated share ${r}`);
  const first = rated.map((t) => t.rating!.versions[0]!.score);
  const fives = share(first.filter((s) => s === 5).length, first.length);
  const fours = share(first.filter((s) => s === 4).length, first.length);
  const low = share(first.filter((s) => s <= 3).length, first.length);
  assert.ok(fives > 0.65 && fives < 0.85, `five-star share ${fives}`);
  assert.ok(fours > 0.07 && fours < 0.2, `four-star share ${fours}`);
  assert.ok(low > 0.03 && low < 0.15, `1–3 share ${low}`);
  // Rated a few minutes to two days after the solve; some change their rating later.
  for (const t of rated) {
    const lag = t.rating!.ratedAt - firstSolve(t)!.at;
    assert.ok(lag >= 3 * 60_000 - 1000 && lag <= 2 * DAY, `rating lag ${lag}`);
  }
  const changed = rated.filter((t) => t.rating!.versions.length > 1);
  assert.ok(changed.length > 0 && changed.length < rated.length * 0.1);
  const commented = rated.filter((t) => t.rating!.versions[0]!.comment);
  assert.ok(commented.some((t) => cyrillic.test(t.rating!.versions[0]!.comment!)));
  assert.ok(commented.some((t) => !cyrillic.test(t.rating!.versions[0]!.comment!)));
});

test("about 5 % reopened inside a week, a few after it", () => {
  const reopenDelays = (t: DemoTimeline) => {
    const s = firstSolve(t)!.at;
    return t.events.filter((e) => e.from !== null && SOLVED.has(e.from) && e.to === "open").map((e) => e.at - s);
  };
  const inside = solved.filter((t) => reopenDelays(t).some((d) => d <= 7 * DAY));
  const after = solved.filter((t) => reopenDelays(t).some((d) => d > 7 * DAY));
  const r = share(inside.length, solved.length);
  assert.ok(r > 0.035 && r < 0.07, `reopen share ${r}`);
  assert.ok(after.length > 0 && share(after.length, solved.length) < 0.02, `late reopens ${after.length}`);
  // Each reopen is solved again.
  for (const t of [...inside, ...after]) assert.ok(SOLVED.has(t.events[t.events.length - 1]!.to));
});

test("about 10 % shared, 1–2 % deleted, merged or spam", () => {
  const shared = share(all.filter((t) => t.contributorsLate.length === 2).length, all.length);
  assert.ok(shared > 0.07 && shared < 0.13, `shared ${shared}`);
  const gone = share(all.filter((t) => t.deleted || t.merged || t.spam).length, all.length);
  assert.ok(gone >= 0.01 && gone <= 0.025, `deleted/merged/spam ${gone}`);
  for (const kind of ["deleted", "merged", "spam"] as const) assert.ok(all.some((t) => t[kind] !== null), kind);
});

test("tickets go mostly to the assignee's own skills on their line; about 15 % to another skill", () => {
  const roster = new Map(demoRoster().map((a) => [a.externalId, a]));
  let own = 0;
  let foreign = 0;
  for (const t of all) {
    const agent = t.assignee ? roster.get(t.assignee) : undefined;
    if (!agent) continue;
    const [, line, skill] = t.group.split("-");
    assert.equal(line, agent.lineCode);
    if (agent.skills.includes(Number(skill))) own++;
    else foreign++;
  }
  const r = share(foreign, own + foreign);
  assert.ok(r > 0.1 && r < 0.2, `foreign share ${r}`);
  assert.ok(all.some((t) => t.assignee === DEMO_CONTRACTOR.externalId), "a contractor who is no engineer");
});

test("subjects and names come in Latin and Cyrillic", () => {
  const ru = share(all.filter((t) => cyrillic.test(t.subject)).length, all.length);
  assert.ok(ru > 0.2 && ru < 0.4, `Cyrillic subjects ${ru}`);
  assert.ok(demoRoster().some((a) => cyrillic.test(a.name)));
});

test("a ticket shows only what happened by `now`", () => {
  const t = all.find((x) => x.rating && x.events.length >= 5)!;
  assert.equal(ticketAt(t, t.createdAt - 1), null);
  const atCreation = ticketAt(t, t.createdAt)!;
  assert.equal(atCreation.status, "new");
  assert.equal(atCreation.status_history.length, 1);
  assert.equal(atCreation.assignee_id, null);
  for (const e of t.events) {
    const seen = ticketAt(t, e.at)!;
    assert.equal(seen.updated_at, new Date(e.at).toISOString());
    assert.equal(seen.status, e.to);
    assert.ok(seen.status_history.every((h) => Date.parse(h.at) <= e.at));
  }
  const rated = t.rating!;
  assert.equal(ratingAt(t, rated.ratedAt - 1), null);
  assert.equal(ratingAt(t, rated.ratedAt)!.score, rated.versions[0]!.score);
  // Raw records are plain JSON, like an API's.
  const raw = ticketAt(t, t.events[t.events.length - 1]!.at)!;
  assert.deepEqual(JSON.parse(JSON.stringify(raw)), raw);
  assert.equal(typeof raw.created_at, "string");
});

test("a changed rating shows its new score only from its change on, same id", () => {
  const t = all.find((x) => x.rating && x.rating.versions.length > 1)!;
  const [v1, v2] = t.rating!.versions;
  const before = ratingAt(t, v2!.updatedAt - 1)!;
  const after = ratingAt(t, v2!.updatedAt)!;
  assert.equal(before.score, v1!.score);
  assert.equal(after.score, v2!.score);
  assert.equal(before.id, after.id);
  assert.ok(Date.parse(after.updated_at) > Date.parse(before.updated_at));
  assert.equal(after.created_at, before.created_at);
});
