import { sha256 } from '@noble/hashes/sha2.js';
import { randomFromBytes, type RandomSource } from '../../src/index.ts';

/**
 * A seeded, deterministic RandomSource for tests only: SHA-256 in counter mode over the seed
 * (block i = SHA-256(seed ‖ i as 8 bytes big-endian)). Reproducible across machines; never used
 * for real noise (production uses cryptoRandom(), rule P4).
 */
export function seededRandom(seed: string): RandomSource {
  const key = new TextEncoder().encode(seed);
  const input = new Uint8Array(key.length + 8);
  input.set(key);
  const view = new DataView(input.buffer);
  let counter = 0n;
  return randomFromBytes((bytes) => {
    for (let off = 0; off < bytes.length; off += 32) {
      view.setBigUint64(key.length, counter++);
      const block = sha256(input);
      bytes.set(block.subarray(0, Math.min(32, bytes.length - off)), off);
    }
  }, 8192);
}

/** Wraps a source and counts the draws made through it. */
export function countingRandom(inner: RandomSource): RandomSource & { draws: number } {
  const c = {
    draws: 0,
    below(n: bigint): bigint {
      c.draws++;
      return inner.below(n);
    },
  };
  return c;
}

/**
 * Upper quantile of the standard normal at 1e-4: Φ⁻¹(1 − 10⁻⁴) = 3.719016485… (R: qnorm(1e-4,
 * lower.tail = FALSE); Abramowitz & Stegun Table 26.5).
 */
export const Z_1E4 = 3.719016485455709;

/**
 * Chi-square critical value at upper-tail probability 1e-4 for ν degrees of freedom, by the
 * Wilson–Hilferty approximation χ² ≈ ν·(1 − 2/(9ν) + z·√(2/(9ν)))³ (Wilson & Hilferty 1931;
 * within about 2% of the exact value for ν ≥ 5 at this level, and closer as ν grows).
 */
export function chiSquareCritical1e4(dof: number): number {
  const a = 2 / (9 * dof);
  return dof * (1 - a + Z_1E4 * Math.sqrt(a)) ** 3;
}

/**
 * Kolmogorov–Smirnov critical value from the Dvoretzky–Kiefer–Wolfowitz inequality with
 * Massart's constant: P(sup|Fₙ − F| > λ) ≤ 2·exp(−2nλ²), valid for any distribution (so also
 * discrete ones, where the plain KS test is only conservative).
 */
export function ksCritical(n: number, alpha: number): number {
  return Math.sqrt(Math.log(2 / alpha) / (2 * n));
}

export interface FitResult {
  chi2: number;
  dof: number;
  critical: number;
  ks: number;
  ksCritical: number;
}

/**
 * Goodness of fit of integer samples to a PMF on the integers: chi-square over bins with
 * expected counts ≥ 5 (tails merged into the outermost bins) and the KS distance to the CDF.
 */
export function fit(samples: readonly bigint[], pmf: (x: number) => number, support: number): FitResult {
  const n = samples.length;
  const counts = new Map<number, number>();
  for (const s of samples) counts.set(Number(s), (counts.get(Number(s)) ?? 0) + 1);
  // Central range with expected ≥ 5 at every point.
  let lo = 0;
  while (n * pmf(lo - 1) >= 5) lo--;
  let hi = 0;
  while (n * pmf(hi + 1) >= 5) hi++;
  const bins: Array<{ observed: number; expected: number }> = [];
  for (let x = lo; x <= hi; x++) bins.push({ observed: counts.get(x) ?? 0, expected: n * pmf(x) });
  for (const [x, c] of counts) {
    if (x < lo) bins[0]!.observed += c;
    if (x > hi) bins[bins.length - 1]!.observed += c;
  }
  for (let x = -support; x <= support; x++) {
    if (x < lo) bins[0]!.expected += n * pmf(x);
    if (x > hi) bins[bins.length - 1]!.expected += n * pmf(x);
  }
  const chi2 = bins.reduce((s, b) => s + (b.observed - b.expected) ** 2 / b.expected, 0);
  const dof = bins.length - 1;
  // KS over the integers (both CDFs jump only there).
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  let cdf = 0;
  let ecdf = 0;
  let ks = 0;
  const min = Math.min(sorted[0]!, -support);
  const max = Math.max(sorted[sorted.length - 1]!, support);
  for (let x = min; x <= max; x++) {
    cdf += pmf(x);
    ecdf += (counts.get(x) ?? 0) / n;
    ks = Math.max(ks, Math.abs(ecdf - cdf));
  }
  return { chi2, dof, critical: chiSquareCritical1e4(dof), ks, ksCritical: ksCritical(n, 1e-4) };
}

/** Exact PMF of discrete Laplace with scale t, written out independently of the library. */
export function laplacePmf(t: number): (x: number) => number {
  const q = Math.exp(-1 / t);
  return (x) => ((1 - q) / (1 + q)) * q ** Math.abs(x);
}

/** Exact PMF of the discrete Gaussian with σ², normalised by direct summation. */
export function gaussianPmf(sigma2: number): (x: number) => number {
  const sigma = Math.sqrt(sigma2);
  const reach = Math.ceil(50 * sigma) + 50;
  let z = 0;
  for (let x = -reach; x <= reach; x++) z += Math.exp(-(x * x) / (2 * sigma2));
  return (x) => Math.exp(-(x * x) / (2 * sigma2)) / z;
}
