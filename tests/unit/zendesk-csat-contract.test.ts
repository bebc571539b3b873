import { test } from "node:test";
import assert from "node:assert/strict";
import { readList } from "@/lib/connectors/zendesk/connector";
import { isAnsweredSurvey, normalizeRating, surveyTime } from "@/lib/connectors/zendesk/normalize";
import { normalizeRating as toFivePoint } from "@/lib/scoring/normalize-rating";

/**
 * Contract: the new CSAT's survey responses (developer.zendesk.com, "CSAT Survey Responses",
 * List Survey Responses: GET /api/v2/guide/survey_responses, cursor paging). The reference's own
 * example holds only a skipped answer; the rating-scale answer (`rating`, `rating_category`,
 * `question.sub_type: "customer_satisfaction"`) is not spelled out in the reference we could
 * read and follows what integrations reading it use.
 */

const docExample = {
  answers: [
    {
      created_at: "2024-08-14T12:00:00.000Z",
      question: { alias: "comment", headline: { type: "static", value: "Anything else you would like to share about your experience?" }, id: "01GFYBENPDGN1R6NAA4WRDNVFR", type: "open_ended" },
      type: "skipped",
      updated_at: "2024-08-14T12:00:00.000Z",
    },
  ],
  expires_at: "2024-08-14T12:00:00.000Z",
  id: "01J1WB51MG6HXTYWE6Q0C93RNW",
  responder_id: 4398080151295,
  subject_zrns: ["zen:ticket:99"],
  subjects: [{ id: "99", type: "ticket", zrn: "zen:ticket:99" }],
  survey: { id: "01J58KJ9RAE0D2EK7HRVM7Z8F2", state: "enabled", version: 3 },
};

const rated = (category: string, extra: Record<string, unknown> = {}) => ({
  ...docExample,
  answers: [
    { type: "rating_scale", rating: 4, rating_category: category, question: { id: "01Q", alias: "rating", sub_type: "customer_satisfaction", type: "rating_scale" }, created_at: "2024-08-14T11:00:00.000Z", updated_at: "2024-08-14T11:30:00.000Z" },
    { type: "open_ended", value: "Fast and kind", question: { id: "01C", alias: "comment", type: "open_ended" }, created_at: "2024-08-14T11:01:00.000Z", updated_at: "2024-08-14T11:01:00.000Z" },
  ],
  ...extra,
});

test("the documented list page reads with cursor paging; a response whose CSAT question was not answered is not a rating", () => {
  const page = readList({ survey_responses: [docExample], meta: { has_more: false, after_cursor: null }, links: { next: null } }, "survey_responses");
  assert.equal(page.items.length, 1);
  assert.equal(page.next, null);
  assert.equal(isAnsweredSurvey(docExample), false);
  assert.equal(isAnsweredSurvey(rated("good")), true);
});

test("an answered survey: its ticket from subjects, good/neutral/bad on three levels (5/3/1), the comment, the answer's times", () => {
  const r = normalizeRating(rated("neutral"));
  assert.deepEqual(
    { ...r, ratedAt: r.ratedAt.toISOString(), updatedAt: r.updatedAt.toISOString() },
    {
      externalId: "survey:01J1WB51MG6HXTYWE6Q0C93RNW",
      ticketExternalId: "99",
      ratedAgentExternalId: null,
      scale: "three_level",
      rawValue: "okay",
      comment: "Fast and kind",
      ratedAt: "2024-08-14T11:00:00.000Z",
      updatedAt: "2024-08-14T11:30:00.000Z",
    },
  );
  assert.deepEqual(["good", "neutral", "bad"].map((c) => { const x = normalizeRating(rated(c)); return toFivePoint(x.scale, x.rawValue); }), [5, 3, 1]);
  assert.equal(normalizeRating(rated("good", { subjects: undefined })).ticketExternalId, "99", "subject_zrns when subjects are absent");
  assert.equal(surveyTime(rated("good")), Date.parse("2024-08-14T11:01:00.000Z"));
});

test("a response naming no ticket, or with an unknown category, is rejected with its reason", () => {
  assert.throws(() => normalizeRating(rated("good", { subjects: [], subject_zrns: ["zen:conversation:4295a81b"] })), /Survey response 01J1WB51MG6HXTYWE6Q0C93RNW is malformed: it names no ticket/);
  assert.throws(() => normalizeRating(rated("superb")), /no customer satisfaction rating/);
});
