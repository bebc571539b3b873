import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { SourceTicket } from "@/lib/connectors/types";
import { normalizeZammadAgent, normalizeZammadGroup, normalizeZammadRating, normalizeZammadTicket } from "@/lib/connectors/zammad/normalize";
import { normalizeGlpiAgent, normalizeGlpiGroup, normalizeGlpiRating, normalizeGlpiTicket } from "@/lib/connectors/glpi/normalize";
import { normalizeOtrsRating, normalizeOtrsTicket } from "@/lib/connectors/otrs/normalize";
import { normalizeJiraAgent, normalizeJiraGroup, normalizeJiraRating, normalizeJiraTicket } from "@/lib/connectors/jira/normalize";
import { normalizeRating } from "@/lib/scoring/normalize-rating";
import { T } from "../fixtures/scenario";
import * as zammad from "../fixtures/zammad/bodies";
import * as glpi from "../fixtures/glpi/bodies";
import * as otrs from "../fixtures/otrs/bodies";
import * as jira from "../fixtures/jira/bodies";

/**
 * Contract tests: the recorded real Zammad exchanges (read in place) and the bodies written from
 * each helpdesk's documentation (tests/fixtures/<helpdesk>/) go through the connectors' parsers.
 */

const RECORDED = fs.existsSync(path.resolve(process.cwd(), "..", "shared", "fixtures", "recorded", "zammad"))
  ? path.resolve(process.cwd(), "..", "shared", "fixtures", "recorded", "zammad")
  : "/work/shared/fixtures/recorded/zammad";
type Exchange = { request: { method: string; url: string }; response: { status: number; body: unknown } };
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(RECORDED, f), "utf8")) as Exchange[];
const bodiesOf = (ex: Exchange) => (Array.isArray(ex.response.body) ? ex.response.body : [ex.response.body]);

test("every recorded Zammad body parses: tickets (expanded or not), users, groups; DELETE answers are empty", () => {
  const seen = { tickets: 0, users: 0, groups: 0, deletes: 0 };
  for (const [file, key] of [["tickets.json", "tickets"], ["users.json", "users"], ["groups.json", "groups"]] as const) {
    for (const ex of load(file)) {
      if (ex.request.method === "DELETE") {
        // Zammad answers a delete with "" (tickets) or {} (groups): nothing a sync reads.
        assert.ok(ex.response.body === "" || JSON.stringify(ex.response.body) === "{}", `${ex.request.url} answers an empty body`);
        seen.deletes++;
        continue;
      }
      for (const body of bodiesOf(ex)) {
        if (key === "tickets") {
          const t = normalizeZammadTicket({ ticket: body, history: [] });
          assert.ok(["new", "open", "pending", "solved", "closed", "deleted"].includes(t.status));
          assert.equal(t.events.length, 1, "without history, the creation is the only event");
        } else if (key === "users") {
          const a = normalizeZammadAgent(body);
          assert.ok(a.name.length > 0);
        } else {
          assert.ok(normalizeZammadGroup(body).name.length > 0);
        }
        seen[key]++;
      }
    }
  }
  assert.ok(seen.tickets >= 5 && seen.users >= 8 && seen.groups >= 5, JSON.stringify(seen));
  // The recorded system user "-" is nobody's agent; the recorded customer is not an agent.
  const users = bodiesOf(load("users.json")[0]!).map(normalizeZammadAgent);
  assert.equal(users.find((u) => u.externalId === "2")?.isAgent, false);
  assert.equal(users.find((u) => u.externalId === "2")?.email, "nicole.braun@zammad.org");
});

/** The shared story's checks, whatever the helpdesk. */
function checkStory(t1: SourceTicket, t2: SourceTicket, t3: SourceTicket | null, ids: { anna: string; maria: string }) {
  assert.ok(["solved", "closed"].includes(t1.status));
  assert.equal(t1.solvedAt?.toISOString(), T.t1Closed);
  assert.equal(t1.solverExternalId, ids.anna);
  assert.equal(t2.solverExternalId, ids.maria);
  assert.equal(t2.solvedAt?.toISOString(), T.t2Closed, "the first solve counts");
  const reopen = t2.events.find((e) => (e.from === "solved" || e.from === "closed") && e.to !== "solved" && e.to !== "closed");
  assert.equal(reopen?.at.toISOString(), T.t2Reopened, "the reopen is in the history");
  assert.deepEqual(
    t2.events.map((e) => e.at.toISOString()),
    [T.t2Created, T.t2Closed, T.t2Reopened, T.t2Reclosed],
  );
  if (t3) {
    assert.ok(["open", "new"].includes(t3.status));
    assert.equal(t3.solvedAt, null);
    assert.equal(t3.assigneeExternalId, ids.anna);
  }
}

