import { z } from "zod";
import type { TicketStatus } from "@/db/schema";
import type { SourceAgent, SourceGroup, SourceRating, SourceStatusEvent, SourceTicket } from "../types";
import { idAt, parseRecord } from "../shared/parse";

/**
 * Jira Service Management records → Podium's shapes: issues of the Jira Cloud platform REST API
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/) with their
 * changelog, request feedback of the JSM API
 * (https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-feedback-get),
 * users and service desks. A ticket record is { issue, categories } where `categories` gives the
 * status category (new / indeterminate / done) of each status id the changelog mentions.
 */

/** Jira writes offsets without a colon ("…+0000"). */
const jiraDate = z.string().refine((s) => !Number.isNaN(Date.parse(fixOffset(s))), "expected a Jira date-time");
function fixOffset(s: string) {
  return s.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
}
export const parseJiraDate = (s: string) => new Date(Date.parse(fixOffset(s)));

const UserRef = z.looseObject({ accountId: z.string(), displayName: z.string().nullish(), emailAddress: z.string().nullish() }).nullish();
const StatusRef = z.looseObject({ id: z.string().optional(), name: z.string(), statusCategory: z.looseObject({ key: z.string() }) });

export const JiraHistorySchema = z.looseObject({
  id: z.string(),
  author: UserRef,
  created: jiraDate,
  items: z.array(z.looseObject({ field: z.string(), from: z.string().nullish(), fromString: z.string().nullish(), to: z.string().nullish(), toString: z.string().nullish() })),
});
export const JiraIssueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    summary: z.string().nullish(),
    status: StatusRef,
    assignee: UserRef,
    created: jiraDate,
    updated: jiraDate,
    resolutiondate: jiraDate.nullish(),
    priority: z.looseObject({ name: z.string() }).nullish(),
    issuetype: z.looseObject({ name: z.string() }).nullish(),
    project: z.looseObject({ key: z.string() }).nullish(),
  }),
  changelog: z.looseObject({ histories: z.array(JiraHistorySchema) }).optional(),
});
export const JiraTicketRecordSchema = z.object({ issue: JiraIssueSchema, categories: z.record(z.string(), z.string()) });

export const JiraUserSchema = z.looseObject({
  accountId: z.string().min(1),
  accountType: z.string().optional(),
  displayName: z.string().nullish(),
  emailAddress: z.string().nullish(),
  active: z.boolean().optional(),
});
export const JiraServiceDeskSchema = z.looseObject({ id: z.string(), projectKey: z.string(), projectName: z.string() });
export const JiraFeedbackSchema = z.looseObject({ type: z.string().optional(), rating: z.number().int().min(1).max(5), comment: z.looseObject({ body: z.string().nullish() }).nullish() });
export const JiraRatingRecordSchema = z.object({
  issueId: z.string(),
  issueKey: z.string(),
  assigneeAccountId: z.string().nullable(),
  updated: jiraDate,
  feedback: JiraFeedbackSchema,
});

/** Category "done" is solved; JSM's "Waiting for customer" (or any "pending" status) is pending. */
export function jiraStatus(name: string, category: string): TicketStatus {
  if (category === "done") return "solved";
  const n = name.toLowerCase();
  if (n.includes("waiting for customer") || n.includes("pending")) return "pending";
  return "open";
}
const SOLVED = new Set<TicketStatus>(["solved", "closed"]);

export function normalizeJiraAgent(raw: unknown): SourceAgent {
  const u = parseRecord(JiraUserSchema, raw, "User", idAt(raw, "accountId"));
  // "customer" accounts are portal customers and "app" accounts are bots; agents are "atlassian".
  return { externalId: u.accountId, name: u.displayName || u.accountId, email: u.emailAddress || null, isAgent: (u.accountType ?? "atlassian") === "atlassian", groupExternalIds: [] };
}

export function normalizeJiraGroup(raw: unknown): SourceGroup {
  const d = parseRecord(JiraServiceDeskSchema, raw, "Service desk", idAt(raw, "id"));
  return { externalId: d.projectKey, name: d.projectName };
}

export function normalizeJiraTicket(raw: unknown): SourceTicket {
  const { issue, categories } = parseRecord(JiraTicketRecordSchema, raw, "Issue", idAt(raw, "issue", "key"));
  const f = issue.fields;
  const status = jiraStatus(f.status.name, f.status.statusCategory.key);
  const createdAt = parseJiraDate(f.created);
  const updatedAt = parseJiraDate(f.updated);
  const changes = (issue.changelog?.histories ?? [])
    .flatMap((h) => h.items.filter((i) => i.field === "status").map((i) => ({ h, i, at: parseJiraDate(h.created) })))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.h.id) - Number(b.h.id));
  const statusOf = (id: string | null | undefined, name: string | null | undefined) => jiraStatus(name ?? "", (id && categories[id]) || "indeterminate");
  const events: SourceStatusEvent[] = [{ at: createdAt, from: null, to: "new", actorExternalId: null, publicAgentReply: false }];
  for (const { h, i, at } of changes) {
    // Whether an agent commented publicly is not in the changelog (comments are not read).
    events.push({ at, from: statusOf(i.from, i.fromString), to: statusOf(i.to, i.toString), actorExternalId: h.author?.accountId ?? null, publicAgentReply: false });
  }
  const assignee = f.assignee?.accountId ?? null;
  const lastSolve = [...events].reverse().find((e) => SOLVED.has(e.to) && (e.from === null || !SOLVED.has(e.from)));
  const firstSolve = events.find((e) => SOLVED.has(e.to));
  return {
    externalId: issue.key,
    subject: f.summary ?? "",
    status,
    rawStatus: f.status.name,
    groupExternalId: f.project?.key ?? null,
    assigneeExternalId: assignee,
    solverExternalId: SOLVED.has(status) ? (lastSolve?.actorExternalId ?? assignee) : null,
    priority: f.priority?.name ?? null,
    ticketType: f.issuetype?.name ?? null,
    createdAt,
    updatedAt,
    solvedAt: SOLVED.has(status) ? (firstSolve?.at ?? (f.resolutiondate ? parseJiraDate(f.resolutiondate) : updatedAt)) : null,
    isMerged: false,
    isDeleted: false,
    isSpam: false,
    solvedByAutomation: false,
    events,
    contributors: [],
  };
}

export function normalizeJiraRating(raw: unknown): SourceRating {
  const r = parseRecord(JiraRatingRecordSchema, raw, "Feedback of issue", idAt(raw, "issueKey"));
  // The feedback carries no time: the issue's last update is the closest there is.
  const at = parseJiraDate(r.updated);
  return {
    externalId: `feedback-${r.issueId}`,
    ticketExternalId: r.issueKey,
    ratedAgentExternalId: r.assigneeAccountId,
    scale: "one_to_five",
    rawValue: String(r.feedback.rating),
    comment: r.feedback.comment?.body || null,
    ratedAt: at,
    updatedAt: at,
  };
}
