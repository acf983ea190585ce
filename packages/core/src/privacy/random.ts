import type { Rational } from './rational.ts';

/**
 * Where all privacy noise comes from (rule P4). Injected, so that core stays pure and tests can
 * use a seeded deterministic source; production uses `cryptoRandom()`.
 */
export interface RandomSource {
  /** A uniform integer in [0, n) for n ≥ 1, exactly, by rejection (never by modulo or floats). */
  below(n: bigint): bigint;
}

function bitLength(n: bigint): number {
  if (n < 0x1_0000_0000n) return 32 - Math.clz32(Number(n));
  return n.toString(2).length;
}

/**
 * A RandomSource from a generator of uniform random bytes (`fill` overwrites its whole argument).
 * Draws ⌈bits(n−1)/8⌉ bytes, masks the top byte to the bit length and rejects values ≥ n, so each
 * value in [0, n) is exactly equally likely and the expected number of tries is below 2.
 */
export function randomFromBytes(fill: (bytes: Uint8Array) => void, poolSize = 1024): RandomSource {
  const pool = new Uint8Array(poolSize);
  let pos = poolSize;
  const nextByte = (): number => {
    if (pos === poolSize) {
      fill(pool);
      pos = 0;
    }
    return pool[pos++]!;
  };
  return {
    below(n: bigint): bigint {
      if (typeof n !== 'bigint' || n < 1n) throw new RangeError('below(n) needs an integer n ≥ 1');
      if (n === 1n) return 0n;
      const bits = bitLength(n - 1n);
      const bytes = (bits + 7) >> 3;
      const topMask = (1 << (bits - 8 * (bytes - 1))) - 1;
      if (bits <= 48) {
        // Small ranges (nearly every draw) stay in exact integer doubles (< 2⁵³), then convert.
        const limit = Number(n);
        for (;;) {
          let x = nextByte() & topMask;
          for (let i = 1; i < bytes; i++) x = x * 256 + nextByte();
          if (x < limit) return BigInt(x);
        }
      }
      for (;;) {
        let x = BigInt(nextByte() & topMask);
        for (let i = 1; i < bytes; i++) x = (x << 8n) | BigInt(nextByte());
        if (x < n) return x;
      }
    },
  };
}

/** One fair coin flip. */
export const coin = (rng: RandomSource): boolean => rng.below(2n) === 1n;

/** Bernoulli(p) for a rational 0 ≤ p ≤ 1, exactly: true with probability num/den. */
export function bernoulli(rng: RandomSource, p: Rational): boolean {
  if (p.num < 0n || p.num > p.den) throw new RangeError('bernoulli(p) needs 0 ≤ p ≤ 1');
  if (p.num === 0n) return false;
  if (p.num === p.den) return true;
  return rng.below(p.den) < p.num;
}

/** A uniform integer in [lo, hi] (inclusive). */
export function uniformInt(rng: RandomSource, lo: bigint, hi: bigint): bigint {
  if (hi < lo) throw new RangeError('uniformInt needs lo ≤ hi');
  return lo + rng.below(hi - lo + 1n);
}
