/**
 * Hash-based randomness for the demo helpdesk: every value is a pure function of its inputs, so
 * ticket k looks the same whenever and however often it is generated (no Math.random).
 */

/** 32-bit avalanche mix (murmur3 finaliser). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A hash of the parts, as an unsigned 32-bit integer. */
export function hash32(...parts: (number | string)[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    const v = typeof p === "number" ? p | 0 : hashString(p);
    h = mix32(h ^ mix32(v + 0x7f4a7c15));
  }
  return h;
}

/** A uniform number in [0, 1) from the parts. */
export function unit(...parts: (number | string)[]): number {
  return hash32(...parts) / 4294967296;
}

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Index chosen in proportion to the weights. */
  weighted(weights: readonly number[]): number;
  /** Log-uniform between min and max: many short values, a long tail (durations). */
  logUniform(min: number, max: number): number;
};

/** A small sequential generator (mulberry32) seeded from the parts; one per aspect of a ticket. */
export function rng(...parts: (number | string)[]): Rng {
  let state = hash32(...parts);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i]!;
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    logUniform: (min, max) => Math.exp(Math.log(min) + next() * (Math.log(max) - Math.log(min))),
  };
}
