import { ConnectorAuthError, type ConnectionTestResult } from "../types";
import { ConnectorHttpError } from "./client";

/**
 * "Test connection" answers in the admin's terms: which of domain, credentials, permissions or
 * network is wrong, from the error the shared client threw. Every connector's test uses it.
 * `message` stays English (the helpdesk's detail included); `i18n` is the same answer as a
 * dictionary key, which the action renders in the admin's language.
 */
export function describeTestFailure(e: unknown, helpdesk: string): ConnectionTestResult {
  if (e instanceof ConnectorAuthError) {
    const problem = /HTTP 403/.test(e.message) ? "permissions" : "credentials";
    return { ok: false, problem, message: e.message, i18n: { key: `connTest.${problem}`, vars: { helpdesk, detail: e.message } } };
  }
  if (e instanceof ConnectorHttpError) {
    if (e.status === 404 || (e.status !== null && e.status >= 300 && e.status < 400) || /not JSON|domain does not exist/.test(e.message))
      return {
        ok: false,
        problem: "domain",
        message: `${helpdesk} has no account at this address: check the domain. (${e.message})`,
        i18n: { key: "connTest.domain", vars: { helpdesk, detail: e.message } },
      };
    if (e.status === null) return { ok: false, problem: "unreachable", message: e.message, i18n: { key: "connTest.unreachable", vars: { helpdesk, detail: e.message } } };
    return { ok: false, problem: "other", message: e.message, i18n: { key: "connTest.other", vars: { detail: e.message } } };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { ok: false, problem: "other", message: detail, i18n: { key: "connTest.other", vars: { detail } } };
}