test("Zammad bodies from the docs: tickets with history, users, groups, CSAT attribute", () => {
  const [t1, t2, t3] = zammad.tickets.map((t) => normalizeZammadTicket({ ticket: t, history: zammad.histories[t.id]!.history }));
  checkStory(t1!, t2!, t3!, { anna: "3", maria: "4" });
  assert.equal(t1!.groupExternalId, "3");
  const agents = zammad.users.map(normalizeZammadAgent);
  assert.deepEqual(agents.filter((a) => a.isAgent).map((a) => a.email), [zammad.users[2]!.email, zammad.users[3]!.email]);
  assert.deepEqual(agents[2]!.groupExternalIds, ["3"]);
  assert.equal(normalizeZammadGroup(zammad.groups[0]).name, "Service Desk");
  const r = normalizeZammadRating(zammad.tickets[0], "csat", "one_to_five");
  assert.deepEqual([r.ticketExternalId, r.rawValue, r.ratedAgentExternalId], ["11", "5", "3"]);
  assert.throws(() => normalizeZammadRating(zammad.tickets[2], "csat", "one_to_five"), /no value in its "csat"/);
});

test("GLPI bodies from the docs: ticket + Log + actors, satisfaction 0…5 scaled to 1–5, users with emails", () => {
  const rec = (id: number) => ({ ticket: glpi.tickets[id], logs: glpi.logs[id], actors: glpi.ticketUsers[id], groups: glpi.groupTickets[id] });
  const [t1, t2, t3] = [11, 12, 13].map((id) => normalizeGlpiTicket(rec(id), "UTC"));
  checkStory(t1!, t2!, t3!, { anna: "5", maria: "6" });
  assert.equal(t2!.rawStatus, "Closed");
  assert.equal(t2!.events[2]!.actorExternalId, "7", "the customer reopened it");
  const r2 = normalizeGlpiRating(glpi.satisfactions[1], "UTC", 5);
  assert.equal(r2.ratedAt.toISOString(), T.t2Rated);
  assert.equal(normalizeRating(r2.scale, r2.rawValue, r2.scaleMax), 2.6);
  assert.throws(() => normalizeGlpiRating(glpi.satisfactions[2], "UTC", 5), /not answered yet/);
  const anna = normalizeGlpiAgent({ ...glpi.users[1], _email: glpi.userEmails[0]!.email, _group_ids: ["3"] });
  assert.deepEqual([anna.name, anna.email], ["Anna Smith", glpi.userEmails[0]!.email]);
  assert.equal(normalizeGlpiGroup(glpi.groups[0]).name, "Service Desk");
  // A date the server's zone shifts: Paris wall time is an hour ahead of UTC in February.
  const paris = normalizeGlpiTicket(rec(11), "Europe/Paris");
  assert.equal(paris.createdAt.toISOString(), "2025-02-01T08:00:00.000Z");
});

test("OTRS/Znuny bodies from the docs: TicketGet + TicketHistoryGet in Berlin time, CSAT dynamic field", () => {
  const [t1, t2, t3] = ["11", "12", "13"].map((id) => normalizeOtrsTicket({ ticket: otrs.tickets[id], history: otrs.histories[id] }, otrs.TZ));
  checkStory(t1!, t2!, t3!, { anna: "2", maria: "3" });
  assert.equal(t2!.events[2]!.actorExternalId, null, "the customer panel acts as user 1, which is nobody");
  assert.equal(t1!.groupExternalId, "4");
  const r = normalizeOtrsRating(otrs.tickets["12"], otrs.TZ, "CSAT", "one_to_five");
  assert.deepEqual([r.ticketExternalId, r.rawValue, r.ratedAt.toISOString()], ["12", "2", T.t2Rated]);
  assert.throws(() => normalizeOtrsRating(otrs.tickets["13"], otrs.TZ, "CSAT", "one_to_five"), /no value in its dynamic field/);
  // Without TicketHistoryGet (not exposed), a closed ticket still counts as solved at its last change.
  const bare = normalizeOtrsTicket({ ticket: otrs.tickets["11"], history: [] }, otrs.TZ);
  assert.equal(bare.solvedAt?.toISOString(), T.t1Rated);
});

