import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { SIZES, buildOrg, generateTicket, makeContext, type SizeSpec } from "@/scripts/gen/model";
import { ticketLines } from "@/scripts/gen/write";

/** The benchmark workload generator on a tiny size: deterministic, and in the proportions M promises. */

const TINY: SizeSpec = { ...SIZES.M, name: "tiny", teams: 4, engineers: 40, skills: 6, tickets: 20_000 };
const ANCHOR = Date.UTC(2026, 0, 1);

function digest(seed: number, n = TINY.tickets): string {
  const ctx = makeContext(seed, TINY, ANCHOR);
  const h = createHash("sha256");
  for (let k = 0; k < n; k++) {
    const out = { tickets: [], ticket_status_events: [], ticket_contributors: [], ratings: [] } as Record<string, string[]>;
    ticketLines(generateTicket(ctx, k), 1, out as never);
    for (const lines of Object.values(out)) h.update(lines.join(""));
  }
  return h.digest("hex");
}

test("the same seed gives the same rows; another seed gives others", () => {
  assert.equal(digest(7, 3000), digest(7, 3000));
  assert.notEqual(digest(7, 3000), digest(8, 3000));
  // A ticket does not depend on which others were generated before it (chunking is free).
  const a = makeContext(7, TINY, ANCHOR);
  const b = makeContext(7, TINY, ANCHOR);
  generateTicket(b, 1);
  assert.deepEqual(generateTicket(a, 1234), generateTicket(b, 1234));
});

test("proportions: rated, reopened inside 7 days, shared; everything before the anchor", () => {
  const ctx = makeContext(3, TINY, ANCHOR);
  let ratings = 0;
  let five = 0;
  let reopenedIn7 = 0;
  let thanks = 0;
  let shared = 0;
  let flagged = 0;
  let lastSolve = 0;
  for (let k = 0; k < TINY.tickets; k++) {
    const t = generateTicket(ctx, k);
    ratings += t.ratings.length;
    five += t.ratings.filter((r) => r.score === 5).length;
    if (t.contributors.length > 1) shared++;
    if (t.merged || t.deleted || t.spam) flagged++;
    if (t.story === "thanks") thanks++;
    // A reopen (solved/closed → open) within 7 days of the first solve.
    const solved = t.events.find((e) => e.to === "solved");
    if (solved && t.events.some((e) => e.from === "solved" && e.to === "open" && e.at - solved.at <= 7 * 86_400_000)) reopenedIn7++;
    for (const e of t.events) assert.ok(e.at < ANCHOR, `ticket ${t.id}: an event after the anchor`);
    for (const r of t.ratings) assert.ok(r.ratedAt < ANCHOR);
    for (let i = 1; i < t.events.length; i++) assert.ok(t.events[i]!.at > t.events[i - 1]!.at, "events in order");
    assert.equal(t.status, t.events[t.events.length - 1]!.to);
    if (t.solvedAt !== null) lastSolve = Math.max(lastSolve, t.solvedAt);
  }
  const n = TINY.tickets;
  const share = (x: number) => x / n;
  // M: 300,000 ratings per 1,000,000 tickets, mostly 5s.
  assert.ok(share(ratings) > 0.27 && share(ratings) < 0.33, `rated share ${share(ratings)}`);
  assert.ok(five / ratings > 0.7, `five-star share ${five / ratings}`);
  assert.ok(share(reopenedIn7) > 0.035 && share(reopenedIn7) < 0.07, `reopen share ${share(reopenedIn7)}`);
  assert.ok(share(thanks) > 0.005 && share(thanks) < 0.025, `thank-you share ${share(thanks)}`);
  assert.ok(share(shared) > 0.07 && share(shared) < 0.13, `shared share ${share(shared)}`);
  assert.ok(share(flagged) > 0.005 && share(flagged) < 0.03, `merged/deleted/spam share ${share(flagged)}`);
  assert.ok(lastSolve > ANCHOR - 2 * 86_400_000, "solves run up to the anchor");
});

test("the organisation: lines, skills, Latin and Cyrillic names, unique emails", () => {
  const org = buildOrg(1, SIZES.M);
  assert.equal(org.teams.length, 15);
  assert.equal(org.engineers.length, 500);
  assert.ok(org.skills.length >= 5 && org.skills.length <= 8);
  assert.deepEqual(new Set(org.engineers.map((e) => e.lineCode)), new Set(["L1", "L2", "L3"]));
  assert.ok(org.engineers.some((e) => /[А-я]/.test(e.name)) && org.engineers.some((e) => /^[A-Za-z]/.test(e.name)));
  assert.equal(new Set(org.engineers.map((e) => e.email.toLowerCase())).size, 500);
  assert.ok(org.engineers.every((e) => /^[a-z0-9.]+@bench\.podium\.test$/.test(e.email)));
});
