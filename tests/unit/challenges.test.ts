import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateChallenge, median } from "@/lib/challenges/evaluate";
import type { DayFacts } from "@/lib/challenges/types";

const day = (date: string, over: Partial<DayFacts>): DayFacts => ({ date, ratings: 0, ratingSum: 0, fiveStars: 0, points: 0, solved: 0, reopened: 0, resolutionHours: [], custom: 0, ...over });

test("burn-up: one point per day, actual up to today, pace to the goal, projection from today to the end", () => {
  const e = evaluateChallenge(
    { metric: "points", target: 100, minCount: 0, periodStart: "2026-11-01", periodEnd: "2026-11-10" },
    [day("2026-11-01", { points: 10 }), day("2026-11-03", { points: 20 }), day("2026-11-04", { points: 10 })],
    "2026-11-04",
  );
  assert.equal(e.series.length, 10);
  assert.deepEqual(e.series.map((p) => p.actual), [10, 10, 30, 40, null, null, null, null, null, null]);
  assert.deepEqual(e.series.map((p) => p.pace), [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  // 40 in 4 days: 10 a day, so 100 on the last day.
  assert.deepEqual(e.series.map((p) => p.projection), [null, null, null, 40, 50, 60, 70, 80, 90, 100]);
  assert.equal(e.projected, 100);
  assert.equal(e.daysLeft, 6);
  assert.equal(e.state, "on_track");
});

test("burn-up for an average counts ratings towards the minimum and carries the running average", () => {
  const e = evaluateChallenge(
    { metric: "avg_csat", target: 4.8, minCount: 4, periodStart: "2026-11-01", periodEnd: "2026-11-04" },
    [day("2026-11-01", { ratings: 1, ratingSum: 5 }), day("2026-11-02", { ratings: 1, ratingSum: 4 })],
    "2026-11-02",
  );
  assert.deepEqual(e.series.map((p) => p.actual), [1, 2, null, null]);
  assert.deepEqual(e.series.map((p) => p.value), [5, 4.5, null, null]);
  assert.deepEqual(e.series.map((p) => p.pace), [1, 2, 3, 4]);
  assert.equal(e.state, "at_risk"); // 4.5 < 4.8
});

test("before the period starts nothing has elapsed and nothing is projected", () => {
  const e = evaluateChallenge({ metric: "five_star_count", target: 5, minCount: 0, periodStart: "2026-12-01", periodEnd: "2026-12-31" }, [], "2026-11-20");
  assert.equal(e.daysElapsed, 0);
  assert.equal(e.daysLeft, 31);
  assert.ok(e.series.every((p) => p.actual === null && p.projection === null));
});

test("median of even and odd counts", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.equal(median([]), null);
});

test("contributors: a shared ticket's rating is split by share and names the co-workers", async () => {
  const { buildContributors, describeContributor } = await import("@/lib/challenges/contributors");
  const cs = buildContributors(
    [
      { ratingId: 1, score: 5, ticketRef: "812", engineerId: 1, name: "Anna", inScope: true, share: 0.5 },
      { ratingId: 1, score: 5, ticketRef: "812", engineerId: 2, name: "Boris", inScope: true, share: 0.5 },
      { ratingId: 2, score: 5, ticketRef: "815", engineerId: 1, name: "Anna", inScope: true, share: 1 },
      { ratingId: 3, score: 4, ticketRef: "820", engineerId: 3, name: "Other team", inScope: false, share: 1 },
    ],
    [{ engineerId: 2, name: "Boris", points: 12 }],
  );
  assert.deepEqual(cs.map((c) => [c.name, c.ratings, c.fiveStars, c.points]), [["Anna", 1.5, 1.5, 0], ["Boris", 0.5, 0.5, 12]]);
  assert.equal(describeContributor(cs[0]!), "Anna: 1.5 ratings (#812 ★5 shared, 50 % with Boris 50 %; #815 ★5)");
  assert.equal(describeContributor(cs[1]!), "Boris: 0.5 ratings (#812 ★5 shared, 50 % with Anna 50 %), 12 points");
});
