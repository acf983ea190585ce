import { describe, expect, it } from 'vitest';
import {
  approxDpFromRhoMicro,
  composeRhoMicro,
  decimal,
  deltaFromRho,
  epsilonFromRho,
  epsilonFromRhoBunSteinke,
  epsilonWithinRhoMicro,
  gaussianSigma2,
  gaussianSigma2ForRhoMicro,
  laplaceScale,
  rational,
  rhoMicroForGaussian,
  rhoMicroForLaplace,
} from '../../src/index.ts';

describe('zCDP accounting in integer micro-ρ', () => {
  it('[P2] Laplace costs ε²/2, rounded up to the next micro-ρ, never down', () => {
    expect(rhoMicroForLaplace(decimal('1'))).toBe(500_000);
    expect(rhoMicroForLaplace(decimal('0.1'))).toBe(5_000);
    // ε = 0.001: ε²/2 = 0.5 micro-ρ → 1.
    expect(rhoMicroForLaplace(decimal('0.001'))).toBe(1);
    // ε = 1/3: ε²/2 = 55 555.55… micro-ρ → 55 556.
    expect(rhoMicroForLaplace(rational(1, 3))).toBe(55_556);
    expect(rhoMicroForLaplace(rational(0))).toBe(0);
  });

  it('[P2] the discrete Gaussian costs Δ₂²/(2σ²) (CKS 2020 Thm 4), rounded up', () => {
    // Δ = 1, σ² = 1: ρ = 1/2.
    expect(rhoMicroForGaussian(1n, rational(1))).toBe(500_000);
    // Δ = 3, σ² = 7: ρ = 9/14 = 0.642857142… → 642 858.
    expect(rhoMicroForGaussian(9n, rational(7))).toBe(642_858);
    // Δ₂² = k·r² for k groups of r rows: 4 groups, 5 rows, σ² = 100 → ρ = 100/200.
    expect(rhoMicroForGaussian(4n * 25n, rational(100))).toBe(500_000);
  });

  it('calibrations from a budget cost exactly that budget or less', () => {
    for (const micro of [1, 7, 1000, 12_345, 500_000, 3_000_000]) {
      for (const l2Squared of [1n, 2n, 9n, 250_000n]) {
        expect(rhoMicroForGaussian(l2Squared, gaussianSigma2ForRhoMicro(l2Squared, micro))).toBe(micro);
      }
      const eps = epsilonWithinRhoMicro(micro);
      expect(rhoMicroForLaplace(eps)).toBeLessThanOrEqual(micro);
      // …and the next ε up (by 10⁻⁹) would overspend: ε is as large as allowed.
      expect(Number(eps.num + 1n) ** 2 / Number(eps.den) ** 2 / 2 * 1e6).toBeGreaterThan(micro);
      // k pure-DP uses within the budget: k·ε²/2 ≤ ρ.
      const e3 = epsilonWithinRhoMicro(micro, 3);
      expect(3 * (Number(e3.num) / Number(e3.den)) ** 2 / 2 * 1e6).toBeLessThanOrEqual(micro + 1e-6);
    }
    expect(laplaceScale(2n, decimal('0.5'))).toEqual(rational(4));
    expect(gaussianSigma2(4n, decimal('0.5'))).toEqual(rational(4));
  });

  it('[P2] composition is addition, exactly', () => {
    expect(composeRhoMicro([1, 2, 3])).toBe(6);
    expect(composeRhoMicro([])).toBe(0);
    expect(() => composeRhoMicro([1.5])).toThrow(RangeError);
    expect(() => composeRhoMicro([-1])).toThrow(RangeError);
  });
});

describe('zCDP → (ε, δ) for display', () => {
  it('Bun–Steinke 2016 Prop. 1.3: ε = ρ + 2√(ρ ln 1/δ)', () => {
    // ρ = 0.5, δ = 1e-6: 0.5 + 2·√(0.5 · 13.815510557964274) = 5.756521769756932.
    expect(epsilonFromRhoBunSteinke(0.5, 1e-6)).toBeCloseTo(5.756521769756932, 12);
    expect(epsilonFromRhoBunSteinke(0, 1e-6)).toBe(0);
  });

  it('CKS 2020 Cor. 13 matches OpenDP’s published values (ρ = 1/32: δ = 1e-3 → ε = 0.6880024554878086; ε = 0 → δ = 0.1508457845622862)', () => {
    // Source: OpenDP, rust/src/combinators/measure_cast/zCDP_to_approxDP/test.rs
    // (test_zCDP_to_approxDP_nontrivial: Gaussian scale 4, sensitivity 1, so ρ = (1/4)²/2).
    const rho = 1 / 32;
    expect(epsilonFromRho(rho, 1e-3)).toBeCloseTo(0.6880024554878086, 12);
    expect(deltaFromRho(rho, 0)).toBeCloseTo(0.1508457845622862, 12);
    expect(deltaFromRho(rho, 0.6880024554878085)).toBeCloseTo(1e-3, 12);
  });

  it('the CKS conversion is never looser than Bun–Steinke, and is its inverse', () => {
    for (const rho of [1e-4, 0.01, 0.1, 0.5, 1, 5]) {
      for (const delta of [1e-3, 1e-6, 1e-9]) {
        const eps = epsilonFromRho(rho, delta);
        expect(eps).toBeLessThanOrEqual(epsilonFromRhoBunSteinke(rho, delta) + 1e-12);
        expect(eps).toBeGreaterThan(0);
        expect(deltaFromRho(rho, eps) / delta).toBeCloseTo(1, 6);
      }
    }
    // ρ = 0.5, δ = 1e-6: the tighter conversion gives ε ≈ 5.2215 against 5.7565.
    expect(epsilonFromRho(0.5, 1e-6)).toBeCloseTo(5.2215344, 6);
  });

  it('a spend shown as (ε, δ) adds the partition-selection δ', () => {
    const shown = approxDpFromRhoMicro(31_250, 1e-3, 1e-7);
    expect(shown.rho).toBe(0.03125);
    expect(shown.delta).toBeCloseTo(1e-3 + 1e-7, 15);
    expect(shown.epsilon).toBeCloseTo(0.6880024554878086, 12);
  });
});
