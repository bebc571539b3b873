import { test } from "node:test";
import assert from "node:assert/strict";
import { readList } from "@/lib/connectors/zendesk/connector";
import { eventsFromAudits, normalizeTicket } from "@/lib/connectors/zendesk/normalize";

/**
 * Contract: ticket audits as Zendesk documents them (developer.zendesk.com, Ticket Audits,
 * "List Audits for a Ticket", and the Ticket Audit events reference: Create and Change events with
 * field_name, value, previous_value; author -1 is the system). No real audit body is recorded
 * in shared/fixtures, so these bodies follow the documentation's example.
 */

const docExample = {
  audits: [
    {
      author_id: 35436,
      created_at: "2009-07-20T22:55:29Z",
      events: [
        { attachments: [], body: "Thanks for your help!", id: 1564245, public: true, type: "Comment" },
        { body: "Ticket #47 has been updated", id: 1564246, subject: "Your ticket has been updated", type: "Notification" },
        { field_name: "status", id: 1564247, previous_value: "open", type: "Change", value: "solved" },
      ],
      id: 2127301143,
      metadata: { custom: {}, system: { client: "Mozilla/5.0", ip_address: "76.218.201.212", location: "San Francisco, CA, United States" } },
      ticket_id: 123,
      via: { channel: "web" },
    },
  ],
  count: 1,
  next_page: null,
  previous_page: null,
};

const audit = (id: number, at: string, author: number, events: Record<string, unknown>[]) => ({ id, ticket_id: 47, created_at: at, author_id: author, via: { channel: "web" }, metadata: {}, events });
const reopened = [
  audit(1, "2026-03-02T09:00:00Z", 9001, [
    { id: 11, type: "Create", field_name: "status", value: "new" },
    { id: 12, type: "Create", field_name: "subject", value: "Printer on fire" },
  ]),
  audit(2, "2026-03-02T10:00:00Z", 501, [{ id: 21, type: "Change", field_name: "status", previous_value: "new", value: "open" }]),
  audit(3, "2026-03-02T11:00:00Z", 501, [
    { id: 31, type: "Comment", body: "Try this", public: true },
    { id: 32, type: "Change", field_name: "status", previous_value: "open", value: "solved" },
  ]),
  audit(4, "2026-03-03T08:15:00Z", 9001, [{ id: 41, type: "Change", field_name: "status", previous_value: "solved", value: "open" }]),
  audit(5, "2026-03-03T16:40:00Z", 502, [{ id: 51, type: "Change", field_name: "status", previous_value: "open", value: "solved" }]),
  audit(6, "2026-03-07T17:00:00Z", -1, [{ id: 61, type: "Change", field_name: "status", previous_value: "solved", value: "closed" }]),
];

const ticket = (extra: Record<string, unknown>) => ({
  id: 47,
  subject: "Printer on fire",
  status: "closed",
  group_id: 7,
  assignee_id: 501,
  created_at: "2026-03-02T09:00:00Z",
  updated_at: "2026-03-07T17:00:00Z",
  tags: [],
  metric_set: { ticket_id: 47, reopens: 1, solved_at: "2026-03-03T16:40:00Z", first_resolution_time_in_minutes: { calendar: 120 } },
  ...extra,
});

test("the documented audits page reads as a list; its status Change is an event at the audit's time, by its author", () => {
  const page = readList(docExample, "audits");
  assert.equal(page.items.length, 1);
  assert.equal(page.next, null);
  const events = eventsFromAudits(page.items as never, new Date("2009-07-20T20:00:00Z"));
  assert.deepEqual(
    events.map((e) => [e.at.toISOString(), e.from, e.to, e.actorExternalId]),
    [
      ["2009-07-20T20:00:00.000Z", null, "new", null],
      ["2009-07-20T22:55:29.000Z", "new", "solved", "35436"],
    ],
  );
});

test("a reopened ticket with its audits: the reopen at its real time, the solver whose solve stuck, the system's close without actor", () => {
  const t = normalizeTicket(ticket({ audits: reopened }));
  assert.deepEqual(
    t.events.map((e) => [e.at.toISOString(), e.from, e.to, e.actorExternalId]),
    [
      ["2026-03-02T09:00:00.000Z", null, "new", null],
      ["2026-03-02T10:00:00.000Z", "new", "open", null],
      ["2026-03-02T11:00:00.000Z", "open", "solved", "501"],
      ["2026-03-03T08:15:00.000Z", "solved", "open", null],
      ["2026-03-03T16:40:00.000Z", "open", "solved", "502"],
      ["2026-03-07T17:00:00.000Z", "solved", "closed", null],
    ],
  );
  assert.equal(t.solvedAt?.toISOString(), "2026-03-02T11:00:00.000Z", "the first solve earns");
  assert.equal(t.solverExternalId, "502", "the agent whose solve stuck, not the assignee (501)");
});

test("without audits (plan without them, or not reopened) the metric sets still give the reopen count, the assignee solves", () => {
  const t = normalizeTicket(ticket({}));
  const reopens = t.events.filter((e) => (e.from === "solved" || e.from === "closed") && e.to === "open");
  assert.equal(reopens.length, 1);
  assert.equal(t.solverExternalId, "501");
  assert.equal(t.solvedAt?.toISOString(), "2026-03-02T11:00:00.000Z");
});

test("hold ↔ pending is no change, undocumented event types and fields are ignored, a malformed audit is rejected with its reason", () => {
  const events = eventsFromAudits(
    [
      audit(1, "2026-03-02T10:00:00Z", 501, [{ id: 1, type: "Change", field_name: "status", previous_value: "new", value: "pending" }]),
      audit(2, "2026-03-02T10:05:00Z", 501, [
        { id: 2, type: "Change", field_name: "status", previous_value: "pending", value: "hold" },
        { id: 3, type: "SomethingNew", field_name: "status", value: "mystery" },
        { id: 4, type: "Change", field_name: "priority", previous_value: "low", value: "high" },
      ]),
    ] as never,
    new Date("2026-03-02T09:00:00Z"),
  );
  assert.deepEqual(events.map((e) => e.to), ["new", "pending"]);
  assert.throws(() => normalizeTicket(ticket({ audits: [{ id: 1, created_at: "yesterday", events: [] }] })), /Ticket 47 is malformed.*created_at/s);
});
