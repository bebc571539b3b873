import { test } from "node:test";
import assert from "node:assert/strict";
import { RuleConfigSchema } from "@/lib/scoring/rules";
import { pickRules, scoreTicket, type VersionedRules } from "@/lib/scoring/score";
import type { ScoringEngineer, ScoringTicket } from "@/lib/scoring/types";

/** Default rules: L1 0.5, L2 1, L3 2, cross-skill ×1.5, gate 4, five-star +0.5, 7-day window. */
const RULES: VersionedRules = { id: 1, version: 1, config: RuleConfigSchema.parse({}) };
const DAY = 86_400_000;
const SOLVED = new Date("2025-03-03T10:00:00Z");
const at = (days: number) => new Date(SOLVED.getTime() + days * DAY);
const AFTER_WINDOW = at(10);

const engineers = new Map<number, ScoringEngineer>([
  [1, { id: 1, lineCode: "L2", skillGroupIds: [10] }],
  [2, { id: 2, lineCode: "L2", skillGroupIds: [10, 20] }],
  [3, { id: 3, lineCode: "L3", skillGroupIds: [10] }],
  [4, { id: 4, lineCode: "L1", skillGroupIds: [10] }],
]);

function ticket(over: Partial<ScoringTicket> = {}): ScoringTicket {
  return {
    id: 7,
    status: "solved",
    lineCode: "L2",
    skillGroupId: 10,
    solvedAt: SOLVED,
    isMerged: false,
    isDeleted: false,
    isSpam: false,
    solvedByAutomation: false,
    events: [
      { at: at(-1), from: null, to: "new" },
      { at: at(-0.9), from: "new", to: "open" },
      { at: SOLVED, from: "open", to: "solved" },
    ],
    engineerIds: [1],
    rating: null,
    ...over,
  };
}

const points = (t: ScoringTicket, now = AFTER_WINDOW, rules = RULES) =>
  scoreTicket(t, engineers, rules, now).map((r) => [r.engineerId, r.points, r.state]);

test("base points follow the ticket's line: L2 1, L1 0.5, L3 2", () => {
  assert.deepEqual(points(ticket()), [[1, 1, "confirmed"]]);
  assert.deepEqual(points(ticket({ lineCode: "L1" })), [[1, 0.5, "confirmed"]]);
  assert.deepEqual(points(ticket({ lineCode: "L3" })), [[1, 2, "confirmed"]]);
});

test("a ticket without a line is worth the engineer's line", () => {
  assert.deepEqual(points(ticket({ lineCode: null, engineerIds: [3] })), [[3, 2, "confirmed"]]);
  assert.deepEqual(points(ticket({ lineCode: null, engineerIds: [4] })), [[4, 0.5, "confirmed"]]);
});

test("a ticket from another skill group earns ×1.5", () => {
  const [row] = scoreTicket(ticket({ skillGroupId: 30 }), engineers, RULES, AFTER_WINDOW);
  assert.equal(row!.points, 1.5);
  assert.deepEqual(row!.breakdown.crossSkill, { multiplier: 1.5, skillGroupId: 30 });
  // Engineer 2 has skill 20: no bonus for them.
  assert.deepEqual(points(ticket({ skillGroupId: 20, engineerIds: [2] })), [[2, 1, "confirmed"]]);
  // L3 and foreign: 2 × 1.5 = 3.
  assert.deepEqual(points(ticket({ lineCode: "L3", skillGroupId: 30 })), [[1, 3, "confirmed"]]);
});

test("CSAT gate: rated 3 earns nothing, 4 earns the base, 5 adds the five-star bonus", () => {
  const [gated] = scoreTicket(ticket({ rating: 3 }), engineers, RULES, AFTER_WINDOW);
  assert.equal(gated!.points, 0);
  assert.deepEqual(gated!.breakdown.csatGate, { threshold: 4, passed: false });
  assert.equal(gated!.breakdown.fiveStarBonus, 0);
  assert.deepEqual(points(ticket({ rating: 4 })), [[1, 1, "confirmed"]]);
  assert.deepEqual(points(ticket({ rating: 5 })), [[1, 1.5, "confirmed"]]);
  // Cross-skill and five stars: 1 × 1.5 + 0.5 = 2.
  assert.deepEqual(points(ticket({ rating: 5, skillGroupId: 30 })), [[1, 2, "confirmed"]]);
  // A normalised 3.67 (Freshdesk "happy") is below the gate.
  assert.deepEqual(points(ticket({ rating: 3.67 })), [[1, 0, "confirmed"]]);
});

