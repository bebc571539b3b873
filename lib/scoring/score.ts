import type { CreditMode } from "./rules";
import type { PointsBreakdown, RuleConfig, ScoredRow, ScoringEngineer, ScoringTicket } from "./types";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// A function rather than a Set: this runs for every event of every ticket of a rebuild.
const isSolvedState = (s: string | null) => s === "solved" || s === "closed";

export type VersionedRules = { id: number; version: number; config: RuleConfig };

const round3 = (n: number) => Math.round(n * 1000) / 1000 + 0; // + 0 turns −0 into 0

/** The first moment the ticket reached solved/closed, from its history or its own field. */
export function firstSolvedAt(ticket: ScoringTicket): Date | null {
  const events = ticket.events;
  for (let i = 0; i < events.length; i++) if (isSolvedState(events[i]!.to)) return events[i]!.at;
  return ticket.solvedAt;
}

/**
 * A history from its first solve on (whole when it has none), as the lean loaders
 * (lib/sync/scoring-range.ts) read it. `scoreTicket` reads nothing before the first solve (that event is its solve time; reopens are
 * looked for after it; histories are stored in time order), so the scores are the same
 * (tests/unit/scoring-golden.test.ts checks).
 */
export function fromFirstSolve<E extends { to: string }>(events: E[]): E[] {
  const i = events.findIndex((e) => e.to === "solved" || e.to === "closed");
  return i <= 0 ? events : events.slice(i);
}

const isReopen = (e: ScoringTicket["events"][number]) => isSolvedState(e.from) && !isSolvedState(e.to) && e.to !== "deleted";

/**
 * Whether the reopen at `events[i]` is a customer's "thank you": the ticket is solved again within
 * `minutes` of the reopen and no event up to that re-solve says an agent replied publicly. (The
 * reopen's own flag speaks of the time before it, so it is not looked at.) Never re-solved: a reopen.
 */
export function isThankYouReopen(events: ScoringTicket["events"], i: number, minutes: number): boolean {
  if (minutes <= 0) return false;
  const reopenedAt = events[i]!.at.getTime();
  for (let j = i + 1; j < events.length; j++) {
    const e = events[j]!;
    if (e.at.getTime() - reopenedAt > minutes * MINUTE_MS) return false;
    if (e.publicAgentReply) return false;
    if (isSolvedState(e.to)) return true;
  }
  return false;
}

/**
 * The first reopen (solved/closed → anything but solved/closed/deleted) inside the window that is
 * not a "thank you" reopen, and how many "thank you" reopens were passed over on the way.
 */
export function findReopen(
  ticket: ScoringTicket,
  solvedAt: Date,
  windowDays: number,
  thankYouMinutes = 0,
): { at: Date | null; thankYou: number } {
  const solvedMs = solvedAt.getTime();
  const windowEnd = solvedMs + windowDays * DAY_MS;
  // Histories are in order: reopens are looked for after the solve EVENT, not after its time, since
  // a helpdesk that stamps whole seconds (RT) can solve and reopen within one. A solve that is not in
  // the history (only the ticket's own field) is passed by time.
  const solveIndex = ticket.events.findIndex((e) => isSolvedState(e.to) && e.at.getTime() === solvedMs);
  let thankYou = 0;
  for (let i = solveIndex + 1; i < ticket.events.length; i++) {
    const e = ticket.events[i]!;
    const t = e.at.getTime();
    if (solveIndex < 0 && t <= solvedMs) continue;
    if (t > windowEnd) break;
    if (!isReopen(e)) continue;
    if (isThankYouReopen(ticket.events, i, thankYouMinutes)) {
      thankYou++;
      continue;
    }
    return { at: e.at, thankYou };
  }
  return { at: null, thankYou };
}

/** The first reopen inside the window, if any (kept for callers of v1). */
export function reopenInsideWindow(ticket: ScoringTicket, solvedAt: Date, windowDays: number, thankYouMinutes = 0): Date | null {
  return findReopen(ticket, solvedAt, windowDays, thankYouMinutes).at;
}

export type CreditShare = { engineerId: number; share: number; mine?: number; of?: number };
export type Credit = { used: CreditMode; unit?: "replies" | "seconds"; shares: CreditShare[] };

