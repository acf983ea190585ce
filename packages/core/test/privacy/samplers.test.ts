import { describe, expect, it } from 'vitest';
import { bernoulli, bernoulliExp, rational, sampleDiscreteGaussian, sampleDiscreteLaplace, type Rational } from '../../src/index.ts';
import { fit, gaussianPmf, laplacePmf, seededRandom } from './helpers.ts';

const N = 200_000;
const draw = (n: number, f: () => bigint): bigint[] => Array.from({ length: n }, f);

describe('Bernoulli samplers (CKS 2020 Algorithm 1)', () => {
  // 100 000 draws each; |frequency − p| ≤ 5 standard errors (false failure < 1e-6 per case).
  it.each([
    ['0', rational(0)],
    ['1/3', rational(1, 3)],
    ['1', rational(1)],
    ['5/2', rational(5, 2)],
    ['7', rational(7)],
    ['123456789/10000000', rational(123456789, 10000000)],
  ] as Array<[string, Rational]>)('[P4] Bernoulli(exp(−%s)) has frequency exp(−γ)', (label, gamma) => {
    const rng = seededRandom(`bexp ${label}`);
    const n = 100_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (bernoulliExp(rng, gamma)) hits++;
    const p = Math.exp(-Number(gamma.num) / Number(gamma.den));
    expect(Math.abs(hits / n - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / n) + 1e-12);
  });

  it('Bernoulli(p) for a rational p has frequency p, and 0 and 1 are certain', () => {
    const rng = seededRandom('bern');
    const n = 100_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (bernoulli(rng, rational(2, 7))) hits++;
    expect(Math.abs(hits / n - 2 / 7)).toBeLessThan(5 * Math.sqrt((2 / 7) * (5 / 7) / n));
    expect(bernoulli(rng, rational(0))).toBe(false);
    expect(bernoulli(rng, rational(1))).toBe(true);
    expect(() => bernoulli(rng, rational(3, 2))).toThrow(RangeError);
    expect(() => bernoulliExp(rng, rational(-1))).toThrow(RangeError);
  });
});

describe('discrete Laplace (CKS 2020 Algorithm 2): exact PMF over 200 000 seeded draws', () => {
  it.each([
    ['3/2', rational(3, 2), 1.5],
    ['10', rational(10), 10],
  ] as Array<[string, Rational, number]>)('[P4] scale %s fits (1−q)/(1+q)·q^|x|, q = e^{−1/t}: chi-square and KS at 1e-4', (label, scale, t) => {
    const rng = seededRandom(`laplace ${label}`);
    const xs = draw(N, () => sampleDiscreteLaplace(rng, scale));
    expect(xs.every((x) => typeof x === 'bigint')).toBe(true);
    const r = fit(xs, laplacePmf(t), Math.ceil(60 * t));
    expect(r.dof).toBeGreaterThan(10);
    expect(r.chi2).toBeLessThan(r.critical);
    expect(r.ks).toBeLessThan(r.ksCritical);
    // Symmetric with mean 0 and variance 2q/(1−q)².
    const q = Math.exp(-1 / t);
    const mean = xs.reduce((s, x) => s + Number(x), 0) / N;
    const variance = xs.reduce((s, x) => s + Number(x) ** 2, 0) / N - mean ** 2;
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / N));
    expect(variance / ((2 * q) / (1 - q) ** 2)).toBeCloseTo(1, 1);
  });

  it('a wrong PMF is rejected by the same test (the test has power)', () => {
    const rng = seededRandom('laplace power');
    const xs = draw(N, () => sampleDiscreteLaplace(rng, rational(3, 2)));
    const r = fit(xs, laplacePmf(1.6), 100);
    expect(r.chi2).toBeGreaterThan(r.critical);
  });
});

describe('discrete Gaussian (CKS 2020 Algorithm 3): exact PMF over 200 000 seeded draws', () => {
  it.each([
    ['1/2', rational(1, 2), 0.5],
    ['20', rational(20), 20],
  ] as Array<[string, Rational, number]>)('[P4] σ² = %s fits e^{−x²/2σ²}/Z: chi-square and KS at 1e-4', (label, sigma2, s2) => {
    const rng = seededRandom(`gauss ${label}`);
    const xs = draw(N, () => sampleDiscreteGaussian(rng, sigma2));
    expect(xs.every((x) => typeof x === 'bigint')).toBe(true);
    const r = fit(xs, gaussianPmf(s2), Math.ceil(40 * Math.sqrt(s2)) + 10);
    expect(r.dof).toBeGreaterThanOrEqual(4);
    expect(r.chi2).toBeLessThan(r.critical);
    expect(r.ks).toBeLessThan(r.ksCritical);
  });

  it('a wrong PMF is rejected by the same test (the test has power)', () => {
    const rng = seededRandom('gauss power');
    const xs = draw(N, () => sampleDiscreteGaussian(rng, rational(20)));
    expect(fit(xs, gaussianPmf(21), 200).chi2).toBeGreaterThan(fit(xs, gaussianPmf(20), 200).critical);
  });

  it('huge variances (σ² = 10¹²) stay exact integers with the right spread', () => {
    const rng = seededRandom('gauss huge');
    const xs = draw(20_000, () => sampleDiscreteGaussian(rng, rational(10n ** 12n)));
    const sd = Math.sqrt(xs.reduce((s, x) => s + Number(x) ** 2, 0) / xs.length);
    expect(sd / 1e6).toBeGreaterThan(0.97);
    expect(sd / 1e6).toBeLessThan(1.03);
    expect(xs.some((x) => x % 2n !== 0n)).toBe(true);
  });

  it('rejects non-positive parameters', () => {
    const rng = seededRandom('bad');
    expect(() => sampleDiscreteGaussian(rng, rational(0))).toThrow(RangeError);
    expect(() => sampleDiscreteLaplace(rng, rational(-1, 2))).toThrow(RangeError);
  });
});
