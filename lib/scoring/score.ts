import type { RuleConfig, ScoredRow, ScoringEngineer, ScoringTicket } from "./types";

const DAY_MS = 86_400_000;
const SOLVED = new Set(["solved", "closed"]);

export type VersionedRules = { id: number; version: number; config: RuleConfig };

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The first moment the ticket reached solved/closed, from its history or its own field. */
export function firstSolvedAt(ticket: ScoringTicket): Date | null {
  const ev = ticket.events.find((e) => SOLVED.has(e.to));
  return ev ? ev.at : ticket.solvedAt;
}

/** The first reopen (solved/closed → anything but solved/closed/deleted) inside the window, if any. */
export function reopenInsideWindow(ticket: ScoringTicket, solvedAt: Date, windowDays: number): Date | null {
  const windowEnd = solvedAt.getTime() + windowDays * DAY_MS;
  for (const e of ticket.events) {
    const t = e.at.getTime();
    if (t <= solvedAt.getTime()) continue;
    if (t > windowEnd) break;
    if (e.from !== null && SOLVED.has(e.from) && !SOLVED.has(e.to) && e.to !== "deleted") return e.at;
  }
  return null;
}

/**
 * Points for one ticket, one row per credited engineer. Pure: the same ticket, engineers, rules
 * and `now` always give the same rows, which is what makes rescoring from scratch equal to
 * incremental updates.
 */
export function scoreTicket(
  ticket: ScoringTicket,
  engineers: ReadonlyMap<number, ScoringEngineer>,
  rules: VersionedRules,
  now: Date,
): ScoredRow[] {
  if (ticket.isDeleted || ticket.isMerged || ticket.isSpam || ticket.solvedByAutomation) return [];
  if (ticket.status === "deleted") return [];
  const solvedAt = firstSolvedAt(ticket);
  if (!solvedAt) return [];
  const credited = [...new Set(ticket.engineerIds)].filter((id) => engineers.has(id)).sort((a, b) => a - b);
  if (credited.length === 0) return [];

  const cfg = rules.config;
  const confirmAfter = new Date(solvedAt.getTime() + cfg.reopenWindowDays * DAY_MS);
  const reopenedAt = reopenInsideWindow(ticket, solvedAt, cfg.reopenWindowDays);
  const share = 1 / credited.length;
  const rating = ticket.rating;
  const gatePassed = rating === null || rating >= cfg.csatGate;

  return credited.map((engineerId) => {
    const eng = engineers.get(engineerId)!;
    const lineCode = ticket.lineCode ?? eng.lineCode;
    const base = lineCode !== null && lineCode in cfg.basePointsByLine ? cfg.basePointsByLine[lineCode]! : cfg.defaultBasePoints;
    const foreign =
      ticket.skillGroupId !== null && eng.skillGroupIds.length > 0 && !eng.skillGroupIds.includes(ticket.skillGroupId);
    const multiplier = foreign ? cfg.crossSkillMultiplier : 1;
    const fiveStarBonus = rating !== null && rating >= 5 ? cfg.fiveStarBonus : 0;

    let total: number;
    let state: ScoredRow["state"];
    if (reopenedAt) {
      total = round3(cfg.reopenPenalty * share);
      state = "revoked";
    } else {
      total = gatePassed ? round3((base * multiplier + fiveStarBonus) * share) : 0;
      state = now.getTime() < confirmAfter.getTime() ? "pending" : "confirmed";
    }
    return {
      ticketId: ticket.id,
      engineerId,
      points: total,
      state,
      earnedAt: solvedAt,
      confirmAfter,
      breakdown: {
        ruleVersion: rules.version,
        lineCode,
        base,
        crossSkill: foreign ? { multiplier, skillGroupId: ticket.skillGroupId } : null,
        rating,
        csatGate: rating === null ? null : { threshold: cfg.csatGate, passed: gatePassed },
        fiveStarBonus: gatePassed ? fiveStarBonus : 0,
        reopen: reopenedAt ? { at: reopenedAt.toISOString(), penalty: cfg.reopenPenalty } : null,
        share: round3(share),
        contributors: credited.length,
        total,
      },
    };
  });
}

/** The rule version in force at `at`: the newest one whose effective date is not after it. */
export function pickRules<T extends { effectiveFrom: Date; version: number }>(versions: readonly T[], at: Date): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    if (v.effectiveFrom.getTime() <= at.getTime() && (!best || v.version > best.version)) best = v;
  }
  // Tickets solved before the first version are scored with the oldest one rather than not at all.
  return best ?? [...versions].sort((a, b) => a.version - b.version)[0];
}
