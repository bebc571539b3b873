import { test } from "node:test";
import assert from "node:assert/strict";
import { daysBetween, exportLink } from "@/lib/connectors/freshdesk/connector";
import { eventsFromActivities, normalizeTicket, parseFreshdeskTime } from "@/lib/connectors/freshdesk/normalize";

/**
 * Contract: Freshdesk's ticket activities export (GET /api/v2/export/ticket_activities?created_at=
 * YYYY-MM-DD → a link to the day's JSON file → `activities_data`). Freshdesk's v2 reference does
 * not document it; these bodies follow the shapes the Singer (tap-freshdesk) and Airbyte Freshdesk
 * sources read: `export` as a list or an object with `url`, rows with performed_at
 * "DD-MM-YYYY HH:MM:SS +0000", ticket_id, performer_type, performer_id, activity.status by name.
 */

const dayFile = {
  metadata: { start_at: "01-03-2026 00:00:00 +0000", end_at: "01-03-2026 23:59:59 +0000", activities_count: 4 },
  activities_data: [
    { performed_at: "01-03-2026 09:00:00 +0000", ticket_id: 600, performer_type: "user", performer_id: 9, activity: { new_ticket: true, status: "Open", source: 2 } },
    { performed_at: "01-03-2026 09:40:12 +0000", ticket_id: 600, performer_type: "user", performer_id: 149018, activity: { status: "Resolved", priority: 4 } },
    { performed_at: "01-03-2026 16:05:00 +0530", ticket_id: 600, performer_type: "user", performer_id: 9, activity: { status: "Open", note: { id: 1, type: 2 } } },
    { performed_at: "01-03-2026 11:20:00 +0000", ticket_id: 600, performer_type: "user", performer_id: 149019, activity: { status: "Closed", added_tags: ["vip"] } },
  ],
};

const ticket = (extra: Record<string, unknown>) => ({
  id: 600,
  subject: "Printer",
  status: 5,
  responder_id: 149018,
  created_at: "2026-03-01T09:00:00Z",
  updated_at: "2026-03-01T11:20:00Z",
  stats: { resolved_at: "2026-03-01T11:20:00Z", closed_at: "2026-03-01T11:20:00Z", reopened_at: "2026-03-01T10:35:00Z" },
  ...extra,
});

test("the export's link is read from both seen shapes; anything else is no file", () => {
  assert.equal(exportLink({ export: [{ created_at: "2026-03-02T00:10:00Z", url: "https://s3.amazonaws.com/x/2026-03-01.json?X-Amz-Signature=s" }] }), "https://s3.amazonaws.com/x/2026-03-01.json?X-Amz-Signature=s");
  assert.equal(exportLink({ export: { url: "https://exports.example/2026-03-01.json" } }), "https://exports.example/2026-03-01.json");
  assert.equal(exportLink({ export: {} }), null);
  assert.equal(exportLink({ export: [{ url: "javascript:alert(1)" }] }), null);
  assert.deepEqual(daysBetween("2026-02-27T23:59:00Z", "2026-03-01T00:00:01Z"), ["2026-02-27", "2026-02-28", "2026-03-01"]);
});

test("the export's time format, with its offset, is a point in time", () => {
  assert.equal(new Date(parseFreshdeskTime("01-03-2026 13:05:00 +0530")!).toISOString(), "2026-03-01T07:35:00.000Z");
  assert.equal(new Date(parseFreshdeskTime("2026-03-01T07:35:00Z")!).toISOString(), "2026-03-01T07:35:00.000Z");
  assert.equal(parseFreshdeskTime("yesterday"), null);
});

test("a reopened ticket with its activities: the exact reopen (offset applied), the first resolve earns, the agent whose close stuck solves", () => {
  const t = normalizeTicket(ticket({ activities: dayFile.activities_data }));
  assert.deepEqual(
    t.events.map((e) => [e.at.toISOString(), e.from, e.to, e.actorExternalId]),
    [
      ["2026-03-01T09:00:00.000Z", null, "new", null],
      ["2026-03-01T09:00:00.000Z", "new", "open", null],
      ["2026-03-01T09:40:12.000Z", "open", "solved", "149018"],
      ["2026-03-01T10:35:00.000Z", "solved", "open", null],
      ["2026-03-01T11:20:00.000Z", "open", "closed", "149019"],
    ],
  );
  assert.equal(t.solvedAt?.toISOString(), "2026-03-01T09:40:12.000Z");
  assert.equal(t.solverExternalId, "149019", "not the responder 149018");
});

test("activities that do not tell the whole story (a missing row, a reopen stats do not name) leave stats in charge", () => {
  const partial = dayFile.activities_data.slice(0, 3);
  assert.equal(eventsFromActivities(partial as never, new Date("2026-03-01T09:00:00Z"), "closed", new Date("2026-03-01T10:35:00Z")), null);
  assert.equal(eventsFromActivities(dayFile.activities_data as never, new Date("2026-03-01T09:00:00Z"), "closed", new Date("2026-03-01T10:36:00Z")), null);
  const t = normalizeTicket(ticket({ activities: partial }));
  assert.equal(t.solverExternalId, "149018", "the responder, from stats");
  assert.equal(t.events.filter((e) => e.from === "solved" && e.to === "open")[0]?.at.toISOString(), "2026-03-01T10:35:00.000Z", "stats' reopened_at");
  assert.throws(() => normalizeTicket(ticket({ activities: [{ ticket_id: 600, performed_at: "soon", activity: {} }] })), /Ticket 600 is malformed.*performed_at/s);
});