/**
 * Who is credited with a ticket and what share each gets, for a credit mode:
 * - equal: every credited engineer (the contributors known as engineers, else the solver, else the
 *   assignee — `ticket.engineerIds`) gets 1/n;
 * - solver: the solver alone; unknown solver → the last assignee; neither → equal;
 * - last_assignee: the ticket's assignee alone; unknown → the solver; neither → equal;
 * - by_replies: each contributor's public replies / all of them; no contributor or no reply → equal;
 * - by_handle_time: each contributor's handle seconds / all of them; when any contributor's handle
 *   time is unknown (the source has none) or all are 0 → equal.
 * In the proportional modes a contributor with 0 replies (or 0 seconds) gets no row.
 * Only engineers in `engineers` are credited. Shares are in engineer id order.
 */
export function creditShares(ticket: ScoringTicket, engineers: ReadonlyMap<number, unknown>, mode: CreditMode): Credit {
  if (mode === "solver" || mode === "last_assignee") {
    const first = mode === "solver" ? ticket.solverEngineerId : ticket.assigneeEngineerId;
    if (first != null && engineers.has(first)) return { used: mode, shares: [{ engineerId: first, share: 1 }] };
    const other = mode === "solver" ? ticket.assigneeEngineerId : ticket.solverEngineerId;
    if (other != null && engineers.has(other)) return { used: mode === "solver" ? "last_assignee" : "solver", shares: [{ engineerId: other, share: 1 }] };
    return equalSplit(ticket, engineers);
  }
  if (mode === "by_replies" || mode === "by_handle_time") {
    const amounts = new Map<number, number | null>();
    for (const c of ticket.contributors ?? []) {
      if (!engineers.has(c.engineerId)) continue;
      const v = mode === "by_replies" ? c.publicReplies : c.handleSeconds;
      const prev = amounts.get(c.engineerId);
      // One engineer with two helpdesk identities: their amounts add up (unknown stays unknown).
      amounts.set(c.engineerId, prev === undefined ? v : prev === null || v === null ? null : prev + v);
    }
    const values = [...amounts.values()];
    const total = values.reduce<number>((s, v) => s + (v ?? 0), 0);
    if (amounts.size === 0 || values.some((v) => v === null) || !(total > 0)) return equalSplit(ticket, engineers);
    return {
      used: mode,
      unit: mode === "by_replies" ? "replies" : "seconds",
      shares: [...amounts]
        .filter(([, v]) => v! > 0)
        .sort(([a], [b]) => a - b)
        .map(([engineerId, v]) => ({ engineerId, share: v! / total, mine: v!, of: total })),
    };
  }
  return equalSplit(ticket, engineers);
}

/** Equal split among `ticket.engineerIds` known in `engineers`. Most tickets have one engineer: no Set, no sort. */
function equalSplit(ticket: ScoringTicket, engineers: ReadonlyMap<number, unknown>): Credit {
  const ids = ticket.engineerIds;
  if (ids.length === 1) return { used: "equal", shares: engineers.has(ids[0]!) ? [{ engineerId: ids[0]!, share: 1 }] : [] };
  const pool = [...new Set(ids)].filter((id) => engineers.has(id)).sort((a, b) => a - b);
  return { used: "equal", shares: pool.map((engineerId) => ({ engineerId, share: 1 / pool.length })) };
}

// Per weight map: its keys by lower case (the first in sorted order wins), built once per rule set.
const lowerKeys = new WeakMap<Record<string, number>, Map<string, string>>();
const weightOf = (map: Record<string, number>, key: string | null | undefined): [string, number] | null => {
  if (key == null || key === "") return null;
  if (key in map) return [key, map[key]!];
  let lower = lowerKeys.get(map);
  if (!lower) {
    lower = new Map();
    for (const k of Object.keys(map).sort()) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), k);
    lowerKeys.set(map, lower);
  }
  const k = lower.get(key.toLowerCase());
  return k === undefined ? null : [k, map[k]!];
};
const NO_WEIGHTS: Record<string, number> = {};
type Weight = NonNullable<PointsBreakdown["weights"]>[number];
const EMPTY_WEIGHTS = Object.freeze([]) as unknown as Weight[];

/**
 * What scoring derives from a rule config alone, computed once per config object (a rebuild
 * scores a million tickets with the same one). The frozen parts are shared by every breakdown
 * that has them: breakdowns are data, never mutated.
 */