test("Jira SM bodies from the docs: issues with changelog, feedback 1–5, agents vs customers, service desks", () => {
  const categories = Object.fromEntries(jira.statuses.map((s) => [s.id, s.statusCategory.key]));
  const [t1, t2] = jira.issues.map((issue) => normalizeJiraTicket({ issue, categories }));
  checkStory(t1!, t2!, null, { anna: jira.anna.accountId, maria: jira.maria.accountId });
  assert.equal(t1!.externalId, "SUP-11");
  assert.equal(t1!.groupExternalId, "SUP");
  const agents = jira.users.map(normalizeJiraAgent);
  assert.deepEqual(agents.map((a) => a.isAgent), [true, true, false]);
  assert.equal(agents[2]!.email, null);
  assert.deepEqual(normalizeJiraGroup(jira.serviceDesks.values[0]), { externalId: "SUP", name: "Support" });
  const r = normalizeJiraRating({ issueId: "10012", issueKey: "SUP-12", assigneeAccountId: jira.maria.accountId, updated: jira.issues[1]!.fields.updated, feedback: jira.feedback["SUP-12"] });
  assert.deepEqual([r.rawValue, r.comment, r.ratedAt.toISOString()], ["2", "Took two tries", T.t2Rated]);
  assert.throws(() => normalizeJiraRating({ issueId: "1", issueKey: "SUP-1", assigneeAccountId: null, updated: jira.issues[0]!.fields.updated, feedback: { type: "csat", rating: 7 } }), /rating/);
});

test("a system close after an agent's 'pending close' credits that agent; a system close from open is automation", () => {
  const base = zammad.tickets[0]!;
  const hist = (from: string, to: string, by: number, at: string, id: number) => ({ id, o_id: 11, object: "Ticket", type: "updated", attribute: "state", value_from: from, value_to: to, created_by_id: by, created_at: at });
  const pendingClose = normalizeZammadTicket({
    ticket: base,
    history: [hist("new", "pending close", 3, T.t1Closed, 1), hist("pending close", "closed", 1, T.t1Rated, 2)],
  });
  assert.equal(pendingClose.solverExternalId, "3");
  assert.equal(pendingClose.solvedByAutomation, false);
  const scheduler = normalizeZammadTicket({ ticket: base, history: [hist("new", "open", 3, T.t1Closed, 1), hist("open", "closed", 1, T.t1Rated, 2)] });
  assert.equal(scheduler.solvedByAutomation, true);
  // OTRS: "pending auto close+" then the system's close.
  const otrsTicket = normalizeOtrsTicket(
    {
      ticket: otrs.tickets["11"],
      history: [
        { HistoryType: "StateUpdate", Name: "%%new%%pending auto close+%%", CreateBy: "2", CreateTime: "2025-02-01 11:00:00" },
        { HistoryType: "StateUpdate", Name: "%%pending auto close+%%closed successful%%", CreateBy: "1", CreateTime: "2025-02-01 12:30:00" },
      ],
    },
    otrs.TZ,
  );
  assert.deepEqual([otrsTicket.solverExternalId, otrsTicket.solvedByAutomation], ["2", false]);
});

test("each connection form lists exactly the fields its zod schemas accept; secrets are credentials", async () => {
  const { CONNECTION_FORMS } = await import("@/lib/connectors/forms");
  const { CONNECTOR_SCHEMAS } = await import("@/lib/connectors/registry");
  for (const [kind, form] of Object.entries(CONNECTION_FORMS)) {
    const schemas = CONNECTOR_SCHEMAS[kind as keyof typeof CONNECTOR_SCHEMAS];
    assert.deepEqual(form.settings.map((f) => f.name).sort(), Object.keys(schemas.settings.shape).sort(), `${kind} settings`);
    assert.deepEqual(form.credentials.map((f) => f.name).sort(), Object.keys(schemas.credentials.shape).sort(), `${kind} credentials`);
    assert.ok(!form.settings.some((f) => f.secret), `${kind}: no secret among settings`);
  }
});
