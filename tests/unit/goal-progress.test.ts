import assert from "node:assert/strict";
import { test } from "node:test";
import { cumulativeFrom, fullWeek, weeklyGoalLine, weeksInQuarter } from "@/lib/goals/progress";
import { localBadgeLabel } from "@/lib/i18n/badge-label";
import { localDayMonth, localPeriodLabel } from "@/lib/i18n/period-label";

test("cumulative points start at the week's first day and carry negative days", () => {
  const days = [
    { date: "2026-11-15", label: "15 Nov", points: 9 },
    { date: "2026-11-16", label: "16 Nov", points: 4.5 },
    { date: "2026-11-17", label: "17 Nov", points: -1.5 },
    { date: "2026-11-18", label: "18 Nov", points: 0.1 },
  ];
  assert.deepEqual(cumulativeFrom(days, "2026-11-16"), [
    { date: "2026-11-16", label: "16 Nov", total: 4.5 },
    { date: "2026-11-17", label: "17 Nov", total: 3 },
    { date: "2026-11-18", label: "18 Nov", total: 3.1 },
  ]);
});

test("the week is padded to seven days; days not yet lived have no total", () => {
  const known = [{ date: "2026-11-23", label: "23 Nov", total: 3.5 }];
  const week = fullWeek(known, "2026-11-23", (d) => `day ${d.slice(8)}`);
  assert.equal(week.length, 7);
  assert.deepEqual(week[0], known[0]);
  assert.deepEqual(week[6], { date: "2026-11-29", label: "day 29", total: null });
  assert.ok(week.slice(1).every((p) => p.total === null));
});

test("a weekly goal is drawn as is; a quarterly one as its weekly pace", () => {
  assert.equal(weeklyGoalLine(null, 13), null);
  assert.equal(weeklyGoalLine({ period: "week", points: 70 }, 13), 70);
  assert.equal(weeklyGoalLine({ period: "quarter", points: 650 }, 13), 50);
  assert.equal(weeksInQuarter("2026-10-01", "2027-01-01"), 13);
  assert.equal(weeksInQuarter("2026-01-01", "2026-04-01"), 13);
});

test("period labels in Russian and English", () => {
  const p = (kind: string) => ({ kind, startDate: "2026-10-01", label: "given" });
  assert.equal(localPeriodLabel("ru", p("quarter")), "4 кв. 2026");
  assert.equal(localPeriodLabel("en", p("quarter")), "Q4 2026");
  assert.equal(localPeriodLabel("ru", p("month")), "октябрь 2026 г.");
  assert.equal(localPeriodLabel("en", p("month")), "October 2026");
  assert.equal(localPeriodLabel("ru", p("week")), "неделя с 1 окт.");
  assert.equal(localPeriodLabel("ru", p("year")), "2026");
  assert.equal(localPeriodLabel("ru", p("custom")), "given");
  // Every quarter, and the chart axis's day without a year.
  for (const [m, q] of [["01", 1], ["04", 2], ["07", 3], ["12", 4]] as const) assert.equal(localPeriodLabel("ru", { kind: "quarter", startDate: `2026-${m}-01`, label: "" }), `${q} кв. 2026`);
  assert.equal(localDayMonth("ru", { date: "2026-10-26", label: "26 Oct" }), "26 окт.");
  assert.equal(localDayMonth("en", { date: "2026-10-26", label: "26 Oct" }), "26 Oct");
});

test("quarter crown badges read in Russian; challenge badges keep their names", () => {
  const crown = { kind: "quarter_crown", label: "👑 Team CSAT crown Q4 2026", periodStart: "2026-10-01" };
  assert.equal(localBadgeLabel("ru", crown), "👑 Корона CSAT команды 4 кв. 2026");
  assert.equal(localBadgeLabel("en", crown), crown.label);
  const ch = { kind: "challenge_achieved", label: "🎯 Февраль без переоткрытий", periodStart: "2026-02-01" };
  assert.equal(localBadgeLabel("ru", ch), ch.label);
});
