import type { DemoTimeline } from "./generator";

/**
 * What the demo helpdesk's API shows of a ticket or a rating at a moment: only what happened at
 * or before it. Records are plain JSON, like a real API: ISO strings, string ids, snake_case.
 */

export type RawDemoTicket = {
  id: string;
  subject: string;
  status: string;
  group_id: string | null;
  assignee_id: string | null;
  solver_id: string | null;
  priority: string | null;
  type: string | null;
  created_at: string;
  updated_at: string;
  solved_at: string | null;
  merged: boolean;
  deleted: boolean;
  spam: boolean;
  via_automation: boolean;
  status_history: { at: string; from: string | null; to: string; actor_id: string | null; public_agent_reply: boolean }[];
  contributors: { agent_id: string; public_replies: number; handle_seconds: number | null }[];
};

export type RawDemoRating = {
  id: string;
  ticket_id: string;
  agent_id: string | null;
  scale: "one_to_five";
  score: number;
  comment: string | null;
  created_at: string;
  updated_at: string;
};

const iso = (ms: number) => new Date(ms).toISOString();
const seen = (at: number | null, now: number) => at !== null && at <= now;

/** The time of the ticket's last event visible at `now`, or null when it does not exist yet. */
export function ticketUpdatedAt(t: DemoTimeline, now: number): number | null {
  let last: number | null = null;
  for (const e of t.events) {
    if (e.at > now) break;
    last = e.at;
  }
  return last;
}

export function ticketAt(t: DemoTimeline, now: number): RawDemoTicket | null {
  const events = t.events.filter((e) => e.at <= now);
  const last = events[events.length - 1];
  if (!last) return null;
  const firstSolve = events.find((e) => e.to === "solved");
  const opened = events.length > 1;
  const contributors = firstSolve ? t.contributorsLate : opened ? t.contributorsEarly : [];
  return {
    id: t.id,
    subject: t.subject,
    status: last.to,
    group_id: t.group,
    assignee_id: opened ? t.assignee : null,
    solver_id: firstSolve ? t.solver : null,
    priority: t.priority,
    type: t.type,
    created_at: iso(t.createdAt),
    updated_at: iso(last.at),
    solved_at: firstSolve ? iso(firstSolve.at) : null,
    merged: seen(t.merged, now),
    deleted: seen(t.deleted, now),
    spam: seen(t.spam, now),
    via_automation: false,
    status_history: events.map((e) => ({
      at: iso(e.at),
      from: e.from,
      to: e.to,
      actor_id: e.actor,
      public_agent_reply: e.publicAgentReply,
    })),
    contributors: contributors.map((c) => ({ agent_id: c.agent, public_replies: c.publicReplies, handle_seconds: c.handleSeconds })),
  };
}

/** The index of the rating version visible at `now`, or -1. */
function ratingVersionAt(t: DemoTimeline, now: number): number {
  if (!t.rating) return -1;
  let idx = -1;
  t.rating.versions.forEach((v, i) => {
    if (v.updatedAt <= now) idx = i;
  });
  return idx;
}

export function ratingUpdatedAt(t: DemoTimeline, now: number): number | null {
  const i = ratingVersionAt(t, now);
  return i < 0 ? null : t.rating!.versions[i]!.updatedAt;
}

export function ratingAt(t: DemoTimeline, now: number): RawDemoRating | null {
  const i = ratingVersionAt(t, now);
  if (i < 0) return null;
  const r = t.rating!;
  const v = r.versions[i]!;
  return {
    id: r.id,
    ticket_id: t.id,
    agent_id: r.agent,
    scale: "one_to_five",
    score: v.score,
    comment: v.comment,
    created_at: iso(r.ratedAt),
    updated_at: iso(v.updatedAt),
  };
}
