import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { evaluateChallenge } from "@/lib/challenges/evaluate";
import { suggestTarget, type QuarterResult } from "@/lib/challenges/suggest";
import type { DayFacts, Metric } from "@/lib/challenges/types";

/** Runs every row of tests/golden/challenge-cases.md. */

const md = readFileSync(path.join(import.meta.dirname, "../golden/challenge-cases.md"), "utf8");

function tables(text: string): string[][][] {
  const out: string[][][] = [];
  let cur: string[][] | null = null;
  for (const line of text.split("\n")) {
    if (!line.startsWith("|")) {
      cur = null;
      continue;
    }
    const cells = line.slice(1, -1).split("|").map((c) => c.trim());
    if (cells.every((c) => /^-+$/.test(c))) continue;
    if (!cur) out.push((cur = []));
    cur.push(cells);
  }
  return out.map((t) => t.slice(1)); // drop header rows
}

function parseFacts(text: string): DayFacts[] {
  return text
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [date, ...parts] = entry.split(/\s+/);
      const f: DayFacts = { date: date!, ratings: 0, ratingSum: 0, fiveStars: 0, points: 0, solved: 0, reopened: 0, resolutionHours: [], custom: 0 };
      for (const p of parts) {
        const [k, v] = p.split("=") as [string, string];
        if (k === "r")
          for (const g of v.split("+")) {
            const [stars, count] = g.split("x").map(Number) as [number, number];
            f.ratings += count;
            f.ratingSum += stars * count;
            if (stars >= 5) f.fiveStars += count;
          }
        else if (k === "p") f.points = Number(v);
        else if (k === "s") f.solved = Number(v);
        else if (k === "o") f.reopened = Number(v);
        else if (k === "h") f.resolutionHours = v.split(",").map(Number);
        else if (k === "c") f.custom = Number(v);
        else throw new Error(`unknown fact ${k}`);
      }
      return f;
    });
}

const [evalRows, suggestRows] = tables(md);

test("golden file has both tables with rows", () => {
  assert.ok(evalRows && evalRows.length >= 10);
  assert.ok(suggestRows && suggestRows.length >= 5);
});

for (const [name, metric, target, min, period, today, facts, value, state, takes] of evalRows!) {
  test(`evaluate: ${name}`, () => {
    const [periodStart, periodEnd] = period!.split("..") as [string, string];
    const e = evaluateChallenge({ metric: metric as Metric, target: Number(target), minCount: Number(min), periodStart, periodEnd }, parseFacts(facts!), today!);
    assert.equal(e.value === null ? "-" : String(Math.round(e.value * 1000) / 1000), value);
    assert.equal(e.state, state);
    assert.equal(e.whatItTakes, takes);
  });
}

for (const [name, metric, history, target, minCount] of suggestRows!) {
  test(`suggest: ${name}`, () => {
    const h: QuarterResult[] = history!
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const m = /^(.*) ([\d.]+)\/(\d+)$/.exec(s)!;
        return { label: m[1]!, value: Number(m[2]), count: Number(m[3]) };
      });
    const sug = suggestTarget(metric as Metric, h);
    assert.equal(sug ? String(sug.target) : "-", target);
    assert.equal(sug ? String(sug.minCount) : "-", minCount);
  });
}
