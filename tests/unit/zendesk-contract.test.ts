import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { readExportPage, readList } from "@/lib/connectors/zendesk/connector";
import { isAnsweredRating, normalizeAgent, normalizeRating, normalizeTicket } from "@/lib/connectors/zendesk/normalize";

/**
 * Contract: every body recorded from real Zendesk accounts goes through the connector's parser
 * without error. The recordings are read in place from the shared fixtures folder.
 */

export const RECORDED = path.resolve(process.cwd(), "..", "shared", "fixtures", "recorded");
const dir = fs.existsSync(path.join(RECORDED, "zendesk")) ? path.join(RECORDED, "zendesk") : "/work/shared/fixtures/recorded/zendesk";

type Exchange = { request: { method: string; url: string }; response: { status: number; headers: Record<string, string>; body: unknown } };
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Exchange[];

test("every recorded ticket (cursor and time-based exports) normalises; deleted ones are marked deleted", () => {
  let tickets = 0;
  let deleted = 0;
  for (const f of ["incremental-tickets-cursor-and-time.json", "incremental-tickets-values.json"]) {
    for (const ex of load(f)) {
      const body = ex.response.body as { tickets: unknown[] };
      if (ex.request.url.includes("/cursor.json")) {
        const page = readExportPage(body);
        assert.equal(page.records.length, body.tickets.length);
        assert.ok(page.afterCursor, "cursor pages carry after_cursor");
      }
      for (const raw of body.tickets) {
        const t = normalizeTicket(raw);
        tickets++;
        if (t.isDeleted) {
          deleted++;
          assert.equal(t.status, "deleted");
        }
        assert.ok(t.events.length >= 1);
      }
    }
  }
  assert.ok(tickets > 2000, `${tickets} tickets`);
  assert.ok(deleted > 500, "half of the recorded export is deleted tickets");
});

test("recorded satisfaction ratings: offered surveys are left out, answered ones normalise (good → good_bad 'good')", () => {
  let answered = 0;
  for (const f of ["satisfaction-ratings.json", "satisfaction-ratings-received.json"]) {
    const [list, one] = load(f);
    const { items, next } = readList(list!.response.body, "satisfaction_ratings");
    assert.equal(next, null);
    for (const raw of items.filter(isAnsweredRating)) {
      const r = normalizeRating(raw);
      answered++;
      assert.equal(r.scale, "good_bad");
      assert.equal(r.rawValue, "good");
    }
    const single = normalizeRating((one!.response.body as { satisfaction_rating: unknown }).satisfaction_rating);
    assert.equal(single.ticketExternalId, "35");
    assert.equal(single.comment, "Satisfaction!");
  }
  assert.equal(answered, 2);
});

test("a recorded ticket metric set attaches to a ticket: reopens and solved time come from it", () => {
  const [one] = load("ticket-metrics-one.json");
  const metric = (one!.response.body as { ticket_metric: Record<string, unknown> }).ticket_metric;
  const ticket = { id: 1, status: "solved", created_at: "2012-09-06T20:17:10Z", updated_at: "2015-09-03T00:32:49Z", tags: [] };
  const unsolved = normalizeTicket({ ...ticket, metric_set: metric });
  assert.equal(unsolved.solvedAt?.toISOString(), "2015-09-03T00:32:49.000Z", "no solved_at in metrics: the update time");
  const reopened = normalizeTicket({
    ...ticket,
    assignee_id: 7,
    metric_set: { ...metric, reopens: 2, solved_at: "2012-09-10T00:00:00Z", first_resolution_time_in_minutes: { calendar: 60 } },
  });
  assert.equal(reopened.solvedAt?.toISOString(), "2012-09-06T21:17:10.000Z", "first resolution = created + 60 min");
  const reopens = reopened.events.filter((e) => e.from === "solved" && e.to === "open").length;
  assert.equal(reopens, 2);
  assert.equal(reopened.solverExternalId, "7");
  for (let i = 1; i < reopened.events.length; i++) assert.ok(reopened.events[i]!.at >= reopened.events[i - 1]!.at, "events in time order");
});

test("merged tickets (closed_by_merge) are marked merged; unknown statuses are rejected with the reason", () => {
  const base = { id: 9, created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-02T00:00:00Z" };
  assert.equal(normalizeTicket({ ...base, status: "closed", tags: ["closed_by_merge"] }).isMerged, true);
  assert.equal(normalizeTicket({ ...base, status: "hold" }).status, "pending");
  assert.throws(() => normalizeTicket({ ...base, status: "on-fire" }), /Ticket 9 is malformed: status: unknown status "on-fire"/);
});

test("every recorded user normalises; end users are not agents", () => {
  let users = 0;
  for (const ex of load("incremental-users.json")) {
    for (const raw of (ex.response.body as { users: unknown[] }).users) {
      const a = normalizeAgent(raw);
      users++;
      assert.equal(a.isAgent, false);
    }
  }
  assert.ok(users > 1000);
  assert.equal(normalizeAgent({ id: 5, name: "Ann", email: "ann@x.io", role: "agent", group_ids: [3] }).isAgent, true);
});
