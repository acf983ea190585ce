/**
 * The ideal keep probability of DP partition selection (Desfontaines et al. 2022, Theorem 1), in
 * floating point, for DISPLAY (how likely a group of n members is to be shown) and as the reference
 * the exact mechanism in partition-selection.ts is tested against. Not used for sampling.
 */

/**
 * Probability that a partition with n distinct contributing members is kept, for a selection
 * that is (ε, δ)-DP for a member in up to k partitions (ε/k, δ/k per partition):
 * π(0) = 0, π(n) = min(1, e^{ε/k}·π(n−1) + δ/k, 1 − e^{−ε/k}·(1 − δ/k − π(n−1))).
 */
export function partitionKeepProbability(n: number, epsilon: number, delta: number, k = 1): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a count ≥ 0');
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError('epsilon must be positive');
  if (!(delta > 0 && delta < 1)) throw new RangeError('delta must be in (0, 1)');
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a positive integer');
  const e = epsilon / k;
  const d = delta / k;
  const up = Math.exp(e);
  const down = Math.exp(-e);
  let p = 0;
  for (let i = 1; i <= n && p < 1; i++) p = Math.min(1, up * p + d, 1 - down * (1 - d - p));
  return p;
}
