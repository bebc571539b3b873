import { sendJson } from "../helpers/http-server";
import * as j from "../fixtures/jira/bodies";
import { page, type Handler } from "./serve";

/** A Jira Service Management site that knows the fixture's story: basic auth, enhanced JQL search with page tokens. */
export const JIRA_CREDS = { email: "podium@example.com", apiToken: "jira-good-token" };

export const jiraHandler: Handler = (req, res, url) => {
  const expected = `Basic ${Buffer.from(`${JIRA_CREDS.email}:${JIRA_CREDS.apiToken}`).toString("base64")}`;
  if (req.headers.authorization !== expected) return sendJson(res, 401, { errorMessages: ["Client must be authenticated to access this resource."], errors: {} });
  const p = url.pathname;
  if (p === "/rest/api/3/myself") return sendJson(res, 200, j.users[0]);
  if (p === "/rest/api/3/status") return sendJson(res, 200, j.statuses);
  if (p === "/rest/api/3/users/search") return sendJson(res, 200, page(j.users, Number(url.searchParams.get("startAt") ?? 0), Number(url.searchParams.get("maxResults") ?? 50)));
  if (p === "/rest/servicedeskapi/servicedesk") return sendJson(res, 200, j.serviceDesks);
  if (p === "/rest/api/3/search/jql") {
    const jql = url.searchParams.get("jql") ?? "";
    const m = /^updated >= "(\d{4}-\d{2}-\d{2} \d{2}:\d{2})" AND \(statusCategory = Done OR resolution WAS NOT EMPTY\) ORDER BY updated ASC$/.exec(jql);
    if (!m) return sendJson(res, 400, { errorMessages: [`Error in the JQL Query: ${jql}`], errors: {} });
    const since = Date.parse(`${m[1]!.replace(" ", "T")}:00Z`);
    const found = j.issues.filter((i) => j.matchesDoneJql(i) && Date.parse(i.fields.updated.replace("+0000", "Z")) >= since).sort((a, b) => a.fields.updated.localeCompare(b.fields.updated));
    const start = Number(Buffer.from(url.searchParams.get("nextPageToken") ?? "MA", "base64url").toString() || 0);
    const size = Number(url.searchParams.get("maxResults") ?? 50);
    // Like Jira, the search embeds only the first histories (here 2; Jira: 100) and tells the total.
    const embed = (i: (typeof found)[number]) => ({ ...i, changelog: { ...i.changelog, maxResults: 2, histories: i.changelog.histories.slice(0, 2) } });
    const rows = page(found, start, size).map((i) => (url.searchParams.get("expand") === "changelog" ? embed(i) : { ...i, changelog: undefined }));
    const last = start + rows.length >= found.length;
    return sendJson(res, 200, { issues: rows, ...(last ? {} : { nextPageToken: Buffer.from(String(start + rows.length)).toString("base64url") }), isLast: last });
  }
  const cl = /^\/rest\/api\/3\/issue\/(\d+)\/changelog$/.exec(p);
  if (cl) {
    const issue = j.issues.find((i) => i.id === cl[1]);
    if (!issue) return sendJson(res, 404, { errorMessages: ["Issue does not exist or you do not have permission to see it."], errors: {} });
    const startAt = Number(url.searchParams.get("startAt") ?? 0);
    const maxResults = Math.min(Number(url.searchParams.get("maxResults") ?? 100), 2);
    const values = page(issue.changelog.histories, startAt, maxResults);
    const total = issue.changelog.histories.length;
    return sendJson(res, 200, { self: `${p}?startAt=${startAt}`, maxResults, startAt, total, isLast: startAt + values.length >= total, values });
  }
  const fb = /^\/rest\/servicedeskapi\/request\/([A-Z]+-\d+)\/feedback$/.exec(p);
  if (fb) {
    if (req.headers["x-experimentalapi"] !== "opt-in") return sendJson(res, 412, { errorMessage: "This API is experimental. Experimental APIs are not guaranteed to be stable." });
    const f = j.feedback[fb[1]!];
    return f ? sendJson(res, 200, f) : sendJson(res, 404, { errorMessage: "No feedback for this request" });
  }
  sendJson(res, 404, { errorMessages: ["not found"] });
};