type Compiled = {
  skillGroupWeight: Map<number, Weight>;
  hasPriorityWeights: boolean;
  hasTypeWeights: boolean;
  unratedFactor: number;
  unrated: NonNullable<PointsBreakdown["unrated"]>;
  gatePassed: NonNullable<PointsBreakdown["csatGate"]>;
  gateFailed: NonNullable<PointsBreakdown["csatGate"]>;
  /** The breakdown's `credit` for the modes that are not proportional, by the mode used. */
  creditOf: Map<string, NonNullable<PointsBreakdown["credit"]>>;
};
const compiledRules = new WeakMap<RuleConfig, Compiled>();
function compile(cfg: RuleConfig): Compiled {
  let c = compiledRules.get(cfg);
  if (c) return c;
  const skillGroupWeight = new Map<number, Weight>();
  const sgMap = cfg.skillGroupWeights ?? NO_WEIGHTS;
  for (const k of Object.keys(sgMap)) {
    const w = weightOf(sgMap, k);
    if (w && String(Number(k)) === k) skillGroupWeight.set(Number(k), Object.freeze({ kind: "skill_group", key: w[0], multiplier: w[1] }));
  }
  const policy = cfg.unratedPolicy ?? "full";
  const factor = policy === "full" ? 1 : policy === "half" ? 0.5 : 0;
  const mode = cfg.creditMode ?? "equal";
  c = {
    skillGroupWeight,
    hasPriorityWeights: Object.keys(cfg.priorityWeights ?? NO_WEIGHTS).length > 0,
    hasTypeWeights: Object.keys(cfg.ticketTypeWeights ?? NO_WEIGHTS).length > 0,
    unratedFactor: factor,
    unrated: Object.freeze({ policy, factor }),
    gatePassed: Object.freeze({ threshold: cfg.csatGate, passed: true }),
    gateFailed: Object.freeze({ threshold: cfg.csatGate, passed: false }),
    creditOf: new Map(
      (["solver", "last_assignee", "equal"] as const).map((used) => [used, Object.freeze({ mode, used })] as const),
    ),
  };
  compiledRules.set(cfg, c);
  return c;
}

/**
 * Points for one ticket, one row per credited engineer. Pure: the same ticket, engineers, rules
 * and `now` always give the same rows, which is what makes rescoring from scratch equal to
 * incremental updates.
 *
 * For each credited engineer, in this order:
 *   value = base(line) × skill-group weight × priority weight × type weight × cross-skill
 *   reopened inside the window (not a "thank you")  → reopen penalty × share, revoked
 *   unrated                                          → value × unrated factor (1, ½, 0) × share
 *   rated ≥ gate                                     → (value + five-star bonus if 5) × share
 *   rated < gate                                     → low-rating penalty × share
 * Pending until the reopen window closes, confirmed from then on.
 */
