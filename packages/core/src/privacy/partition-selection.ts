import { ValidationError } from '../errors.ts';
import type { RandomSource } from './random.ts';
import { compare, expLowerBound, floorDiv, rational, type Rational } from './rational.ts';

/**
 * Differentially private partition selection for group-by over an open domain (values nobody
 * declared in advance): a group is released only with a probability that depends on how many
 * distinct members contribute to it, so a group that exists because of one person is almost never
 * shown. Desfontaines, Voss, Gipson and Mandayam, "Differentially private partition selection"
 * (PoPETs 2022, arXiv:2006.03684), Theorem 1: the optimal (ε, δ) mechanism when each member adds
 * to one partition keeps a partition with n members with probability
 *   π(0) = 0,  π(n) = min(1, e^ε·π(n−1) + δ, 1 − e^{−ε}·(1 − δ − π(n−1)))
 * (the "truncated geometric" thresholding). A member in up to k partitions gets ε/k and δ/k per
 * partition (basic composition), as Google's differential-privacy library does.
 *
 * Sampling is exact: the table uses a rational lower bound b ≤ e^{ε/k} and δ/k exactly, and every
 * π(n) is rounded DOWN to a multiple of 2⁻⁶⁴. Each step keeps π(n) ≤ b·π(n−1) + δ/k and
 * π(n) ≤ 1 − (1/b)(1 − δ/k − π(n−1)), and b ≤ e^{ε/k} makes both at least as strict as the
 * theorem's, so the mechanism is (ε/k, δ/k)-DP per partition, hence (ε, δ)-DP for the member.
 * It keeps very slightly less often than the ideal (differences of order 1e-12);
 * `partitionKeepProbability` gives the ideal in floating point for display.
 */

export interface PartitionSelectionParams {
  /** Total ε for the selection, over all partitions a member may add to. */
  epsilon: Rational;
  /** Total δ: the chance, at most, that a partition seen because of one member is released. */
  delta: Rational;
  /** k: partitions each member contributes to at most (contributions are bounded to this first). */
  maxPartitionsPerMember: number;
}

const ONE_SHIFT = 64n;
const GRID = 1n << ONE_SHIFT;
/** Refuse parameters whose keep probability would need more steps than this to reach 1. */
export const MAX_SELECTION_STEPS = 2_000_000;

/** A partition selector: the keep-probability table for fixed parameters, grown as needed. */
export interface PartitionSelection {
  readonly params: PartitionSelectionParams;
  /** π(n) exactly, as a rational with denominator 2⁶⁴. */
  keepRatio(n: number): Rational;
  /** Draw whether a partition with n distinct contributing members is released. */
  keep(n: number, rng: RandomSource): boolean;
  /** Smallest n with π(n) = 1 (always kept). */
  alwaysKeptFrom(): number;
}

function checkParams(p: PartitionSelectionParams): { eps: Rational; delta: Rational; k: bigint } {
  const k = p.maxPartitionsPerMember;
  if (!Number.isSafeInteger(k) || k < 1) throw ValidationError.field('maxPartitionsPerMember', 'must be a positive integer');
  if (p.epsilon.den <= 0n || p.epsilon.num <= 0n) throw ValidationError.field('epsilon', 'must be positive');
  if (p.delta.den <= 0n || p.delta.num <= 0n || compare(p.delta, { num: 1n, den: 1n }) >= 0) {
    throw ValidationError.field('delta', 'must be between 0 and 1');
  }
  return { eps: rational(p.epsilon.num, p.epsilon.den * BigInt(k)), delta: rational(p.delta.num, p.delta.den * BigInt(k)), k: BigInt(k) };
}

/** Builds the selector for these parameters (compute once per query, then ask per partition). */
export function createPartitionSelection(params: PartitionSelectionParams): PartitionSelection {
  const { eps, delta } = checkParams(params);
  const b = expLowerBound(eps); // b ≤ e^{ε/k}
  // π on the 2⁻⁶⁴ grid: table[n] = floor(π(n)·2⁶⁴).
  const table: bigint[] = [0n];
  const dn = delta.num;
  const dd = delta.den;
  const step = (m: bigint): bigint => {
    // b·π + δ, on the grid: (b.num·m·dd + dn·2⁶⁴·b.den) / (b.den·dd)
    const c1 = floorDiv(b.num * m * dd + dn * GRID * b.den, b.den * dd);
    // 1 − (1/b)(1 − δ − π): 2⁶⁴ − ⌈b.den·(2⁶⁴·dd − dn·2⁶⁴ − m·dd) / (b.num·dd)⌉
    const inner = GRID * dd - dn * GRID - m * dd;
    const c2 = inner <= 0n ? GRID : GRID + floorDiv(-(b.den * inner), b.num * dd);
    let next = c1 < c2 ? c1 : c2;
    if (next > GRID) next = GRID;
    return next;
  };
  const extendTo = (n: number): void => {
    while (table.length <= n && table[table.length - 1]! < GRID) {
      if (table.length > MAX_SELECTION_STEPS) {
        throw ValidationError.field('epsilon', 'too small for partition selection: raise the budget or lower the partitions per member');
      }
      table.push(step(table[table.length - 1]!));
    }
  };
  const ratioAt = (n: number): bigint => {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('n must be a count ≥ 0');
    extendTo(n);
    return n < table.length ? table[n]! : GRID;
  };
  return {
    params,
    keepRatio: (n) => rational(ratioAt(n), GRID),
    keep: (n, rng) => {
      const m = ratioAt(n);
      if (m === 0n) return false;
      if (m === GRID) return true;
      return rng.below(GRID) < m;
    },
    alwaysKeptFrom: () => {
      extendTo(Number.MAX_SAFE_INTEGER);
      return table.length - 1;
    },
  };
}

/** Whether a partition with n distinct contributing members is released (exact; see createPartitionSelection). */
export function keepPartition(n: number, params: PartitionSelectionParams, rng: RandomSource): boolean {
  return createPartitionSelection(params).keep(n, rng);
}
