import { describe, expect, it } from 'vitest';
import { noiseCoverage, noiseInterval, noiseStdDev, rational, sampleDiscreteGaussian, sampleDiscreteLaplace, type NoiseSpec } from '../../src/index.ts';
import { gaussianPmf, laplacePmf, seededRandom } from './helpers.ts';

/** P(|Z| ≤ k) by summing an independently written PMF term by term. */
function coverageBySum(pmf: (x: number) => number, k: number): number {
  let s = pmf(0);
  for (let x = 1; x <= k; x++) s += 2 * pmf(x);
  return s;
}

describe('95% intervals from the exact PMF', () => {
  it.each([
    ['laplace', rational(3, 2), laplacePmf(1.5)],
    ['laplace', rational(40), laplacePmf(40)],
    ['gaussian', rational(1, 2), gaussianPmf(0.5)],
    ['gaussian', rational(20), gaussianPmf(20)],
    ['gaussian', rational(250_000), gaussianPmf(250_000)],
  ] as const)('%s %o: k is the smallest integer with P(|Z| ≤ k) ≥ 0.95', (kind, param, pmf) => {
    const k = noiseInterval(kind, param);
    expect(Number.isInteger(k)).toBe(true);
    expect(coverageBySum(pmf, k)).toBeGreaterThanOrEqual(0.95);
    if (k > 0) expect(coverageBySum(pmf, k - 1)).toBeLessThan(0.95);
  });

  it('known values: discrete Gaussian σ² = 1 → k = 2; σ = 1000 → 1960 (≈ 1.96σ); Laplace t = 1 → 3', () => {
    expect(noiseInterval('gaussian', rational(1))).toBe(2);
    expect(noiseInterval('gaussian', rational(1_000_000))).toBe(1960);
    // Laplace t = 1: q = 1/e, P(|Z| > k) = 2q^{k+1}/(1+q): k = 2 → 0.0996, k = 3 → 0.0366.
    expect(noiseInterval('laplace', rational(1))).toBe(3);
  });

  it('large σ (tail by Euler–Maclaurin) agrees with term-by-term summation', () => {
    const spec: NoiseSpec = { kind: 'gaussian', sigma2: rational(4e8) }; // σ = 20 000
    const pmf = gaussianPmf(4e8);
    for (const k of [0, 10_000, 39_199, 39_200, 60_000]) expect(noiseCoverage(spec, k)).toBeCloseTo(coverageBySum(pmf, k), 9);
    expect(noiseInterval('gaussian', rational(4e8))).toBe(39_199);
    // σ = 10⁷ (money sums): ≈ 1.959964σ.
    expect(noiseInterval('gaussian', rational(10n ** 14n)) / 1e7).toBeCloseTo(1.959964, 5);
  });

  it('other levels, and the interval really covers: 95% of seeded draws fall inside', () => {
    expect(noiseInterval('gaussian', rational(100), 0.99)).toBeGreaterThan(noiseInterval('gaussian', rational(100), 0.9));
    expect(() => noiseInterval('gaussian', rational(1), 1)).toThrow(RangeError);
    const rng = seededRandom('cover');
    const n = 40_000;
    for (const [kind, param] of [['laplace', rational(5)], ['gaussian', rational(30)]] as const) {
      const k = BigInt(noiseInterval(kind, param));
      let inside = 0;
      for (let i = 0; i < n; i++) {
        const z = kind === 'laplace' ? sampleDiscreteLaplace(rng, param) : sampleDiscreteGaussian(rng, param);
        if (z <= k && z >= -k) inside++;
      }
      const p = noiseCoverage(kind === 'laplace' ? { kind, scale: param } : { kind, sigma2: param }, Number(k));
      expect(Math.abs(inside / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('standard deviations', () => {
    const q = Math.exp(-1 / 2);
    expect(noiseStdDev({ kind: 'laplace', scale: rational(2) })).toBeCloseTo(Math.sqrt((2 * q) / (1 - q) ** 2), 12);
    expect(noiseStdDev({ kind: 'gaussian', sigma2: rational(25) })).toBe(5);
  });
});
