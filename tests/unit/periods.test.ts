import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  dayKey,
  isValidTimeZone,
  lastDays,
  nextPeriod,
  periodContaining,
  previousPeriod,
  startOfLocalDay,
  type Period,
} from "@/lib/periods";

const iso = (p: Period) => [p.start.toISOString(), p.end.toISOString()];

describe("periodContaining in UTC", () => {
  test("ISO week starts on Monday and is labelled by its Monday", () => {
    const wed = periodContaining("week", new Date("2026-11-18T12:00:00Z"));
    assert.deepEqual(iso(wed), ["2026-11-16T00:00:00.000Z", "2026-11-23T00:00:00.000Z"]);
    assert.equal(wed.label, "week of 16 Nov");
    assert.equal(wed.startDate, "2026-11-16");
    assert.equal(wed.lastDate, "2026-11-22");
    // Sunday belongs to the week that began six days earlier; Monday 00:00 starts a new one.
    assert.equal(periodContaining("week", new Date("2026-11-22T23:59:59.999Z")).startDate, "2026-11-16");
    assert.equal(periodContaining("week", new Date("2026-11-23T00:00:00Z")).startDate, "2026-11-23");
  });

  test("a week across the new year", () => {
    const w = periodContaining("week", new Date("2027-01-01T00:00:00Z"));
    assert.deepEqual(iso(w), ["2026-12-28T00:00:00.000Z", "2027-01-04T00:00:00.000Z"]);
    assert.equal(w.label, "week of 28 Dec");
  });

  test("quarter edges", () => {
    const lastMoment = periodContaining("quarter", new Date("2026-12-31T23:59:59.999Z"));
    assert.deepEqual(iso(lastMoment), ["2026-10-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]);
    assert.equal(lastMoment.label, "Q4 2026");
    const firstMoment = periodContaining("quarter", new Date("2027-01-01T00:00:00Z"));
    assert.equal(firstMoment.label, "Q1 2027");
    assert.deepEqual(iso(firstMoment), ["2027-01-01T00:00:00.000Z", "2027-04-01T00:00:00.000Z"]);
    assert.equal(periodContaining("quarter", new Date("2026-03-31T23:59:59Z")).label, "Q1 2026");
    assert.equal(periodContaining("quarter", new Date("2026-04-01T00:00:00Z")).label, "Q2 2026");
    assert.equal(periodContaining("quarter", new Date("2026-09-30T12:00:00Z")).lastDate, "2026-09-30");
  });

  test("day, month and year with labels", () => {
    const d = periodContaining("day", new Date("2026-11-16T08:30:00Z"));
    assert.deepEqual(iso(d), ["2026-11-16T00:00:00.000Z", "2026-11-17T00:00:00.000Z"]);
    assert.equal(d.label, "16 Nov 2026");
    const m = periodContaining("month", new Date("2028-02-29T10:00:00Z"));
    assert.deepEqual(iso(m), ["2028-02-01T00:00:00.000Z", "2028-03-01T00:00:00.000Z"]);
    assert.equal(m.label, "February 2028");
    assert.equal(m.lastDate, "2028-02-29");
    const y = periodContaining("year", new Date("2026-06-01T00:00:00Z"));
    assert.deepEqual(iso(y), ["2026-01-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]);
    assert.equal(y.label, "2026");
  });
});

describe("periods in other time zones", () => {
  test("Moscow (UTC+3): 23:00 UTC on 30 Sep is already Q4 there", () => {
    const q = periodContaining("quarter", new Date("2026-09-30T23:00:00Z"), "Europe/Moscow");
    assert.equal(q.label, "Q4 2026");
    assert.deepEqual(iso(q), ["2026-09-30T21:00:00.000Z", "2026-12-31T21:00:00.000Z"]);
    assert.equal(periodContaining("quarter", new Date("2026-09-30T23:00:00Z"), "UTC").label, "Q3 2026");
  });

  test("Tokyo (UTC+9): the day of 16:00 UTC is the next calendar day", () => {
    const d = periodContaining("day", new Date("2026-03-31T16:00:00Z"), "Asia/Tokyo");
    assert.equal(d.startDate, "2026-04-01");
    assert.deepEqual(iso(d), ["2026-03-31T15:00:00.000Z", "2026-04-01T15:00:00.000Z"]);
  });

  test("Kolkata (UTC+5:30) month and Kathmandu (UTC+5:45) year", () => {
    const m = periodContaining("month", new Date("2026-02-10T16:00:00Z"), "Asia/Kolkata");
    assert.deepEqual(iso(m), ["2026-01-31T18:30:00.000Z", "2026-02-28T18:30:00.000Z"]);
    const y = periodContaining("year", new Date("2026-12-31T23:30:00Z"), "Asia/Kathmandu");
    assert.equal(y.label, "2027");
    assert.equal(y.start.toISOString(), "2026-12-31T18:15:00.000Z");
  });

  test("New York: a week that ends as summer time ends is 7 days and 1 hour long", () => {
    const w = periodContaining("week", new Date("2026-10-30T12:00:00Z"), "America/New_York");
    assert.deepEqual(iso(w), ["2026-10-26T04:00:00.000Z", "2026-11-02T05:00:00.000Z"]);
    assert.equal(w.label, "week of 26 Oct");
    assert.equal(w.end.getTime() - w.start.getTime(), (7 * 24 + 1) * 3600_000);
  });

  test("São Paulo 2018: midnight skipped by DST, the day begins at 01:00 local", () => {
    assert.equal(startOfLocalDay({ year: 2018, month: 11, day: 4 }, "America/Sao_Paulo").toISOString(), "2018-11-04T03:00:00.000Z");
    const d = periodContaining("day", new Date("2018-11-04T12:00:00Z"), "America/Sao_Paulo");
    assert.deepEqual(iso(d), ["2018-11-04T03:00:00.000Z", "2018-11-05T02:00:00.000Z"]);
  });

  test("dayKey and time zone validation", () => {
    assert.equal(dayKey(new Date("2026-11-16T22:00:00Z"), "Europe/Moscow"), "2026-11-17");
    assert.equal(dayKey(new Date("2026-11-16T22:00:00Z"), "UTC"), "2026-11-16");
    assert.equal(isValidTimeZone("Europe/Moscow"), true);
    assert.equal(isValidTimeZone("Mars/Olympus"), false);
    assert.throws(() => periodContaining("day", new Date(), "Mars/Olympus"), RangeError);
  });
});

describe("previous and next periods", () => {
  test("previous quarter crosses the year; previous week, month, day", () => {
    const q1 = periodContaining("quarter", new Date("2027-02-15T00:00:00Z"));
    const q4 = previousPeriod(q1);
    assert.equal(q4.label, "Q4 2026");
    assert.deepEqual(iso(q4), ["2026-10-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]);
    assert.equal(nextPeriod(q4).label, "Q1 2027");
    const w = previousPeriod(periodContaining("week", new Date("2026-11-18T12:00:00Z")));
    assert.equal(w.label, "week of 9 Nov");
    assert.equal(w.end.toISOString(), "2026-11-16T00:00:00.000Z");
    assert.equal(previousPeriod(periodContaining("month", new Date("2026-03-31T00:00:00Z"))).label, "February 2026");
    assert.equal(previousPeriod(periodContaining("day", new Date("2026-03-01T05:00:00Z"))).startDate, "2026-02-28");
  });

  test("previous quarter in Moscow keeps the zone", () => {
    const prev = previousPeriod(periodContaining("quarter", new Date("2026-10-15T00:00:00Z"), "Europe/Moscow"));
    assert.equal(prev.label, "Q3 2026");
    assert.equal(prev.timeZone, "Europe/Moscow");
    assert.deepEqual(iso(prev), ["2026-06-30T21:00:00.000Z", "2026-09-30T21:00:00.000Z"]);
  });

  test("lastDays: n consecutive local days ending today, oldest first", () => {
    const days = lastDays(3, new Date("2026-11-16T22:00:00Z"), "Europe/Moscow");
    assert.deepEqual(
      days.map((d) => d.startDate),
      ["2026-11-15", "2026-11-16", "2026-11-17"],
    );
    assert.equal(days[2]!.start.toISOString(), "2026-11-16T21:00:00.000Z");
  });
});
