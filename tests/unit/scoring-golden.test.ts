import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { averageFromCounts, roundAverage } from "@/lib/scoring/csat";
import { computeAutoHandicap } from "@/lib/scoring/handicap";
import { computeWeeklyQuota, type QuotaInputRow } from "@/lib/scoring/quota";
import { RuleConfigSchema } from "@/lib/scoring/rules";
import { fromFirstSolve, scoreTicket } from "@/lib/scoring/score";
import { compactBreakdown, expandBreakdown } from "@/lib/scoring/compact";
import type { ScoringContributor, ScoringEngineer, ScoringTicket } from "@/lib/scoring/types";

/** Checks every row of tests/golden/scoring-cases.md (hand-computed) against the pure scoring code. */

const FILE = fileURLToPath(new URL("../golden/scoring-cases.md", import.meta.url));
const DAY = 86_400_000;
const S = Date.parse("2025-03-03T10:00:00Z");

/** The rows of the table under `## heading`, as objects keyed by the header cells. */
function table(md: string, heading: string): Record<string, string>[] {
  const start = md.indexOf(`## ${heading}`);
  assert.ok(start >= 0, `no "## ${heading}" section`);
  const lines = md.slice(start).split("\n").slice(1);
  const rows: string[][] = [];
  let begun = false;
  for (const line of lines) {
    if (line.startsWith("## ")) break;
    if (!line.startsWith("|")) {
      if (begun) break;
      continue;
    }
    begun = true;
    rows.push(line.split("|").slice(1, -1).map((c) => c.trim()));
  }
  const [header, , ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ""])));
}

const md = readFileSync(FILE, "utf8");

const ENGINEERS = new Map<number, ScoringEngineer>([
  [1, { id: 1, lineCode: "L2", skillGroupIds: [10] }],
  [2, { id: 2, lineCode: "L2", skillGroupIds: [10, 20] }],
  [3, { id: 3, lineCode: "L3", skillGroupIds: [10] }],
  [4, { id: 4, lineCode: "L1", skillGroupIds: [10] }],
  [5, { id: 5, lineCode: "L2", skillGroupIds: [] }],
]);

const nil = (c: string) => (c === "-" || c === "" ? null : c);

