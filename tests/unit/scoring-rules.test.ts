import { test } from "node:test";
import assert from "node:assert/strict";
import { describeBreakdown } from "@/lib/scoring/explain";
import { DEFAULT_RULES, RULE_FIELDS, RuleConfigSchema } from "@/lib/scoring/rules";
import { scoreTicket } from "@/lib/scoring/score";
import type { ScoringTicket } from "@/lib/scoring/types";
import { S, engineers, ticket } from "../helpers/explain-fixtures";

test("{} and a stored v1 config still parse, with the new rules at their defaults", () => {
  const v1 = { basePointsByLine: { L1: 0.5, L2: 1, L3: 2 }, defaultBasePoints: 1, crossSkillMultiplier: 1.5, csatGate: 4, fiveStarBonus: 0.5, reopenWindowDays: 7, reopenPenalty: 0, weeklyQuota: 50 };
  const parsed = RuleConfigSchema.parse(v1);
  assert.deepEqual(parsed, DEFAULT_RULES);
  assert.equal(parsed.creditMode, "equal");
  assert.equal(parsed.unratedPolicy, "full");
  assert.equal(parsed.thankYouReopenMinutes, 60);
  assert.equal(parsed.handicapMode, "manual");
});

test("validation messages are written for people", () => {
  const msg = (v: unknown) => RuleConfigSchema.safeParse(v).error?.issues.map((i) => i.message);
  assert.deepEqual(msg({ reopenWindowDays: 91 }), ["Reopen window must be between 0 and 90 days"]);
  assert.deepEqual(msg({ reopenWindowDays: 2.5 }), ["Reopen window must be a whole number of days"]);
  assert.deepEqual(msg({ reopenPenalty: 1 }), ["Reopen penalty must be between -100 and 0"]);
  assert.deepEqual(msg({ csatGate: "4" }), ["CSAT gate must be a number"]);
  assert.deepEqual(msg({ priorityWeights: { urgent: 11 } }), ["Priority weight must be between 0 and 10"]);
  assert.match(msg({ creditMode: "first" })![0]!, /Credit must go to/);
});

test("RULE_FIELDS describes every rule once, with bounds that match the schema", () => {
  const keys = Object.keys(RuleConfigSchema.shape).sort();
  assert.deepEqual(RULE_FIELDS.map((f) => f.key).sort(), keys);
  for (const f of RULE_FIELDS) {
    assert.ok(f.label && f.help, f.key);
    if (f.kind === "select") {
      assert.ok(f.options && f.options.length >= 2, f.key);
      for (const o of f.options!) assert.ok(RuleConfigSchema.safeParse({ [f.key]: o.value }).success, `${f.key}=${o.value}`);
    } else {
      assert.ok(f.min !== undefined && f.max !== undefined && f.step !== undefined, f.key);
      const sample = (v: number) =>
        f.kind === "number" ? { [f.key]: v } : { [f.key]: { [f.kind === "map-by-skill" ? "7" : "x"]: v } };
      assert.ok(RuleConfigSchema.safeParse(sample(f.min!)).success, `${f.key} min`);
      assert.ok(RuleConfigSchema.safeParse(sample(f.max!)).success, `${f.key} max`);
      assert.ok(!RuleConfigSchema.safeParse(sample(f.max! + 1)).success, `${f.key} above max`);
    }
  }
});

/** Each ledger row's reason for the ticket under rule version 2, in a locale. */
const reasons = (locale: string) => (t: ScoringTicket, rules: object = {}, now = new Date("2025-11-25T00:00:00Z")) =>
  scoreTicket(t, engineers, { id: 1, version: 2, config: RuleConfigSchema.parse(rules) }, now).map((r) =>
    describeBreakdown(r.breakdown, r.state, r.confirmAfter, locale),
  );
const explain = reasons("en");

// A reopen a day after the solve, its re-solve ten minutes later, and a ticket two engineers shared
// (3 and 7 public replies): the English and the Russian reasons are asserted on the same rows.
const reopen = { at: new Date(S.getTime() + 86_400_000), from: "solved", to: "open" };
const resolved = { at: new Date(S.getTime() + 86_400_000 + 600_000), from: "open", to: "solved" };
const shared = ticket({
  engineerIds: [1, 2],
  priority: "High",
  contributors: [
    { engineerId: 1, publicReplies: 3, handleSeconds: null },
    { engineerId: 2, publicReplies: 7, handleSeconds: null },
  ],
});

