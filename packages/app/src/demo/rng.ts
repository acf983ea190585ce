/**
 * A small seeded PRNG for synthetic data: sfc32, seeded through splitmix32.
 * Not cryptographic — the demo only needs to be repeatable (same seed, same bytes).
 */

const TWO_32 = 4294967296;

/** One step of splitmix32: a well-mixed 32-bit hash of a 32-bit state. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  u32(): number;
  /** A uniform float in [0, 1). */
  float(): number;
  /** A uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** An index into `weights`, drawn in proportion to them. */
  weighted(weights: readonly number[]): number;
  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T;
}

/**
 * An independent stream for (seed, ...keys): each member and purpose gets its own stream, so
 * changing how one member is simulated never shifts another member's numbers.
 */
export function rngFor(seed: number, ...keys: number[]): Rng {
  // Fold the seed's high bits in too, so seeds beyond 2^32 still differ.
  let h = mix32((seed >>> 0) ^ mix32(Math.floor(seed / TWO_32) >>> 0));
  for (const k of keys) h = mix32(h ^ mix32(k >>> 0));
  let a = mix32(h);
  let b = mix32(a ^ 0x68e31da4);
  let c = mix32(b ^ 0xb5297a4d);
  let d = 1;

  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();

  const float = (): number => u32() / TWO_32;
  return {
    u32,
    float,
    int: (lo, hi) => lo + Math.floor(float() * (hi - lo + 1)),
    chance: (p) => float() < p,
    weighted: (weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let x = float() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i]!;
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    pick: (items) => items[Math.floor(float() * items.length)]!,
  };
}

/** round(a / b) for non-negative integers, halves up, exact while 2a + b < 2^53. */
export function roundDiv(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}
