/**
 * Ranking rows by a value: ties share a rank ("1, 1, 3"), and every row ranked 1 wears the crown
 * as long as its value is above zero (nobody is crowned for nothing). Pure.
 */

export type Ranked<T> = T & { rank: number; crown: boolean };

export type RankOptions<T> = {
  /** Order among equal values (display only; equal values always share the rank). */
  tieBreak?: (a: T, b: T) => number;
  /** Float sums such as 0.1 + 0.2 are compared with this tolerance. Default 1e-9. */
  epsilon?: number;
};

/** Ranks rows by `value`, highest first. Returns new objects; the input is not changed. */
export function rankBy<T extends object>(rows: readonly T[], value: (row: T) => number, opts: RankOptions<T> = {}): Ranked<T>[] {
  const eps = opts.epsilon ?? 1e-9;
  const sorted = [...rows].sort((a, b) => {
    const d = value(b) - value(a);
    if (Math.abs(d) > eps) return d;
    return opts.tieBreak ? opts.tieBreak(a, b) : 0;
  });
  const out: Ranked<T>[] = [];
  let rank = 0;
  let prev = Number.NaN;
  sorted.forEach((row, i) => {
    const v = value(row);
    if (i === 0 || Math.abs(v - prev) > eps) rank = i + 1;
    prev = v;
    out.push({ ...row, rank, crown: rank === 1 && v > 0 });
  });
  return out;
}

export type WithOwnRow<T> = {
  /** The first `top` rows by position. */
  top: T[];
  /** The viewer's own row wherever it is, or null when the viewer is not on this board. */
  own: T | null;
  /** Whether `own` is already among `top` (then a page shows it highlighted in place). */
  ownInTop: boolean;
};

/** The top N of a ranked list plus the viewer's own row, so everyone sees their place. */
export function withOwnRow<T>(
  ranked: readonly T[],
  top = 10,
  ownId: number | null | undefined,
  idOf: (row: T) => number = (row) => (row as { id: number }).id,
): WithOwnRow<T> {
  const head = ranked.slice(0, Math.max(0, top));
  if (ownId === null || ownId === undefined) return { top: head, own: null, ownInTop: false };
  const index = ranked.findIndex((r) => idOf(r) === ownId);
  if (index < 0) return { top: head, own: null, ownInTop: false };
  return { top: head, own: ranked[index]!, ownInTop: index < head.length };
}
