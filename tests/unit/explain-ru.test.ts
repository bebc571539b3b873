import { test } from "node:test";
import assert from "node:assert/strict";
import { describeBreakdown } from "@/lib/scoring/explain";
import { RuleConfigSchema } from "@/lib/scoring/rules";
import { scoreTicket } from "@/lib/scoring/score";
import type { PointsBreakdown, ScoringTicket } from "@/lib/scoring/types";
import { S, engineers, ticket } from "../helpers/explain-fixtures";

/**
 * The ledger's "Why" for a Russian-speaking engineer: every kind of row in Russian words, decimal
 * commas, and word forms that agree with their count. (English is asserted in scoring-rules.test.ts
 * and the golden tables.)
 */

const NOW = new Date("2025-11-25T00:00:00Z");
/** Engineers 1 and 2 on one ticket, with their public replies and handle seconds. */
const shared = (replies: [number, number], seconds: [number, number] | null = null, over: Partial<ScoringTicket> = {}) =>
  ticket({
    engineerIds: [1, 2],
    contributors: [
      { engineerId: 1, publicReplies: replies[0], handleSeconds: seconds?.[0] ?? null },
      { engineerId: 2, publicReplies: replies[1], handleSeconds: seconds?.[1] ?? null },
    ],
    ...over,
  });
const reopenAt = (h: number) => ({ at: new Date(S.getTime() + h * 3_600_000), from: "solved", to: "open" });
const resolveAt = (h: number) => ({ at: new Date(S.getTime() + h * 3_600_000), from: "open", to: "solved" });

/** Engineer 1's reason in Russian, in Moscow time. */
const ru = (t: ScoringTicket, rules: object = {}, now = NOW) => {
  const rows = scoreTicket(t, engineers, { id: 1, version: 2, config: RuleConfigSchema.parse(rules) }, now);
  const r = rows.find((x) => x.engineerId === 1)!;
  return describeBreakdown(r.breakdown, r.state, r.confirmAfter, "ru", "Europe/Moscow");
};
const PENDING = " — ожидает до 30 нояб. (окно переоткрытия)";
const VALUE = "L2: база 1 × вне своих навыков 1,5 + за пятёрку 0,5";

test("Russian why: plain rows, the default line, weights, cross-skill and five-star", () => {
  assert.equal(ru(ticket({ skillGroupId: 10, rating: 4 }), {}, new Date("2025-12-10T00:00:00Z")), "L2: база 1 = 1,0 (правила v2)");
  const noLine: PointsBreakdown = { ruleVersion: 1, lineCode: null, base: 1, crossSkill: null, rating: null, csatGate: null, fiveStarBonus: 0, reopen: null, share: 1, contributors: 1, total: 1 };
  assert.equal(describeBreakdown(noLine, "confirmed", S, "ru"), "без линии: база 1 = 1,0 (правила v1)");
  // A zero reached through a negative factor is still a plain zero.
  assert.equal(describeBreakdown({ ...noLine, total: -0 }, "confirmed", S, "ru"), "без линии: база 1 = 0,0 (правила v1)");
  assert.equal(
    ru(ticket({ skillGroupId: 10, rating: 4, priority: "High", ticketType: "incident" }), {
      skillGroupWeights: { "10": 1.25 },
      priorityWeights: { high: 1.2 },
      ticketTypeWeights: { incident: 2 },
    }),
    `L2: база 1 × группа навыков 10 1,25 × приоритет high 1,2 × тип incident 2 = 3,0${PENDING} (правила v2)`,
  );
  assert.equal(ru(ticket()), `${VALUE} = 2,0${PENDING} (правила v2)`);
});

test("Russian why: unrated tickets at half and at nothing", () => {
  assert.equal(ru(ticket({ rating: null, skillGroupId: 10 }), { unratedPolicy: "half" }), `L2: база 1 × без оценки ½ = 0,5${PENDING} (правила v2)`);
  assert.equal(ru(ticket({ rating: null, skillGroupId: 10 }), { unratedPolicy: "none" }), `L2: база 1 × без оценки 0 = 0,0${PENDING} (правила v2)`);
});

test("Russian why: the CSAT gate with and without a low-rating penalty", () => {
  assert.equal(ru(ticket({ rating: 2 })), `оценка 2 < 4: порог CSAT, баллов нет = 0,0${PENDING} (правила v2)`);
  assert.equal(
    ru(ticket({ rating: 2 }), { lowRatingPenalty: -0.5 }),
    `оценка 2 < 4: порог CSAT, баллов нет, штраф за низкую оценку -0,5 = -0,5${PENDING} (правила v2)`,
  );
  assert.equal(
    ru(shared([1, 1], null, { rating: 2 }), { lowRatingPenalty: -0.5 }),
    `(оценка 2 < 4: порог CSAT, баллов нет, штраф за низкую оценку -0,5) × доля 1/2 = -0,25${PENDING} (правила v2)`,
  );
});