export function scoreTicket(
  ticket: ScoringTicket,
  engineers: ReadonlyMap<number, ScoringEngineer>,
  rules: VersionedRules,
  now: Date,
  /** `breakdown: false` (the what-if, which only adds points up): rows carry SKIPPED_BREAKDOWN. */
  opts?: { breakdown?: boolean },
): ScoredRow[] {
  if (ticket.isDeleted || ticket.isMerged || ticket.isSpam || ticket.solvedByAutomation) return [];
  if (ticket.status === "deleted") return [];
  const solvedAt = firstSolvedAt(ticket);
  if (!solvedAt) return [];
  const cfg = rules.config;
  const c = compile(cfg);
  const credit = creditShares(ticket, engineers, cfg.creditMode ?? "equal");
  const shares = credit.shares;
  if (shares.length === 0) return [];

  const solvedMs = solvedAt.getTime();
  const confirmAfter = new Date(solvedMs + cfg.reopenWindowDays * DAY_MS);
  const reopen = findReopen(ticket, solvedAt, cfg.reopenWindowDays, cfg.thankYouReopenMinutes ?? 0);
  const rating = ticket.rating;
  const gatePassed = rating === null || rating >= cfg.csatGate;
  const lowPenalty = cfg.lowRatingPenalty ?? 0;
  const fiveStarBonus = rating !== null && rating >= 5 && gatePassed ? cfg.fiveStarBonus : 0;
  const pendingState = now.getTime() < confirmAfter.getTime() ? "pending" : "confirmed";
  const withBreakdown = opts?.breakdown !== false;

  // Weights: usually none, so no array is built (the shared empty one is used).
  let weights = EMPTY_WEIGHTS;
  let weightProduct = 1;
  const sg = ticket.skillGroupId === null ? undefined : c.skillGroupWeight.get(ticket.skillGroupId);
  const pr = c.hasPriorityWeights ? weightOf(cfg.priorityWeights, ticket.priority) : null;
  const ty = c.hasTypeWeights ? weightOf(cfg.ticketTypeWeights, ticket.ticketType) : null;
  if (sg || pr || ty) {
    weights = [];
    if (sg) weights.push(sg);
    if (pr) weights.push({ kind: "priority", key: pr[0], multiplier: pr[1] });
    if (ty) weights.push({ kind: "type", key: ty[0], multiplier: ty[1] });
    for (const w of weights) weightProduct *= w.multiplier;
  }
  const reopenAt = reopen.at && withBreakdown ? { at: reopen.at.toISOString(), penalty: cfg.reopenPenalty } : null;
  const creditMode = cfg.creditMode ?? "equal";

  const rows: ScoredRow[] = new Array(shares.length);
  for (let i = 0; i < shares.length; i++) {
    const { engineerId, share, mine, of } = shares[i]!;
    const eng = engineers.get(engineerId)!;
    const lineCode = ticket.lineCode ?? eng.lineCode;
    const byLine = lineCode !== null ? cfg.basePointsByLine[lineCode] : undefined;
    const base = byLine !== undefined && Object.hasOwn(cfg.basePointsByLine, lineCode!) ? byLine : cfg.defaultBasePoints;
    const foreign =
      ticket.skillGroupId !== null && eng.skillGroupIds.length > 0 && !eng.skillGroupIds.includes(ticket.skillGroupId);
    const multiplier = foreign ? cfg.crossSkillMultiplier : 1;

    let total: number;
    let state: ScoredRow["state"];
    if (reopen.at) {
      total = round3(cfg.reopenPenalty * share);
      state = "revoked";
    } else {
      const value = base * weightProduct * multiplier;
      const gross = rating === null ? value * c.unratedFactor : gatePassed ? value + fiveStarBonus : lowPenalty;
      total = round3(gross * share);
      state = pendingState;
    }
    if (!withBreakdown) {
      rows[i] = { ticketId: ticket.id, engineerId, points: total, state, earnedAt: solvedAt, confirmAfter, breakdown: SKIPPED_BREAKDOWN };
      continue;
    }
    const breakdown: PointsBreakdown = {
      ruleVersion: rules.version,
      lineCode,
      base,
      crossSkill: foreign ? { multiplier, skillGroupId: ticket.skillGroupId } : null,
      rating,
      csatGate: rating === null ? null : gatePassed ? c.gatePassed : c.gateFailed,
      fiveStarBonus,
      reopen: reopenAt,
      share: round3(share),
      contributors: shares.length,
      total,
      weights,
      unrated: rating === null ? c.unrated : null,
      lowRatingPenalty: rating !== null && !gatePassed ? lowPenalty : 0,
      credit: credit.unit ? { mode: creditMode, used: credit.used, mine, of, unit: credit.unit } : c.creditOf.get(credit.used)!,
      thankYouReopens: reopen.thankYou,
    };
    rows[i] = { ticketId: ticket.id, engineerId, points: total, state, earnedAt: solvedAt, confirmAfter, breakdown };
  }
  return rows;
}

/** What rows scored with `{ breakdown: false }` carry instead of their reasons; never stored. */
export const SKIPPED_BREAKDOWN: PointsBreakdown = Object.freeze({
  ruleVersion: 0,
  lineCode: null,
  base: 0,
  crossSkill: null,
  rating: null,
  csatGate: null,
  fiveStarBonus: 0,
  reopen: null,
  share: 0,
  contributors: 0,
  total: 0,
}) as PointsBreakdown;

/** The rule version in force at `at`: the newest one whose effective date is not after it. */
export function pickRules<T extends { effectiveFrom: Date; version: number }>(versions: readonly T[], at: Date): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    if (v.effectiveFrom.getTime() <= at.getTime() && (!best || v.version > best.version)) best = v;
  }
  if (best) return best;
  // Tickets solved before the first version are scored with the oldest one rather than not at all.
  for (const v of versions) if (!best || v.version < best.version) best = v;
  return best;
}

/**
 * `pickRules` for many tickets: the versions sorted once, then each pick is a scan from the newest
 * effective date down (one or two versions in practice) instead of a pass over all of them.
 * Picks exactly what `pickRules(versions, at)` picks.
 */
export function rulesPicker<T extends { effectiveFrom: Date; version: number }>(versions: readonly T[]): (at: Date) => T | undefined {
  if (versions.length === 0) return () => undefined;
  if (versions.length === 1) return () => versions[0];
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
  // best[i]: the highest version among sorted[0..i] (those effective by sorted[i]'s date).
  const from = sorted.map((v) => v.effectiveFrom.getTime());
  const best: T[] = [];
  for (const v of sorted) best.push(best.length && best[best.length - 1]!.version > v.version ? best[best.length - 1]! : v);
  const oldest = pickRules(versions, new Date(-8.64e15))!;
  return (at: Date) => {
    const t = at.getTime();
    for (let i = from.length - 1; i >= 0; i--) if (from[i]! <= t) return best[i];
    return oldest;
  };
}
