import { LogRangeError } from './errors.ts';

/**
 * Tree sizes and indexes are plain numbers, not bigint: a collective's log will never hold 2^51
 * entries, and below that bound every value we derive (stored-hash indexes are < 2·size) stays a
 * safe integer. JavaScript's bit operators work on 32 bits only, so all shifts here are exact
 * multiplications and divisions by powers of two instead.
 */
export const MAX_TREE_SIZE = 2 ** 51;

/** Throws unless `n` is an integer in [min, max]. */
export function assertTreeInt(n: number, what: string, min = 0, max = MAX_TREE_SIZE): void {
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new LogRangeError(`${what} must be an integer from ${min} to ${max === MAX_TREE_SIZE ? '2^51' : max}, got ${n}`);
  }
}

/** 2^k, exact for k ≤ 52. */
export function pow2(k: number): number {
  return 2 ** k;
}

/** floor(n / 2^k): n >> k without the 32-bit limit. */
export function shr(n: number, k: number): number {
  return k === 0 ? n : Math.floor(n / 2 ** k);
}

/** Number of trailing zero bits of n ≥ 1. */
export function trailingZeros(n: number): number {
  if (n <= 0x7fffffff) return 31 - Math.clz32(n & -n);
  let z = 0;
  while (n % 2 === 0) {
    n /= 2;
    z++;
  }
  return z;
}

/** True when n ≥ 1 is a power of two. */
export function isPow2(n: number): boolean {
  return n >= 1 && n === 2 ** Math.round(Math.log2(n));
}

/** The largest power of two strictly below n (n ≥ 2), with its exponent: RFC 6962's split point k. */
export function splitPoint(n: number): { k: number; level: number } {
  let level = Math.floor(Math.log2(n - 1));
  // Math.log2 may round near exact powers of two; settle it exactly.
  while (2 ** level >= n) level--;
  while (2 ** (level + 1) < n) level++;
  return { k: 2 ** level, level };
}
