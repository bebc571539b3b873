import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { normalizeAgent, normalizeGroup, normalizeRating, normalizeTicket } from "@/lib/connectors/freshdesk/normalize";
import { normalizeRating as toFive } from "@/lib/scoring/normalize-rating";

/** Contract: every recorded Freshdesk body goes through the connector's parser without error (read in place). */

const local = path.resolve(process.cwd(), "..", "shared", "fixtures", "recorded", "freshdesk");
const dir = fs.existsSync(local) ? local : "/work/shared/fixtures/recorded/freshdesk";
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as unknown;

test("every recorded ticket (v2 with stats, v1 list, search results) normalises", () => {
  const one = normalizeTicket(load("pyfd-ticket_1.json"));
  assert.equal(one.status, "open");
  assert.equal(one.rawStatus, "open");
  assert.equal(one.priority, "low");
  assert.equal(one.ticketType, "Question");
  assert.equal(one.assigneeExternalId, "6010396333");
  const all = (load("pyfd-all_tickets.json") as unknown[]).map(normalizeTicket);
  assert.equal(all.length, 1);
  assert.equal(all[0]!.ticketType, "Question", "v1 ticket_type");
  const search = load("pyfd-search_tickets.json") as { results: unknown[]; total: number };
  assert.equal(search.results.map(normalizeTicket).length, search.total);
});

test("every recorded agent and group normalises; memberships come from groups' agent_ids", () => {
  const agents = [load("pyfd-agent_1.json"), ...(load("pyfd-agents.json") as unknown[])].map(normalizeAgent);
  assert.ok(agents.every((a) => a.isAgent && a.email));
  assert.equal(agents[0]!.name, "Rachel");
  const groups = [load("pyfd-group_1.json"), ...(load("pyfd-groups.json") as unknown[])].map(normalizeGroup);
  assert.equal(groups[0]!.name, "Entertainers");
});

test("statuses 4/5 are solved/closed with the responder as solver; stats.reopened_at counts a reopen", () => {
  const base = { id: 7, responder_id: 3, created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-05T00:00:00Z" };
  const resolved = normalizeTicket({ ...base, status: 4, stats: { resolved_at: "2024-01-02T00:00:00Z", reopened_at: null } });
  assert.equal(resolved.status, "solved");
  assert.equal(resolved.solverExternalId, "3");
  assert.equal(resolved.solvedAt?.toISOString(), "2024-01-02T00:00:00.000Z");
  const reopened = normalizeTicket({ ...base, status: 5, stats: { resolved_at: "2024-01-04T00:00:00Z", closed_at: "2024-01-05T00:00:00Z", reopened_at: "2024-01-03T00:00:00Z" } });
  assert.equal(reopened.status, "closed");
  assert.equal(reopened.events.filter((e) => e.from === "solved" && e.to === "open").length, 1);
  assert.ok(reopened.solvedAt! < new Date("2024-01-03T00:00:00Z"), "the first solve came before the reopen");
  const openAgain = normalizeTicket({ ...base, status: 2, stats: { resolved_at: "2024-01-02T00:00:00Z", reopened_at: "2024-01-03T00:00:00Z" } });
  assert.equal(openAgain.status, "open");
  assert.equal(openAgain.solverExternalId, null);
  for (const t of [resolved, reopened, openAgain]) for (let i = 1; i < t.events.length; i++) assert.ok(t.events[i]!.at >= t.events[i - 1]!.at);
  assert.equal(normalizeTicket({ ...base, status: 2, deleted: true }).isDeleted, true);
  assert.equal(normalizeTicket({ ...base, status: 7 }).status, "pending", "custom statuses wait");
  assert.throws(() => normalizeTicket({ ...base, status: "open" }), /Ticket 7 is malformed: status/);
});

test("ratings on Freshdesk's −103…103 scale normalise to 1–5; values outside it are rejected", () => {
  const r = (v: number) => ({ id: 1, ticket_id: 2, agent_id: 3, feedback: "ok", ratings: { default_question: v }, created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-01T00:00:00Z" });
  const best = normalizeRating(r(103));
  assert.equal(best.scale, "freshdesk_103");
  assert.equal(toFive(best.scale, best.rawValue), 5);
  assert.equal(toFive("freshdesk_103", normalizeRating(r(-103)).rawValue), 1);
  assert.throws(() => normalizeRating(r(42)), /not a Freshdesk answer/);
});