function offset(s: string): number {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(s);
  assert.ok(m && s !== "", `bad offset "${s}"`);
  return (Number(m[1] ?? 0) * 24 * 60 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 60_000;
}

function history(cell: string): ScoringTicket["events"] {
  const events: ScoringTicket["events"] = [
    { at: new Date(S - DAY), from: null, to: "new" },
    { at: new Date(S - 0.9 * DAY), from: "new", to: "open" },
    { at: new Date(S), from: "open", to: "solved" },
  ];
  if (nil(cell) === null) return events;
  for (const tok of cell.split(/\s+/)) {
    const m = /^([RS])([^!]*)(!?)$/.exec(tok);
    assert.ok(m, `bad history token "${tok}"`);
    const prev = events[events.length - 1]!.to;
    events.push({ at: new Date(S + offset(m[2]!)), from: prev, to: m[1] === "R" ? "open" : "solved", publicAgentReply: m[3] === "!" });
  }
  return events;
}

function contributors(cell: string): ScoringContributor[] | undefined {
  if (nil(cell) === null) return undefined;
  return cell.split(",").map((part) => {
    const [eng, rest] = part.split(":");
    const [replies, seconds] = rest!.split("/");
    return { engineerId: Number(eng), publicReplies: Number(replies), handleSeconds: seconds === "-" ? null : Number(seconds) };
  });
}

function rulesOf(row: Record<string, string>) {
  const overrides: Record<string, unknown> = {};
  if (nil(row.rules!) !== null) {
    for (const part of row.rules!.split(/;\s*(?=[a-zA-Z]+=)/)) {
      const eq = part.indexOf("=");
      overrides[part.slice(0, eq).trim()] = JSON.parse(part.slice(eq + 1).trim());
    }
  }
  if (nil(row.credit!) !== null) overrides.creditMode = row.credit;
  return RuleConfigSchema.parse(overrides);
}

function ticketOf(row: Record<string, string>): ScoringTicket {
  const flags = new Set((nil(row.flags!) ?? "").split(",").filter(Boolean));
  const events = history(row.history!);
  const unsolved = flags.has("unsolved");
  return {
    id: Number(row["#"]),
    status: unsolved ? "open" : "solved",
    lineCode: nil(row.line!),
    skillGroupId: nil(row.sg!) === null ? null : Number(row.sg),
    solvedAt: unsolved ? null : new Date(S),
    isMerged: flags.has("merged"),
    isDeleted: flags.has("deleted"),
    isSpam: flags.has("spam"),
    solvedByAutomation: flags.has("auto"),
    events: unsolved ? events.slice(0, 2) : events,
    engineerIds: row.engs!.split(",").map(Number),
    rating: nil(row.rating!) === null ? null : Number(row.rating),
    contributors: contributors(row.contrib!),
    solverEngineerId: nil(row.solver!) === null ? null : Number(row.solver),
    assigneeEngineerId: nil(row.assignee!) === null ? null : Number(row.assignee),
    priority: nil(row.prio!),
    ticketType: nil(row.type!),
  };
}

function expected(cell: string): [number, number, string][] {
  if (cell === "none") return [];
  return cell.split(";").map((part) => {
    const m = /^\s*(\d+):(-?[\d.]+)\s+(pending|confirmed|revoked)\s*$/.exec(part);
    assert.ok(m, `bad expectation "${part}"`);
    return [Number(m[1]), Number(m[2]), m[3]!];
  });
}

const ticketRows = table(md, "Tickets");

test("the golden table holds at least 40 ticket cases, numbered uniquely", () => {
  assert.ok(ticketRows.length >= 40, `${ticketRows.length} cases`);
  assert.equal(new Set(ticketRows.map((r) => r["#"])).size, ticketRows.length);
});

for (const row of ticketRows) {
  test(`golden #${row["#"]}: ${row.case}`, () => {
    const now = new Date(S + Number(row.now) * DAY);
    const rows = scoreTicket(ticketOf(row), ENGINEERS, { id: 1, version: 1, config: rulesOf(row) }, now);
    assert.deepEqual(
      rows.map((r) => [r.engineerId, r.points, r.state]),
      expected(row.expect!),
    );
    for (const r of rows) {
      assert.equal(r.breakdown.total, r.points);
      // What the ledger stores (compact, through JSON) reads back as exactly these reasons.
      const stored = JSON.parse(JSON.stringify(compactBreakdown(r.breakdown)));
      assert.deepEqual(expandBreakdown(stored), r.breakdown);
    }
    // The lean loaders read the history from the first solve on only: same rows.
    const t = ticketOf(row);
    const trimmed = scoreTicket({ ...t, events: fromFirstSolve(t.events) }, ENGINEERS, { id: 1, version: 1, config: rulesOf(row) }, now);
    assert.deepEqual(trimmed, rows);
  });
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
for (const row of table(md, "Weekly quota")) {
  test(`golden ${row["#"]}: ${row.case}`, () => {
    const perDay = row["per day"]!.split(",").map(Number);
    const input: QuotaInputRow[] = [];
    let ticketId = 0;
    const monday = Date.parse("2025-03-03T09:00:00Z");
    perDay.forEach((n, d) => {
      for (let k = 0; k < n; k++) {
        input.push({ engineerId: 1, ticketId: ++ticketId, earnedAt: new Date(monday + d * DAY + k * 30 * 60_000), points: Number(row.each) });
      }
    });
    if (nil(row.extra!) !== null) input.push({ engineerId: 1, ticketId: ++ticketId, earnedAt: new Date(Date.parse("2025-03-09T23:00:00Z")), points: Number(row.extra) });
    const weeks = computeWeeklyQuota(input, Number(row.quota));
    assert.equal(weeks.length, 1);
    const w = weeks[0]!;
    assert.equal(w.weekStart, "2025-03-03");
    assert.equal(w.points, Number(row.points));
    assert.equal(w.met, row.met === "yes");
    assert.equal(w.metAt === null ? "-" : WEEKDAYS[w.metAt.getUTCDay()], row["met on"]);
  });
}

for (const row of table(md, "CSAT averages")) {
  test(`golden ${row["#"]}: ${row.case}`, () => {
    const counts: Record<number, number> = {};
    if (nil(row.ratings!) !== null) {
      for (const part of row.ratings!.split(",")) {
        const [score, count] = part.split("x").map(Number);
        counts[score!] = (counts[score!] ?? 0) + count!;
      }
    }
    const avg = averageFromCounts(counts);
    assert.equal(avg === null ? "-" : String(roundAverage(avg)), row.average);
  });
}

for (const row of table(md, "Team handicap (auto)")) {
  test(`golden ${row["#"]}: ${row.case}`, () => {
    const teams = row.teams!.split(";").map((spec, i) => {
      const m = /^\s*(\w+):([\d.]+)x(\d+)\/([\d.]+)p\/(\d+)e\s*$/.exec(spec);
      assert.ok(m, `bad team "${spec}"`);
      const q = { ratingSum: Number(m[2]) * Number(m[3]), ratingCount: Number(m[3]), points: Number(m[4]), engineers: Number(m[5]) };
      return { name: m[1]!, history: { teamId: i + 1, quarters: [q, q, q, q] } };
    });
    const out = computeAutoHandicap(
      teams.map((t) => t.history),
      { strength: Number(row.strength), maxCsat: Number(row["max csat"]), maxPointsFactor: Number(row["max factor"]) },
    );
    const got = out.map((h, i) => `${teams[i]!.name}:${h.csat}/${h.pointsFactor}`).join("; ");
    assert.equal(got, row.expect);
  });
}
