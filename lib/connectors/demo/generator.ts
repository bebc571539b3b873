import type { TicketStatus } from "@/db/schema";
import { demoComment, demoSubject } from "./content";
import { rng, unit } from "./prng";
import { DEMO_SKILLS, demoRoster, type DemoAgent } from "./roster";

/**
 * The demo helpdesk's history. Ticket k is a pure function of (seed, origin, k): created at
 * origin + (k + jitter) × interval, then a life of status changes, maybe a rating. What a sync
 * sees at a moment `now` is the part of that life at or before `now` (see ./visible.ts).
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const TICKETS_PER_DAY = 170;
export const INTERVAL_MS = DAY / TICKETS_PER_DAY;
/** Every event of a ticket (its rating included) happens within this time after its creation. */
export const MAX_SPAN_MS = 15 * DAY;

/** An agent of the demo helpdesk who is not in the roster: stored, never credited to an engineer. */
export const DEMO_CONTRACTOR = {
  externalId: "agent-990",
  name: "Sam Carter (contractor)",
  email: "sam.carter@outsource.example",
} as const;

export type DemoEvent = {
  at: number;
  from: TicketStatus | null;
  to: TicketStatus;
  actor: string | null;
  publicAgentReply: boolean;
};

export type DemoContributor = { agent: string; publicReplies: number; handleSeconds: number };

export type DemoRatingVersion = { updatedAt: number; score: number; comment: string | null };

export type DemoTimeline = {
  k: number;
  id: string;
  createdAt: number;
  subject: string;
  russian: boolean;
  priority: string;
  type: string;
  group: string;
  assignee: string | null;
  solver: string | null;
  events: DemoEvent[];
  /** Who worked on it, as the source shows it before and after the first solve. */
  contributorsEarly: DemoContributor[];
  contributorsLate: DemoContributor[];
  /** When each flag became true (null: never). */
  merged: number | null;
  deleted: number | null;
  spam: number | null;
  rating: { id: string; agent: string | null; ratedAt: number; versions: DemoRatingVersion[] } | null;
};

export const ticketExternalId = (k: number) => String(100_000 + k);
export const ratingExternalId = (k: number) => String(3_000_000 + k);

const ROSTER = demoRoster();
const LINE_WEIGHT = { L1: 1.3, L2: 1, L3: 0.6 } as const;
const ROSTER_WEIGHTS = ROSTER.map((a) => LINE_WEIGHT[a.lineCode]);
const SOLVE_RANGE: Record<DemoAgent["lineCode"], [number, number]> = {
  L1: [15 * MINUTE, 10 * HOUR],
  L2: [HOUR, 2.5 * DAY],
  L3: [4 * HOUR, 5 * DAY],
};
const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
const TYPES = ["question", "incident", "problem", "task"] as const;
const SCORE_WEIGHTS = { usual: [3, 2, 3, 12, 80], reopened: [20, 15, 20, 20, 25] };

const sec = (ms: number) => Math.floor(ms / 1000) * 1000;

/** Creation time of ticket k: cheap, and never decreasing in k (the window scan relies on it). */
export function createdAtOf(seed: number, origin: number, k: number): number {
  return origin + sec((k + unit(seed, k, "created")) * INTERVAL_MS);
}

export function groupId(lineCode: string, skill: number): string {
  return `grp-${lineCode}-${skill}`;
}

