import { test } from "node:test";
import assert from "node:assert/strict";
import { readQuota } from "@/lib/connectors/http";
import { placeTicket, ruleMatches, sortRules, type FieldRule } from "@/lib/sync/placement";
import { estimateSecondsLeft, pageSpan } from "@/lib/sync/progress";
import { fieldValues } from "@/lib/connectors/shared/fields";

/** Pure pieces of issue #4's remaining parts: tag/field placement, backfill time left, quota headers. */

const rule = (p: Partial<FieldRule>): FieldRule => ({ id: 1, kind: "tag", fieldKey: "vip", fieldValue: null, skillGroupId: null, lineId: null, position: 0, ...p });

test("placement: the group's mapping unless a rule matches; per field, the first matching rule that sets it wins", () => {
  const group = { skillGroupId: 1, lineId: 10 };
  const rules = sortRules([
    rule({ id: 3, position: 1, kind: "field", fieldKey: "product", fieldValue: "billing", lineId: 30 }),
    rule({ id: 2, position: 0, fieldKey: "VIP", skillGroupId: 2 }),
    rule({ id: 4, position: 1, fieldKey: "vip", skillGroupId: 9, lineId: 40 }),
  ]);
  assert.deepEqual(rules.map((r) => r.id), [2, 3, 4], "by position, then id");
  assert.deepEqual(placeTicket(group, { tags: [], customFields: {} }, rules), group);
  assert.deepEqual(placeTicket(group, { tags: ["vip"], customFields: {} }, rules), { skillGroupId: 2, lineId: 40 });
  assert.deepEqual(placeTicket(group, { tags: ["Vip"], customFields: { product: "billing" } }, rules), { skillGroupId: 2, lineId: 30 });
  assert.deepEqual(placeTicket(group, { tags: [], customFields: { product: " billing " } }, rules), { skillGroupId: 1, lineId: 30 });
  assert.equal(ruleMatches(rule({ kind: "field", fieldKey: "product", fieldValue: "billing" }), { tags: ["billing"], customFields: {} }), false, "a field rule ignores tags");
  assert.equal(ruleMatches(rule({ kind: "field", fieldKey: "product", fieldValue: "billing" }), { tags: [], customFields: { product: "billing,hardware" } }), false, "whole value");
});

test("custom field values as text: empty ones left out, lists joined", () => {
  assert.deepEqual(fieldValues([["1", "a"], ["2", null], ["3", ""], ["4", ["x", "y"]], ["5", 7], ["6", true], ["7", []], ["8", { o: 1 }]]), { "1": "a", "4": "x,y", "5": "7", "6": "true" });
});

test("time left: the pace so far over the share of the time span already read", () => {
  const clock = { startedMs: 0, fromMs: 1_000_000 };
  // Read a quarter of the span in 10 s: three quarters left take 30 s.
  assert.equal(estimateSecondsLeft(clock, 1_250_000, 10_000, 2_000_000), 30);
  assert.equal(estimateSecondsLeft(clock, 2_000_000, 10_000, 2_000_000), 0, "at now: done");
  assert.equal(estimateSecondsLeft(clock, 1_000_000, 10_000, 2_000_000), null, "no pace yet");
  assert.equal(estimateSecondsLeft({ startedMs: 0, fromMs: null }, null, 10_000, 2_000_000), null);
  assert.deepEqual(pageSpan([{ updatedAt: new Date(5) }, { updatedAt: new Date(2) }, { updatedAt: new Date(9) }]), { min: 2, max: 9 });
  assert.equal(pageSpan([]), null);
});

test("quota headers: Zendesk's endpoint-limit format and the separate headers", () => {
  const names = { limit: ["ratelimit-limit"], remaining: ["ratelimit-remaining"], reset: ["ratelimit-reset"], combined: ["zendesk-ratelimit-incremental-exports"], windowMs: 60_000 };
  assert.deepEqual(readQuota(new Headers({ "zendesk-ratelimit-incremental-exports": "total=10; remaining=7; resets=41" }), names, 5), { limit: 10, remaining: 7, resetMs: 41_000, at: 5 });
  assert.deepEqual(readQuota(new Headers({ "ratelimit-limit": "700", "ratelimit-remaining": "699", "ratelimit-reset": "0.5" }), names, 5), { limit: 700, remaining: 699, resetMs: 500, at: 5 });
  assert.equal(readQuota(new Headers({ "zendesk-ratelimit-incremental-exports": "total=; remaining=x" }), names, 5), null);
});
