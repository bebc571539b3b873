import { test } from "node:test";
import assert from "node:assert/strict";
import { normalizeRating } from "@/lib/scoring/normalize-rating";

test("good/bad: good is 5, bad is 1, anything else is refused", () => {
  assert.equal(normalizeRating("good_bad", "good"), 5);
  assert.equal(normalizeRating("good_bad", " BAD "), 1);
  assert.throws(() => normalizeRating("good_bad", "offered"), /neither "good" nor "bad"/);
});

test("1–5 stays as it is, out of range or not a number is refused", () => {
  assert.equal(normalizeRating("one_to_five", "5"), 5);
  assert.equal(normalizeRating("one_to_five", 3), 3);
  assert.equal(normalizeRating("one_to_five", "4.5"), 4.5);
  assert.throws(() => normalizeRating("one_to_five", 0), /outside the 1–5 scale/);
  assert.throws(() => normalizeRating("one_to_five", 6), /outside the 1–5 scale/);
  assert.throws(() => normalizeRating("one_to_five", "five"), /not a number/);
  assert.throws(() => normalizeRating("one_to_five", ""), /not a number/);
});

test("Freshdesk −103…103: equal steps between the seven documented answers", () => {
  assert.equal(normalizeRating("freshdesk_103", 103), 5);
  assert.equal(normalizeRating("freshdesk_103", "102"), 4.33); // 1 + 5 × 4/6
  assert.equal(normalizeRating("freshdesk_103", 101), 3.67); // 1 + 4 × 4/6
  assert.equal(normalizeRating("freshdesk_103", 100), 3);
  assert.equal(normalizeRating("freshdesk_103", -101), 2.33);
  assert.equal(normalizeRating("freshdesk_103", -102), 1.67);
  assert.equal(normalizeRating("freshdesk_103", "-103"), 1);
  assert.throws(() => normalizeRating("freshdesk_103", 0), /not a Freshdesk answer/);
  assert.throws(() => normalizeRating("freshdesk_103", 104), /not a Freshdesk answer/);
});

test("0…max (GLPI) is scaled onto 1–5", () => {
  assert.equal(normalizeRating("zero_to_max", 0, 5), 1);
  assert.equal(normalizeRating("zero_to_max", 5, 5), 5);
  assert.equal(normalizeRating("zero_to_max", "3", 5), 3.4); // 1 + 4 × 3/5
  assert.equal(normalizeRating("zero_to_max", 5, 10), 3);
  assert.equal(normalizeRating("zero_to_max", 2), 2.6); // max defaults to 5
  assert.throws(() => normalizeRating("zero_to_max", 11, 10), /outside the 0–10 scale/);
  assert.throws(() => normalizeRating("zero_to_max", -1, 10), /outside/);
  assert.throws(() => normalizeRating("zero_to_max", 1, 0), /maximum 0 must be a positive number/);
});

test("three levels: good / okay / not good are 5 / 3 / 1", () => {
  assert.equal(normalizeRating("three_level", "good"), 5);
  assert.equal(normalizeRating("three_level", "Okay"), 3);
  assert.equal(normalizeRating("three_level", "not good"), 1);
  assert.equal(normalizeRating("three_level", "not_good"), 1);
  assert.throws(() => normalizeRating("three_level", "great"), /not one of good, okay, not good/);
});
