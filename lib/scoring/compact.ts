import type { PointsBreakdown } from "./types";

/**
 * The ledger stores a breakdown in a compact form: short keys, nulls and usual values left out.
 * A rebuild writes a million rows, and the full form (~300 bytes of JSON each) made writing them
 * cost more than scoring them; the compact one is ~60 bytes. `expandBreakdown` gives back exactly
 * the `PointsBreakdown` that `scoreTicket` built (unit-tested on the golden table), so readers
 * render it with `describeBreakdown` as before. Rows stored in the full form (before this) expand
 * to themselves. Pure.
 *
 *   v ruleVersion        l lineCode (absent: null)    b base          t total
 *   x [crossSkill multiplier, skill group id]          r rating (absent: unrated)
 *   g csat gate threshold; gf 1 when the gate failed (both only when rated)
 *   f fiveStarBonus (absent: 0)   o [reopen at (ISO), penalty]   s share (absent: 1)
 *   n contributors (absent: 1)    w [[kind, key, multiplier]…]  (absent: none)
 *   u unrated policy (only when unrated)  p lowRatingPenalty (absent: 0)
 *   c [mode, used] or [mode, used, mine, of, unit] (absent: equal, equal)   y thank-you reopens (absent: 0)
 */
export type CompactBreakdown = {
  v: number;
  l?: string;
  b: number;
  t: number;
  x?: [number, number | null];
  r?: number;
  g?: number;
  gf?: 1;
  f?: number;
  o?: [string, number];
  s?: number;
  n?: number;
  w?: [string, string, number][];
  u?: "full" | "half" | "none";
  p?: number;
  c?: [string, string] | [string, string, number | undefined, number | undefined, string];
  y?: number;
};

export type StoredBreakdown = PointsBreakdown | CompactBreakdown;

const WEIGHT_KIND = { skill_group: "s", priority: "p", type: "t" } as const;
const KIND_OF = { s: "skill_group", p: "priority", t: "type" } as const;
const UNRATED_FACTOR = { full: 1, half: 0.5, none: 0 } as const;

export function isCompactBreakdown(b: StoredBreakdown): b is CompactBreakdown {
  return (b as CompactBreakdown).v !== undefined;
}

/** The stored form of a breakdown built by `scoreTicket` (full form, every issue #3 field present). */
export function compactBreakdown(b: PointsBreakdown): CompactBreakdown {
  const c: CompactBreakdown = { v: b.ruleVersion, b: b.base, t: b.total };
  if (b.lineCode !== null) c.l = b.lineCode;
  if (b.crossSkill) c.x = [b.crossSkill.multiplier, b.crossSkill.skillGroupId];
  if (b.rating !== null) c.r = b.rating;
  if (b.csatGate) {
    c.g = b.csatGate.threshold;
    if (!b.csatGate.passed) c.gf = 1;
  }
  if (b.fiveStarBonus !== 0) c.f = b.fiveStarBonus;
  if (b.reopen) c.o = [b.reopen.at, b.reopen.penalty];
  if (b.share !== 1) c.s = b.share;
  if (b.contributors !== 1) c.n = b.contributors;
  if (b.weights && b.weights.length) c.w = b.weights.map((w) => [WEIGHT_KIND[w.kind], w.key, w.multiplier]);
  if (b.unrated) c.u = b.unrated.policy;
  if (b.lowRatingPenalty) c.p = b.lowRatingPenalty;
  const cr = b.credit;
  if (cr && cr.unit) c.c = [cr.mode, cr.used, cr.mine, cr.of, cr.unit];
  else if (cr && (cr.mode !== "equal" || cr.used !== "equal")) c.c = [cr.mode, cr.used];
  if (b.thankYouReopens) c.y = b.thankYouReopens;
  return c;
}

/** The full breakdown of a stored one (compact or full). */
export function expandBreakdown(stored: StoredBreakdown): PointsBreakdown {
  if (!isCompactBreakdown(stored)) return stored;
  const c = stored;
  const rated = c.r !== undefined;
  const credit: NonNullable<PointsBreakdown["credit"]> = !c.c
    ? { mode: "equal", used: "equal" }
    : c.c.length === 5
      ? { mode: c.c[0], used: c.c[1], mine: c.c[2], of: c.c[3], unit: c.c[4] as "replies" | "seconds" }
      : { mode: c.c[0], used: c.c[1] };
  return {
    ruleVersion: c.v,
    lineCode: c.l ?? null,
    base: c.b,
    crossSkill: c.x ? { multiplier: c.x[0], skillGroupId: c.x[1] } : null,
    rating: rated ? c.r! : null,
    csatGate: rated ? { threshold: c.g!, passed: c.gf !== 1 } : null,
    fiveStarBonus: c.f ?? 0,
    reopen: c.o ? { at: c.o[0], penalty: c.o[1] } : null,
    share: c.s ?? 1,
    contributors: c.n ?? 1,
    total: c.t,
    weights: (c.w ?? []).map(([k, key, multiplier]) => ({ kind: KIND_OF[k as keyof typeof KIND_OF], key, multiplier })),
    unrated: rated ? null : { policy: c.u ?? "full", factor: UNRATED_FACTOR[c.u ?? "full"] },
    lowRatingPenalty: c.p ?? 0,
    credit,
    thankYouReopens: c.y ?? 0,
  };
}
