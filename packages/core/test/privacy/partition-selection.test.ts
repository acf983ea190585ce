import { describe, expect, it } from 'vitest';
import { createPartitionSelection, decimal, keepPartition, partitionKeepProbability, rational, type PartitionSelectionParams, type Rational } from '../../src/index.ts';
import { expLowerBound } from '../../src/privacy/rational.ts';
import { seededRandom } from './helpers.ts';

const f = (r: Rational): number => Number(r.num) / Number(r.den);
const params = (epsilon: string, delta: string, k = 1): PartitionSelectionParams => ({ epsilon: decimal(epsilon), delta: decimal(delta), maxPartitionsPerMember: k });
/** Google's per-partition δ for k partitions: 1 − (1 − δ)^{1/k} (pydp tests' adjust_delta). */
const googleDelta = (delta: number, k: number): number => k * -Math.expm1(Math.log1p(-delta) / k);

describe('DP partition selection (Desfontaines et al. 2022, truncated geometric)', () => {
  // Source: google/differential-privacy cc/algorithms/partition-selection_test.cc
  // (PreaggPartitionSelection, "values calculated with formula"): ε = 0.5, δ = 0.02, one partition per user.
  it.each([
    [0, 0],
    [1, 0.02],
    [6, 0.58840484458],
    [8, 0.86807080625],
    [15, 1],
  ])('Google’s reference, ε = 0.5, δ = 0.02: n = %i kept with probability %f', (n, expected) => {
    expect(partitionKeepProbability(n, 0.5, 0.02)).toBeCloseTo(expected, 10);
    expect(f(createPartitionSelection(params('0.5', '0.02')).keepRatio(n))).toBeCloseTo(expected, 10);
  });

  it('Google’s reference for tiny ε: π(n) = n·δ (ε = 1e-20: δ = 0.02, n = 6 → 0.12, n = 40 → 0.8; δ = 0.15, n = 3 → 0.45)', () => {
    expect(partitionKeepProbability(6, 1e-20, 0.02)).toBeCloseTo(0.12, 12);
    expect(partitionKeepProbability(40, 1e-20, 0.02)).toBeCloseTo(0.8, 12);
    expect(partitionKeepProbability(3, 1e-20, 0.15)).toBeCloseTo(0.45, 12);
    expect(f(createPartitionSelection(params('1e-20', '0.02')).keepRatio(40))).toBeCloseTo(0.8, 12);
  });

  it('PyDP’s reference values (pydp tests/algorithms/test_partition_selection.py, truncated geometric)', () => {
    // (n, ε, δ, k) → probability, with Google's per-partition δ = 1 − (1 − δ)^{1/k}.
    expect(partitionKeepProbability(10, 1, 1e-5, 1)).toBeCloseTo(0.12818308050524607, 12);
    expect(partitionKeepProbability(700, 0.2, googleDelta(1e-7, 10), 10)).toBeCloseTo(0.5800625857189882, 12);
    // Ours splits δ as δ/k (basic composition, exact in rationals): a hair more conservative.
    const ours = f(createPartitionSelection(params('0.2', '1e-7', 10)).keepRatio(700));
    expect(ours).toBeLessThanOrEqual(0.5800625857189882);
    expect(ours).toBeCloseTo(0.5800625857189882, 7);
  });

  it('the exact table stays within 1e-10 of the ideal (float) and never above it', () => {
    for (const [eps, delta, k] of [['0.5', '0.02', 1], ['1', '1e-5', 1], ['0.2', '1e-7', 10], ['2', '1e-9', 3]] as const) {
      const sel = createPartitionSelection(params(eps, delta, k));
      const last = sel.alwaysKeptFrom();
      for (let n = 0; n <= last + 2; n++) {
        const exact = f(sel.keepRatio(n));
        const ideal = partitionKeepProbability(n, Number(eps), Number(delta), k);
        expect(exact).toBeLessThanOrEqual(ideal + 1e-15);
        expect(Math.abs(exact - ideal)).toBeLessThan(1e-10);
      }
      expect(f(sel.keepRatio(last))).toBe(1);
      expect(f(sel.keepRatio(last - 1))).toBeLessThan(1);
    }
  });

  it('the exact table meets the (ε/k, δ/k) constraints in exact arithmetic, both directions', () => {
    const p = params('0.7', '1e-6', 2);
    const sel = createPartitionSelection(p);
    const eps = rational(7, 20); // ε/k
    const delta = rational(1, 2_000_000); // δ/k
    // e^{ε/k} ≥ b, so checking with b (a lower bound) is checking something stricter.
    const b = expLowerBound(eps);
    for (let n = 1; n <= sel.alwaysKeptFrom() + 1; n++) {
      const prev = sel.keepRatio(n - 1);
      const cur = sel.keepRatio(n);
      // π(n) ≤ b·π(n−1) + δ
      expect(cur.num * b.den * prev.den * delta.den <= (b.num * prev.num * delta.den + delta.num * b.den * prev.den) * cur.den).toBe(true);
      // 1 − π(n−1) ≤ b·(1 − π(n)) + δ
      const lhs = rational(prev.den - prev.num, prev.den);
      const rhsNum = b.num * (cur.den - cur.num) * delta.den + delta.num * b.den * cur.den;
      const rhsDen = b.den * cur.den * delta.den;
      expect(lhs.num * rhsDen <= rhsNum * lhs.den).toBe(true);
      // monotone
      expect(prev.num * cur.den <= cur.num * prev.den).toBe(true);
    }
  });

  it('sampling keeps partitions at the tabled rate (seeded, 100 000 draws)', () => {
    const sel = createPartitionSelection(params('0.5', '0.02'));
    const rng = seededRandom('keep');
    const n = 100_000;
    for (const members of [1, 6, 8]) {
      let kept = 0;
      for (let i = 0; i < n; i++) if (sel.keep(members, rng)) kept++;
      const p = f(sel.keepRatio(members));
      expect(Math.abs(kept / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
    expect(keepPartition(0, params('0.5', '0.02'), rng)).toBe(false);
    expect(keepPartition(1000, params('0.5', '0.02'), rng)).toBe(true);
  });

  it('refuses nonsense parameters, naming them', () => {
    expect(() => createPartitionSelection(params('0', '0.02'))).toThrow(/epsilon/);
    expect(() => createPartitionSelection(params('1', '1'))).toThrow(/delta/);
    expect(() => createPartitionSelection({ ...params('1', '1e-6'), maxPartitionsPerMember: 0 })).toThrow(/maxPartitionsPerMember/);
  });
});
