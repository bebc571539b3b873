import { ConnectorAuthError, type ConnectionTestResult } from "../types";
import { ConnectorHttpError } from "./client";

/**
 * "Test connection" answers in the admin's terms: which of domain, credentials, permissions or
 * network is wrong, from the error the shared client threw. Every connector's test uses it.
 */
export function describeTestFailure(e: unknown, helpdesk: string): ConnectionTestResult {
  if (e instanceof ConnectorAuthError) {
    return { ok: false, problem: /HTTP 403/.test(e.message) ? "permissions" : "credentials", message: e.message };
  }
  if (e instanceof ConnectorHttpError) {
    if (e.status === 404 || (e.status !== null && e.status >= 300 && e.status < 400) || /not JSON|domain does not exist/.test(e.message))
      return { ok: false, problem: "domain", message: `${helpdesk} has no account at this address: check the domain. (${e.message})` };
    if (e.status === null) return { ok: false, problem: "unreachable", message: e.message };
    return { ok: false, problem: "other", message: e.message };
  }
  return { ok: false, problem: "other", message: e instanceof Error ? e.message : String(e) };
}