test("describeBreakdown says every step in plain words", () => {
  assert.deepEqual(explain(ticket()), [
    "L2 base 1 × cross-skill 1.5 + five-star 0.5 = 2.0 — pending until 30 Nov (reopen window) (rules v2)",
  ]);
  assert.deepEqual(explain(ticket({ rating: null, skillGroupId: 10 }), { unratedPolicy: "half" }), [
    "L2 base 1 × unrated ½ = 0.5 — pending until 30 Nov (reopen window) (rules v2)",
  ]);
  assert.deepEqual(explain(ticket({ rating: 2 }), { lowRatingPenalty: -0.5 }), [
    "rated 2 < 4: CSAT gate, no points, low-rating penalty -0.5 = -0.5 — pending until 30 Nov (reopen window) (rules v2)",
  ]);
  assert.deepEqual(explain(ticket({ events: [...ticket().events, reopen] }), { reopenPenalty: -1 }), [
    "reopened inside the window (24 Nov) — points revoked, penalty -1 = -1.0 (rules v2)",
  ]);
  assert.match(explain(ticket({ events: [...ticket().events, reopen, resolved] }))[0]!, /; 1 "thank you" reopen ignored \(rules v2\)$/);
  assert.deepEqual(explain(shared, { creditMode: "by_replies", priorityWeights: { high: 1.2 } }), [
    "(L2 base 1 × priority high 1.2 × cross-skill 1.5 + five-star 0.5) × share 3/10 replies = 0.69 — pending until 30 Nov (reopen window) (rules v2)",
    "(L2 base 1 × priority high 1.2 × cross-skill 1.5 + five-star 0.5) × share 7/10 replies = 1.61 — pending until 30 Nov (reopen window) (rules v2)",
  ]);
  assert.match(explain({ ...shared, solverEngineerId: 2 }, { creditMode: "solver" })[0]!, /credited to the solver/);
  assert.match(explain(shared, { creditMode: "by_handle_time" })[0]!, /split equally \(the helpdesk gave no handle time\)/);
});

test("a v1 breakdown (without the issue #3 fields) still reads", () => {
  const old = { ruleVersion: 1, lineCode: "L2", base: 1, crossSkill: null, rating: null, csatGate: null, fiveStarBonus: 0, reopen: null, share: 0.5, contributors: 2, total: 0.5 };
  assert.equal(describeBreakdown(old, "confirmed", S), "L2 base 1 × share 1/2 = 0.5 (rules v1)");
});

test("describeBreakdown in Russian: the same steps with Russian words, decimal commas and plural forms", () => {
  const ru = reasons("ru");
  assert.deepEqual(ru(ticket()), ["L2: база 1 × вне своих навыков 1,5 + за пятёрку 0,5 = 2,0 — ожидает до 30 нояб. (окно переоткрытия) (правила v2)"]);
  assert.deepEqual(ru(ticket({ rating: 2 }), { lowRatingPenalty: -0.5 }), [
    "оценка 2 < 4: порог CSAT, баллов нет, штраф за низкую оценку -0,5 = -0,5 — ожидает до 30 нояб. (окно переоткрытия) (правила v2)",
  ]);
  assert.match(ru(ticket({ events: [...ticket().events, reopen, resolved] }))[0]!, /; 1 переоткрытие «спасибо» не в счёт \(правила v2\)$/);
  assert.deepEqual(ru(ticket({ events: [...ticket().events, reopen] }), { reopenPenalty: -1 }), ["переоткрыта в окне (24 нояб.) — баллы отозваны, штраф -1 = -1,0 (правила v2)"]);
  assert.deepEqual(ru(shared, { creditMode: "by_replies", priorityWeights: { high: 1.2 } })[0], "(L2: база 1 × приоритет high 1,2 × вне своих навыков 1,5 + за пятёрку 0,5) × доля 3 из 10 ответов = 0,69 — ожидает до 30 нояб. (окно переоткрытия) (правила v2)");
  assert.match(ru(shared, { creditMode: "by_handle_time" })[0]!, /поровну \(хелпдеск не передал время работы\)/);
});
