/**
 * The ledger half of the rollup rows (`led` in aggregate.ts), added up in memory from the rows the
 * whole-ledger rebuild scores, instead of aggregating the million rows again in SQL after the load
 * (~3 s of a single PostgreSQL backend at the end of the rebuild). Pure.
 *
 * The same sums as `aggregateSql`, exactly: points in integer thousandths (ledger points are
 * numeric(10,3)), resolution times in integer microseconds, rounded to whole seconds as PostgreSQL
 * casts numeric to bigint (half away from zero). `exact` turns false when a sum could leave the range
 * a double holds exactly; the caller then aggregates in SQL. No dispute adjustments: only for a
 * ledger no dispute points at yet (the rebuild's fresh table).
 */

/** What the rollups read from a ledger row's ticket (tickets and lines in aggregate.ts). */
export type LedgerDayTicket = {
  skillGroupId: number | null;
  lineCode: string | null;
  /** `tickets.solved_at` is set. */
  solved: boolean;
  /** `tickets.reopen_count > 0`. */
  reopened: boolean;
  /** `solved_at − created_at_source` in microseconds (null when not solved). */
  resolutionMicros: number | null;
};

export type LedgerDayRow = {
  engineerId: number;
  earnedAt: Date;
  points: number;
  state: "pending" | "confirmed" | "revoked";
};

type Acc = { points: number; tickets: number; reopened: number; crossSkill: number; hardPoints: number; resolutionMicros: number; resolved: number };

const DAY_MS = 86_400_000;
const HARD_LINES = new Set(["L2", "L3"]);

export class LedgerDays {
  private readonly byEngineer = new Map<number, Map<number, Acc>>();
  /** False once a sum may have lost precision: do not use `copyText` then. */
  exact = true;

  /** `skillsOf`: the engineer's skill groups (cross-skill counts tickets outside them). */
  add(row: LedgerDayRow, ticket: LedgerDayTicket, skillsOf: (engineerId: number) => readonly number[] | undefined): void {
    let days = this.byEngineer.get(row.engineerId);
    if (!days) this.byEngineer.set(row.engineerId, (days = new Map()));
    const day = Math.floor(row.earnedAt.getTime() / DAY_MS);
    let a = days.get(day);
    if (!a) days.set(day, (a = { points: 0, tickets: 0, reopened: 0, crossSkill: 0, hardPoints: 0, resolutionMicros: 0, resolved: 0 }));
    const milli = Math.round(row.points * 1000);
    a.points += milli;
    if (ticket.lineCode !== null && HARD_LINES.has(ticket.lineCode)) a.hardPoints += milli;
    if (row.state !== "revoked") {
      a.tickets++;
      if (ticket.reopened) a.reopened++;
      if (ticket.skillGroupId !== null && !(skillsOf(row.engineerId)?.includes(ticket.skillGroupId) ?? false)) a.crossSkill++;
      if (ticket.solved) {
        a.resolved++;
        if (ticket.resolutionMicros !== null) {
          a.resolutionMicros += ticket.resolutionMicros;
          if (!Number.isSafeInteger(ticket.resolutionMicros) || !Number.isSafeInteger(a.resolutionMicros)) this.exact = false;
        }
      }
    }
    if (!Number.isSafeInteger(a.points) || !Number.isSafeInteger(a.hardPoints)) this.exact = false;
  }

  /**
   * One line per (engineer, UTC day) for COPY … FROM STDIN: engineer_id, day, points, tickets,
   * reopened, cross_skill, hard_points, resolution_seconds, resolved (tab-separated).
   */
  copyText(): string {
    if (!this.exact) throw new Error("ledger day sums are not exact: aggregate in SQL");
    const lines: string[] = [];
    for (const [engineerId, days] of this.byEngineer) {
      for (const [day, a] of days) {
        const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
        lines.push(
          `${engineerId}\t${date}\t${thousandths(a.points)}\t${a.tickets}\t${a.reopened}\t${a.crossSkill}\t${thousandths(a.hardPoints)}\t${wholeSeconds(a.resolutionMicros)}\t${a.resolved}\n`,
        );
      }
    }
    return lines.join("");
  }
}

/** An integer count of thousandths as a decimal with three places ("-1.050"). */
export function thousandths(n: number): string {
  const abs = Math.abs(n);
  const frac = String(abs % 1000).padStart(3, "0");
  return `${n < 0 ? "-" : ""}${Math.floor(abs / 1000)}.${frac}`;
}

/** Microseconds to whole seconds as PostgreSQL casts numeric to bigint: half away from zero. */
export function wholeSeconds(micros: number): number {
  const s = Math.floor((Math.abs(micros) + 500_000) / 1_000_000);
  return micros < 0 ? -s : s;
}