export function generateTicket(seed: number, origin: number, k: number): DemoTimeline {
  const createdAt = createdAtOf(seed, origin, k);
  const r = rng(seed, k, "ticket");
  const contractor = r.chance(0.01);
  const agent = ROSTER[r.weighted(ROSTER_WEIGHTS)]!;
  // Most tickets are routed to the agent's own speciality; some land in another one.
  const foreign = r.chance(0.15);
  const skill = foreign
    ? r.pick([...DEMO_SKILLS.keys()].filter((s) => !agent.skills.includes(s)))
    : r.pick(agent.skills);
  const russian = r.chance(0.3);
  const assignee = contractor ? DEMO_CONTRACTOR.externalId : agent.externalId;
  const t: DemoTimeline = {
    k,
    id: ticketExternalId(k),
    createdAt,
    subject: demoSubject(skill, russian, r),
    russian,
    priority: PRIORITIES[r.weighted([20, 55, 20, 5])]!,
    type: TYPES[r.weighted([45, 35, 10, 10])]!,
    group: groupId(agent.lineCode, skill),
    assignee,
    solver: null,
    events: [{ at: createdAt, from: null, to: "new", actor: null, publicAgentReply: false }],
    contributorsEarly: [],
    contributorsLate: [],
    merged: null,
    deleted: null,
    spam: null,
    rating: null,
  };
  const push = (at: number, to: TicketStatus, actor: string | null, publicAgentReply: boolean) => {
    const prev = t.events[t.events.length - 1]!;
    t.events.push({ at: Math.max(sec(at), prev.at + 1000), from: prev.to, to, actor, publicAgentReply });
    return t.events[t.events.length - 1]!.at;
  };

  const outcome = r.next();
  if (outcome < 0.006) {
    // Spam: thrown away by the first agent who looks at it.
    t.assignee = null;
    t.spam = push(createdAt + r.logUniform(5 * MINUTE, 90 * MINUTE), "deleted", null, false);
    return t;
  }
  const [minSolve, maxSolve] = SOLVE_RANGE[agent.lineCode];
  const solveIn = r.logUniform(minSolve, maxSolve);
  const openAt = push(createdAt + r.logUniform(2 * MINUTE, Math.min(2 * HOUR, solveIn / 2)), "open", assignee, true);
  t.contributorsEarly = [{ agent: assignee, publicReplies: 1, handleSeconds: r.int(60, 600) }];
  if (outcome < 0.012) {
    // A duplicate, merged into another ticket: closed without being solved.
    t.merged = push(openAt + r.logUniform(10 * MINUTE, DAY), "closed", assignee, false);
    return t;
  }
  if (r.chance(0.25)) {
    push(createdAt + solveIn * 0.3, "pending", assignee, true);
    push(createdAt + solveIn * 0.7, "open", null, false);
  }

  const helper = !contractor && r.chance(0.1) ? pickHelper(agent, r.next(), r.next()) : null;
  const solver = helper && r.chance(0.4) ? helper.externalId : assignee;
  t.solver = solver;
  t.contributorsLate = [{ agent: assignee, publicReplies: r.int(1, 6), handleSeconds: r.int(300, 5400) }];
  if (helper) t.contributorsLate.push({ agent: helper.externalId, publicReplies: r.int(1, 4), handleSeconds: r.int(300, 3600) });
  const firstSolve = push(createdAt + solveIn, "solved", solver, true);

  const fate = r.next();
  let lastSolve = firstSolve;
  let reopened = false;
  if (fate < 0.005) {
    t.deleted = push(firstSolve + r.logUniform(HOUR, 3 * DAY), "deleted", assignee, false);
    return t;
  } else if (fate < 0.045) {
    // Came back inside the reopen window: the customer wrote again, the agent fixed it properly.
    const reopenAt = push(firstSolve + r.logUniform(HOUR, 5 * DAY), "open", null, false);
    lastSolve = push(reopenAt + r.logUniform(HOUR, DAY), "solved", solver, true);
    reopened = true;
  } else if (fate < 0.055) {
    // A "thank you" reply reopens it, and it is solved again quickly without a public reply.
    const reopenAt = push(firstSolve + r.logUniform(10 * MINUTE, 2 * DAY), "open", null, false);
    lastSolve = push(reopenAt + r.logUniform(5 * MINUTE, 40 * MINUTE), "solved", solver, false);
  } else if (fate < 0.065 && solveIn <= 2 * DAY) {
    // Came back after the window: the points stay.
    const reopenAt = push(firstSolve + 7 * DAY + r.logUniform(HOUR, 36 * HOUR), "open", null, false);
    lastSolve = push(reopenAt + r.logUniform(HOUR, 12 * HOUR), "solved", solver, true);
  }
  push(lastSolve + 3 * DAY, "closed", null, false);

  const rr = rng(seed, k, "rating");
  if (rr.chance(0.25)) {
    const ratedAt = sec(firstSolve + rr.logUniform(3 * MINUTE, 2 * DAY));
    const score = 1 + rr.weighted(reopened ? SCORE_WEIGHTS.reopened : SCORE_WEIGHTS.usual);
    const versions: DemoRatingVersion[] = [
      { updatedAt: ratedAt, score, comment: rr.chance(0.45) ? demoComment(score, russian, rr) : null },
    ];
    if (rr.chance(0.05)) {
      // The customer changes their mind: a follow-up fixed it, or the problem came back.
      const newScore = score < 4 ? 5 : score === 5 ? 4 : 5;
      versions.push({
        updatedAt: sec(ratedAt + rr.logUniform(HOUR, 2 * DAY)),
        score: newScore,
        comment: demoComment(newScore, russian, rr),
      });
    }
    t.rating = { id: ratingExternalId(k), agent: solver, ratedAt, versions };
  }
  return t;
}

/** A second agent on a shared ticket: usually a colleague of the same line, sometimes the next line. */
function pickHelper(agent: DemoAgent, u1: number, u2: number): DemoAgent {
  const next = agent.lineCode === "L1" ? "L2" : "L3";
  const line = u1 < 0.7 ? agent.lineCode : next;
  const pool = ROSTER.filter((a) => a.lineCode === line && a.externalId !== agent.externalId);
  return pool[Math.floor(u2 * pool.length)]!;
}
