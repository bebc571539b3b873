import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  csatLowerBound,
  csatStanding,
  csatToProportion,
  MIN_CSAT_SAMPLE,
  rankBy,
  wilsonLowerBound,
  withOwnRow,
} from "@/lib/ranking";

type Row = { id: number; name: string; points: number };
const rows: Row[] = [
  { id: 1, name: "Anna", points: 12 },
  { id: 2, name: "Борис", points: 30 },
  { id: 3, name: "Chen", points: 30 },
  { id: 4, name: "Dmitri", points: 7.5 },
  { id: 5, name: "Eve", points: 12 },
  { id: 6, name: "Fatima", points: 0 },
];

describe("rankBy", () => {
  test("ties share a rank and the next rank skips (1, 1, 3)", () => {
    const ranked = rankBy(rows, (r) => r.points, { tieBreak: (a, b) => a.id - b.id });
    assert.deepEqual(
      ranked.map((r) => [r.name, r.rank, r.crown]),
      [
        ["Борис", 1, true],
        ["Chen", 1, true],
        ["Anna", 3, false],
        ["Eve", 3, false],
        ["Dmitri", 5, false],
        ["Fatima", 6, false],
      ],
    );
  });

  test("every rank-1 row is crowned; nobody is crowned for zero or less", () => {
    assert.deepEqual(
      rankBy([{ v: 0 }, { v: 0 }], (r) => r.v).map((r) => [r.rank, r.crown]),
      [
        [1, false],
        [1, false],
      ],
    );
    assert.deepEqual(
      rankBy([{ v: -0.5 }, { v: -1 }], (r) => r.v).map((r) => [r.rank, r.crown]),
      [
        [1, false],
        [2, false],
      ],
    );
    assert.deepEqual(rankBy([], (r: { v: number }) => r.v), []);
  });

  test("float sums that are equal in decimal tie", () => {
    const ranked = rankBy([{ v: 0.1 + 0.2 }, { v: 0.3 }, { v: 0.2 }], (r) => r.v);
    assert.deepEqual(ranked.map((r) => r.rank), [1, 1, 3]);
  });

  test("does not change the input", () => {
    const copy = structuredClone(rows);
    rankBy(rows, (r) => r.points);
    assert.deepEqual(rows, copy);
  });
});

describe("withOwnRow", () => {
  const many = rankBy(
    Array.from({ length: 15 }, (_, i) => ({ id: i + 1, points: 100 - i * 5 })),
    (r) => r.points,
  );

  test("own row outside the top is returned beside it", () => {
    const r = withOwnRow(many, 10, 13);
    assert.equal(r.top.length, 10);
    assert.deepEqual(r.top.map((x) => x.id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(r.own?.id, 13);
    assert.equal(r.own?.rank, 13);
    assert.equal(r.ownInTop, false);
  });

  test("own row inside the top", () => {
    const r = withOwnRow(many, 10, 4);
    assert.equal(r.ownInTop, true);
    assert.equal(r.own?.rank, 4);
  });

  test("no own row: anonymous-to-the-board viewers and unknown ids", () => {
    assert.deepEqual(withOwnRow(many, 3, null), { top: many.slice(0, 3), own: null, ownInTop: false });
    assert.equal(withOwnRow(many, 3, 99).own, null);
  });

  test("a custom id accessor and a board shorter than N", () => {
    const r = withOwnRow([{ engineerId: 7 }, { engineerId: 8 }], 10, 8, (x) => x.engineerId);
    assert.equal(r.top.length, 2);
    assert.deepEqual(r.own, { engineerId: 8 });
    assert.equal(r.ownInTop, true);
  });
});

describe("Wilson lower bound", () => {
  // By hand, z = 1.96, z² = 3.8415:
  //   2/2:   (1 + 3.8415/4 − 1.96·√(3.8415/16)) / (1 + 3.8415/2)   = 1 / 2.9207  = 0.3424
  //   98/100: (0.98 + 0.019207 − 1.96·√(0.000196 + 0.00009604)) / 1.038415 = 0.96542/1.038415 = 0.9297 ≈ 0.9300
  test("known values", () => {
    assert.ok(Math.abs(wilsonLowerBound(2, 2) - 0.3424) < 1e-4);
    assert.ok(Math.abs(wilsonLowerBound(98, 100) - 0.93) < 1e-3);
    assert.ok(Math.abs(wilsonLowerBound(5, 5) - 0.5655) < 1e-4);
    assert.equal(wilsonLowerBound(0, 0), 0);
    assert.equal(wilsonLowerBound(0, 10), 0);
  });

  test("2 out of 2 never outranks 98 out of 100", () => {
    assert.ok(wilsonLowerBound(2, 2) < wilsonLowerBound(98, 100));
  });

  test("CSAT on 1–5: a proportion and a conservative average", () => {
    assert.equal(csatToProportion(1), 0);
    assert.equal(csatToProportion(5), 1);
    assert.equal(csatToProportion(4), 0.75);
    // 2 ratings of 5: 1 + 4 × 0.3424 = 2.37; 100 ratings averaging 4.92 (p = 0.98): 1 + 4 × 0.93 = 4.72.
    assert.ok(Math.abs(csatLowerBound(5, 2) - 2.3695) < 1e-3);
    assert.ok(Math.abs(csatLowerBound(4.92, 100) - 4.72) < 1e-3);
    assert.ok(csatLowerBound(5, 2) < csatLowerBound(4.92, 100));
    // 2 ratings of 2 (p = 0.25, n = 2): far below.
    assert.ok(csatLowerBound(2, 2) < 1.2);
    assert.equal(csatLowerBound(5, 0), 1);
  });

  test("csatStanding: minimum sample, raw average kept, handicap added to the score", () => {
    assert.equal(MIN_CSAT_SAMPLE, 5);
    const small = csatStanding(10, 2);
    assert.deepEqual(small, { average: 5, count: 2, eligible: false, score: null });
    const none = csatStanding(0, 0);
    assert.deepEqual(none, { average: null, count: 0, eligible: false, score: null });
    const big = csatStanding(492, 100, { handicap: 0.1 });
    assert.equal(big.average, 4.92);
    assert.equal(big.eligible, true);
    assert.ok(Math.abs(big.score! - (csatLowerBound(4.92, 100) + 0.1)) < 1e-12);
    assert.equal(csatStanding(20, 5).eligible, true);
    assert.equal(csatStanding(20, 4, { minSample: 3 }).eligible, true);
  });
});
