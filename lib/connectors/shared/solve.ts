import type { TicketStatus } from "@/db/schema";
import type { SourceStatusEvent } from "../types";

/**
 * Who solved a ticket, and whether a machine did, from its status events.
 *
 * The last move into solved/closed names the solver. When the system made it (no actor) coming
 * out of a pending state, it carried out an agent's "close when pending time runs out" (Zammad's
 * "pending close", OTRS's "pending auto close"): the agent who set the pending state is the solver
 * and it is not automation. A system close from any other state is automation.
 */
const SOLVED = new Set<TicketStatus>(["solved", "closed"]);

export function solveAttribution(events: SourceStatusEvent[], fallback: string | null): { solver: string | null; byAutomation: boolean } {
  const i = events.findLastIndex((e) => SOLVED.has(e.to) && (e.from === null || !SOLVED.has(e.from)));
  const solve = i >= 0 ? events[i]! : undefined;
  if (!solve || solve.from === null) return { solver: solve?.actorExternalId ?? fallback, byAutomation: false };
  if (solve.actorExternalId !== null) return { solver: solve.actorExternalId, byAutomation: false };
  if (solve.from === "pending") {
    const setPending = events.slice(0, i).findLast((e) => e.to === "pending" && e.actorExternalId !== null);
    return { solver: setPending?.actorExternalId ?? fallback, byAutomation: false };
  }
  return { solver: fallback, byAutomation: true };
}
