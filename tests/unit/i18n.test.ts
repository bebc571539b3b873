import assert from "node:assert/strict";
import { test } from "node:test";
import { texts } from "@/lib/i18n";
import { en } from "@/lib/i18n/en";
import { fill, fillParts } from "@/lib/i18n/fill";
import { ru } from "@/lib/i18n/ru";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test("i18n: the Russian dictionary has every key, none empty, with the same placeholders", () => {
  assert.deepEqual(Object.keys(ru).sort(), Object.keys(en).sort());
  for (const k of Object.keys(en) as (keyof typeof en)[]) {
    assert.ok(ru[k].trim() !== "", `ru ${k} is empty`);
    assert.deepEqual(placeholders(ru[k]), placeholders(en[k]), `placeholders of ${k}`);
  }
});

test("i18n: texts(locale, prefix) hands a form only its own texts, unfilled", () => {
  const ruSync = texts("ru", "syncNow.");
  assert.equal(ruSync.sync, "Синхронизировать сейчас");
  assert.equal(ruSync.tickets, "заявок: {n}");
  assert.equal(texts("en", "syncNow.").sync, "Sync now");
  assert.equal(texts("xx", "connForm.").test, "Test connection");
  // "conn." must not pick up "connForm." keys.
  assert.ok(!Object.keys(texts("en", "conn.")).some((k) => k.startsWith("Form") || k.includes(".")));
  assert.deepEqual(Object.keys(texts("en", "ch.metric.")).sort(), ["avg_csat", "custom", "five_star_count", "median_resolution_max", "points", "reopen_rate_max"]);
});

test("i18n: fill and fillParts on the client", () => {
  assert.equal(fill("Saved · {n} tickets rescored", { n: 3 }), "Saved · 3 tickets rescored");
  assert.equal(fill("Sync {status}", {}), "Sync {status}");
  const a = { tag: "a" }, b = { tag: "b" };
  assert.deepEqual(fillParts("Matches {matched} stored tickets; {changed} would count elsewhere.", { matched: a, changed: b }), [
    "Matches ",
    a,
    " stored tickets; ",
    b,
    " would count elsewhere.",
  ]);
  assert.deepEqual(fillParts("{link}.", { link: a }), [a, "."]);
});