test("Russian why: shares by replies and by handle time agree their word with the whole", () => {
  assert.equal(ru(shared([3, 7]), { creditMode: "by_replies" }), `(${VALUE}) × доля 3 из 10 ответов = 0,6${PENDING} (правила v2)`);
  assert.equal(ru(shared([1, 20]), { creditMode: "by_replies" }), `(${VALUE}) × доля 1 из 21 ответа = 0,095${PENDING} (правила v2)`);
  assert.equal(ru(shared([2, 2]), { creditMode: "by_replies" }), `(${VALUE}) × доля 2 из 4 ответов = 1,0${PENDING} (правила v2)`);
  // Thousands grouped the Russian way, with a no-break space.
  assert.equal(
    ru(shared([1, 1], [1200, 2400]), { creditMode: "by_handle_time" }),
    `(${VALUE}) × доля 1\u00a0200 из 3\u00a0600 секунд работы = 0,667${PENDING} (правила v2)`,
  );
  assert.equal(ru(shared([1, 1], [30, 31]), { creditMode: "by_handle_time" }), `(${VALUE}) × доля 30 из 61 секунды работы = 0,984${PENDING} (правила v2)`);
});

test("Russian why: equal shares and who the credit went to", () => {
  assert.equal(ru(shared([1, 1]), { creditMode: "equal" }), `(${VALUE}) × доля 1/2 = 1,0${PENDING} (правила v2)`);
  assert.equal(
    ru(shared([0, 0]), { creditMode: "by_replies" }),
    `(${VALUE}) × доля 1/2 = 1,0${PENDING}; поровну (хелпдеск не передал ответы) (правила v2)`,
  );
  assert.equal(
    ru(shared([1, 1]), { creditMode: "by_handle_time" }),
    `(${VALUE}) × доля 1/2 = 1,0${PENDING}; поровну (хелпдеск не передал время работы) (правила v2)`,
  );
  assert.equal(
    ru(shared([1, 1]), { creditMode: "solver" }),
    `(${VALUE}) × доля 1/2 = 1,0${PENDING}; поровну (ни решивший, ни исполнитель не известны) (правила v2)`,
  );
  assert.equal(ru(shared([1, 1], null, { solverEngineerId: 1 }), { creditMode: "solver" }), `${VALUE} = 2,0${PENDING}; зачтено решившему (правила v2)`);
  assert.equal(
    ru(shared([1, 1], null, { assigneeEngineerId: 1 }), { creditMode: "last_assignee" }),
    `${VALUE} = 2,0${PENDING}; зачтено последнему исполнителю (правила v2)`,
  );
});

test("Russian why: reopens inside the window, with and without a penalty", () => {
  const reopened = (over: Partial<ScoringTicket> = {}) => ({ ...ticket(), ...over, events: [...ticket().events, reopenAt(24)] });
  assert.equal(ru(reopened()), "переоткрыта в окне (24 нояб.) — баллы отозваны (правила v2)");
  assert.equal(ru(reopened(), { reopenPenalty: -1 }), "переоткрыта в окне (24 нояб.) — баллы отозваны, штраф -1 = -1,0 (правила v2)");
  assert.equal(
    ru({ ...shared([1, 1]), events: reopened().events }, { reopenPenalty: -1 }),
    "переоткрыта в окне (24 нояб.) — баллы отозваны, штраф -1 × доля 1/2 = -0,5 (правила v2)",
  );
});

test("Russian why: pending until a date in the engineer's zone, or nothing once confirmed", () => {
  // Confirms at 30 Nov 10:00 UTC: 30 Nov in Moscow, already 1 Dec at UTC+14.
  assert.ok(ru(ticket()).includes(" — ожидает до 30 нояб. (окно переоткрытия) "));
  const [r] = scoreTicket(ticket(), engineers, { id: 1, version: 2, config: RuleConfigSchema.parse({}) }, NOW);
  assert.ok(describeBreakdown(r!.breakdown, r!.state, r!.confirmAfter, "ru", "Pacific/Kiritimati").includes(" — ожидает до 1 дек. (окно переоткрытия) "));
  assert.ok(!ru(ticket(), {}, new Date("2025-12-10T00:00:00Z")).includes("ожидает"));
});

test("Russian why: 'thank you' reopens counted with the right word form", () => {
  const thanks = (n: number) =>
    ticket({ events: [...ticket().events, ...Array.from({ length: n }, (_, i) => [reopenAt(24 + 6 * i), resolveAt(24.1 + 6 * i)]).flat()] });
  assert.equal(ru(thanks(1)), `${VALUE} = 2,0${PENDING}; 1 переоткрытие «спасибо» не в счёт (правила v2)`);
  assert.equal(ru(thanks(2)), `${VALUE} = 2,0${PENDING}; 2 переоткрытия «спасибо» не в счёт (правила v2)`);
  assert.equal(ru(thanks(5)), `${VALUE} = 2,0${PENDING}; 5 переоткрытий «спасибо» не в счёт (правила v2)`);
});
