import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LedgerDays, thousandths, wholeSeconds, type LedgerDayTicket } from "@/lib/rollups/ledger-days";

const ticket = (t: Partial<LedgerDayTicket> = {}): LedgerDayTicket => ({
  skillGroupId: null,
  lineCode: "L1",
  solved: true,
  reopened: false,
  resolutionMicros: 3_600_000_000,
  ...t,
});
const skills = new Map<number, number[]>([[7, [1, 2]]]);
const skillsOf = (e: number) => skills.get(e);
const rows = (d: LedgerDays) => d.copyText().trim().split("\n").sort();

describe("LedgerDays: the ledger half of the rollups, summed while the rebuild scores", () => {
  test("one line per engineer and UTC day, with the columns aggregate.ts computes", () => {
    const d = new LedgerDays();
    d.add({ engineerId: 7, earnedAt: new Date("2026-03-01T23:59:59.999Z"), points: 1.5, state: "confirmed" }, ticket({ lineCode: "L2", skillGroupId: 3 }), skillsOf);
    d.add({ engineerId: 7, earnedAt: new Date("2026-03-01T00:00:00Z"), points: 0.25, state: "pending" }, ticket({ skillGroupId: 2, reopened: true }), skillsOf);
    // Revoked: its points count (a penalty), the ticket does not.
    d.add({ engineerId: 7, earnedAt: new Date("2026-03-01T12:00:00Z"), points: -1, state: "revoked" }, ticket({ lineCode: "L3", skillGroupId: 3, reopened: true }), skillsOf);
    d.add({ engineerId: 7, earnedAt: new Date("2026-03-02T00:00:00Z"), points: 2, state: "confirmed" }, ticket({ solved: false, resolutionMicros: null }), skillsOf);
    // An engineer without skill groups: every ticket with a group is cross-skill.
    d.add({ engineerId: 9, earnedAt: new Date("2026-03-01T08:00:00Z"), points: 1, state: "confirmed" }, ticket({ skillGroupId: 1 }), skillsOf);
    assert.deepEqual(rows(d), [
      // engineer, day, points, tickets, reopened, cross_skill, hard_points, resolution_seconds, resolved
      "7\t2026-03-01\t0.750\t2\t1\t1\t0.500\t7200\t2",
      "7\t2026-03-02\t2.000\t1\t0\t0\t0.000\t0\t0",
      "9\t2026-03-01\t1.000\t1\t0\t1\t0.000\t3600\t1",
    ]);
    assert.equal(d.exact, true);
  });

  test("points add up in thousandths, without a double's drift", () => {
    const d = new LedgerDays();
    for (let i = 0; i < 10; i++) d.add({ engineerId: 1, earnedAt: new Date("2026-03-01T10:00:00Z"), points: 0.1, state: "confirmed" }, ticket(), skillsOf);
    assert.equal(rows(d)[0]!.split("\t")[2], "1.000");
  });

  test("a sum that a double cannot hold exactly is refused, for the caller to aggregate in SQL", () => {
    const d = new LedgerDays();
    const huge = ticket({ resolutionMicros: 2 ** 52 });
    d.add({ engineerId: 1, earnedAt: new Date("2026-03-01T10:00:00Z"), points: 1, state: "confirmed" }, huge, skillsOf);
    assert.equal(d.exact, true);
    d.add({ engineerId: 1, earnedAt: new Date("2026-03-01T11:00:00Z"), points: 1, state: "confirmed" }, huge, skillsOf);
    assert.equal(d.exact, false);
    assert.throws(() => d.copyText(), /not exact/);
  });

  test("numbers written as PostgreSQL would: three decimals, seconds rounded half away from zero", () => {
    assert.deepEqual([thousandths(0), thousandths(5), thousandths(-1050), thousandths(123456)], ["0.000", "0.005", "-1.050", "123.456"]);
    assert.deepEqual([wholeSeconds(1_499_999), wholeSeconds(1_500_000), wholeSeconds(-1_500_000), wholeSeconds(-1_499_999)], [1, 2, -2, -1]);
  });
});
