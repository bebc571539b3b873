import { test } from "node:test";
import assert from "node:assert/strict";
import { normalizeRtRating, normalizeRtTicket } from "@/lib/connectors/rt/normalize";

/** Shapes as a real RT 5.0.3 REST 2 answered them (search item with fields, history with Creator names). */
const user = (id: string) => ({ id, type: "user", _url: `http://rt/REST/2.0/user/${id}` });
const txn = (id: number, Type: string, Created: string, creator: string, extra: Record<string, string> = {}) => ({ id: String(id), Type, Created, Creator: user(creator), Field: "", OldValue: "", NewValue: "", ...extra });
const record = {
  ticket: {
    id: "2",
    Subject: "VPN drops",
    Status: "resolved",
    Queue: { id: "4", Name: "Network" },
    Owner: { ...user("bob"), Name: "bob", EmailAddress: "bob@example.com" },
    Requestor: [user("cara@customer.test")],
    Priority: "0",
    Created: "2026-11-23T21:40:00Z",
    LastUpdated: "2026-11-23T21:45:00Z",
    Resolved: "2026-11-23T21:44:00Z",
    EffectiveId: "2",
    CustomFields: [{ id: "2", name: "CSAT", type: "customfield", values: ["4"] }],
  },
  history: [
    txn(10, "Create", "2026-11-23T21:40:00Z", "root"),
    txn(11, "Status", "2026-11-23T21:41:00Z", "bob", { Field: "Status", OldValue: "new", NewValue: "resolved" }),
    txn(12, "Correspond", "2026-11-23T21:42:00Z", "cara@customer.test"),
    txn(13, "Status", "2026-11-23T21:42:30Z", "root", { Field: "Status", OldValue: "resolved", NewValue: "open" }),
    txn(14, "Correspond", "2026-11-23T21:43:00Z", "bob"),
    txn(15, "Status", "2026-11-23T21:44:00Z", "bob", { Field: "Status", OldValue: "open", NewValue: "resolved" }),
    txn(16, "CustomField", "2026-11-23T21:45:00Z", "root", { Field: "2", NewValue: "4" }),
  ],
};

test("an RT ticket: first solve, reopen, who resolved, agent replies, queue and owner", () => {
  const t = normalizeRtTicket(record);
  assert.equal(t.status, "solved");
  assert.equal(t.solvedAt?.toISOString(), "2026-11-23T21:41:00.000Z");
  assert.equal(t.solverExternalId, "bob");
  assert.equal(t.assigneeExternalId, "bob");
  assert.equal(t.groupExternalId, "4");
  assert.equal(t.isMerged, false);
  assert.deepEqual(t.events.map((e) => `${e.from}>${e.to}${e.publicAgentReply ? " (reply)" : ""}`), ["null>new", "new>solved", "solved>open", "open>solved (reply)"]);
  assert.deepEqual(t.contributors, [{ agentExternalId: "bob", publicReplies: 1, handleSeconds: null }]);
});

test("RT statuses outside the lifecycle are named; merged tickets are flagged", () => {
  assert.throws(() => normalizeRtTicket({ ...record, ticket: { ...record.ticket, Status: "escalated" } }), /status "escalated" is not in the status map/);
  assert.equal(normalizeRtTicket({ ...record, ticket: { ...record.ticket, Status: "escalated" } }, { escalated: "open", new: "new", open: "open", resolved: "solved" }).status, "open");
  assert.equal(normalizeRtTicket({ ...record, ticket: { ...record.ticket, EffectiveId: { id: "1" } } }).isMerged, true);
  assert.throws(() => normalizeRtTicket({ ticket: { ...record.ticket, Created: "soon" }, history: [] }), /ticket.Created: is not a date/);
});

test("CSAT from the custom field: value, time it was set, owner; empty or off-scale values are refused", () => {
  const r = normalizeRtRating(record, { field: "CSAT", scale: "one_to_five" });
  assert.deepEqual([r.externalId, r.ticketExternalId, r.rawValue, r.ratedAgentExternalId, r.ratedAt.toISOString()], ["csat-2", "2", "4", "bob", "2026-11-23T21:45:00.000Z"]);
  const empty = { ...record, ticket: { ...record.ticket, CustomFields: [{ id: "2", name: "CSAT", values: [] }] } };
  assert.throws(() => normalizeRtRating(empty, { field: "CSAT", scale: "one_to_five" }), /CSAT custom field is empty/);
  const nine = { ...record, ticket: { ...record.ticket, CustomFields: [{ id: "2", name: "CSAT", values: ["9"] }] } };
  assert.throws(() => normalizeRtRating(nine, { field: "CSAT", scale: "one_to_five" }), /outside the 1–5 scale/);
  assert.equal(normalizeRtRating(nine, { field: "CSAT", scale: "zero_to_max", scaleMax: 10 }).rawValue, "9");
});