test("reopened inside the 7-day window: revoked; after it: the points stay", () => {
  const reopened = (days: number) =>
    ticket({
      events: [
        ...ticket().events,
        { at: at(days), from: "solved", to: "open" },
        { at: at(days + 0.5), from: "open", to: "solved" },
      ],
    });
  const [inside] = scoreTicket(reopened(2), engineers, RULES, AFTER_WINDOW);
  assert.equal(inside!.state, "revoked");
  assert.equal(inside!.points, 0);
  assert.equal(inside!.breakdown.reopen?.at, at(2).toISOString());
  assert.deepEqual(points(reopened(8), at(20)), [[1, 1, "confirmed"]]);
  // Points are earned at the first solve, also when the ticket was solved again later.
  assert.equal(scoreTicket(reopened(8), engineers, RULES, at(20))[0]!.earnedAt.getTime(), SOLVED.getTime());
  // With a penalty configured, a shared revoked ticket costs each half of it.
  const strict: VersionedRules = { id: 2, version: 2, config: RuleConfigSchema.parse({ reopenPenalty: -0.5 }) };
  assert.deepEqual(points({ ...reopened(2), engineerIds: [1, 2] }, AFTER_WINDOW, strict), [
    [1, -0.25, "revoked"],
    [2, -0.25, "revoked"],
  ]);
});

test("a reopen stamped in the same second as the solve (RT keeps whole seconds) still revokes", () => {
  const sameSecond = ticket({
    events: [
      ...ticket().events,
      { at: SOLVED, from: "solved", to: "open", publicAgentReply: false },
      { at: SOLVED, from: "open", to: "solved", publicAgentReply: true },
    ],
  });
  const [row] = scoreTicket(sameSecond, engineers, RULES, AFTER_WINDOW);
  assert.equal(row!.state, "revoked");
  assert.equal(row!.breakdown.reopen?.at, SOLVED.toISOString());
  // Without the agent's reply it is a "thank you" reopen, as at any other moment.
  const thanks = ticket({ events: [...ticket().events, { at: SOLVED, from: "solved", to: "open" }, { at: SOLVED, from: "open", to: "solved" }] });
  assert.deepEqual(points(thanks, AFTER_WINDOW), [[1, 1, "confirmed"]]);
});

test("a shared ticket is split equally", () => {
  assert.deepEqual(points(ticket({ engineerIds: [2, 1] })), [
    [1, 0.5, "confirmed"],
    [2, 0.5, "confirmed"],
  ]);
  // Five stars on a shared L2 ticket: (1 + 0.5) / 2 each.
  assert.deepEqual(points(ticket({ engineerIds: [1, 2], rating: 5 })), [
    [1, 0.75, "confirmed"],
    [2, 0.75, "confirmed"],
  ]);
  // No line on the ticket: each engineer's own line, halved: L3 2/2 = 1, L1 0.5/2 = 0.25.
  assert.deepEqual(points(ticket({ lineCode: null, engineerIds: [3, 4] })), [
    [3, 1, "confirmed"],
    [4, 0.25, "confirmed"],
  ]);
  assert.equal(scoreTicket(ticket({ engineerIds: [1, 2] }), engineers, RULES, AFTER_WINDOW)[0]!.breakdown.contributors, 2);
});

test("deleted, merged, spam, unsolved and uncredited tickets earn nothing", () => {
  assert.deepEqual(points(ticket({ isDeleted: true })), []);
  assert.deepEqual(points(ticket({ isMerged: true })), []);
  assert.deepEqual(points(ticket({ isSpam: true })), []);
  assert.deepEqual(points(ticket({ status: "deleted" })), []);
  assert.deepEqual(points(ticket({ solvedAt: null, status: "open", events: ticket().events.slice(0, 2) })), []);
  assert.deepEqual(points(ticket({ engineerIds: [] })), []);
  assert.deepEqual(points(ticket({ engineerIds: [99] })), []);
});

test("pending until the reopen window ends, confirmed from then on", () => {
  const t = ticket();
  const [early] = scoreTicket(t, engineers, RULES, at(3));
  assert.equal(early!.state, "pending");
  assert.equal(early!.points, 1);
  assert.equal(early!.confirmAfter.getTime(), at(7).getTime());
  assert.equal(scoreTicket(t, engineers, RULES, new Date(at(7).getTime() - 1))[0]!.state, "pending");
  assert.equal(scoreTicket(t, engineers, RULES, at(7))[0]!.state, "confirmed");
});

test("the rule version in force at the solve is used", () => {
  const versions = [
    { id: 1, version: 1, effectiveFrom: new Date(0), config: RULES.config },
    { id: 2, version: 2, effectiveFrom: at(1), config: RuleConfigSchema.parse({ basePointsByLine: { L2: 3 } }) },
  ];
  assert.equal(pickRules(versions, SOLVED)!.version, 1);
  assert.equal(pickRules(versions, at(1))!.version, 2);
  const later = ticket({ events: [...ticket().events.slice(0, 2), { at: at(2), from: "open", to: "solved" }], solvedAt: at(2) });
  const [row] = scoreTicket(later, engineers, pickRules(versions, at(2))!, at(20));
  assert.equal(row!.points, 3);
  assert.equal(row!.breakdown.ruleVersion, 2);
});
