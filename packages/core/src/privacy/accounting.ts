import { ceilDiv, isqrt, rational, type Rational } from './rational.ts';

/**
 * Privacy accounting in zero-concentrated DP (Bun and Steinke 2016, "Concentrated Differential
 * Privacy: Simplifications, Extensions, and Lower Bounds", arXiv:1605.02065), in integer micro-ρ
 * (ρ × 10⁶) as the charter stores budgets. Composition is addition. Every cost is rounded UP to
 * the next micro-ρ, every calibration from a budget rounds the privacy parameter DOWN, so the
 * books never show less than was spent.
 */

export const MICRO = 1_000_000n;

function safe(micro: bigint): number {
  if (micro > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('privacy cost is too large to account');
  return Number(micro);
}

/** ρ of an ε-DP release (discrete Laplace with scale Δ₁/ε): ε²/2 (Bun–Steinke 2016 Prop. 1.4), in micro-ρ, rounded up. */
export function rhoMicroForLaplace(epsilon: Rational): number {
  if (epsilon.num < 0n || epsilon.den <= 0n) throw new RangeError('epsilon must be ≥ 0');
  return safe(ceilDiv(epsilon.num * epsilon.num * MICRO, 2n * epsilon.den * epsilon.den));
}

/**
 * ρ of a discrete Gaussian release with variance parameter σ² and L2 sensitivity Δ₂ (given as
 * Δ₂², which is an integer even when Δ₂ = r·√k is not): Δ₂²/(2σ²) (CKS 2020 Theorem 4), in
 * micro-ρ, rounded up.
 */
export function rhoMicroForGaussian(l2Squared: bigint, sigma2: Rational): number {
  if (l2Squared < 0n) throw new RangeError('sensitivity must be ≥ 0');
  if (sigma2.num <= 0n || sigma2.den <= 0n) throw new RangeError('sigma2 must be positive');
  return safe(ceilDiv(l2Squared * sigma2.den * MICRO, 2n * sigma2.num));
}

/** Composition in zCDP: the costs add up (Bun–Steinke 2016 Lemma 2.3). */
export function composeRhoMicro(costs: readonly number[]): number {
  let total = 0n;
  for (const c of costs) {
    if (!Number.isSafeInteger(c) || c < 0) throw new RangeError('costs are non-negative integers (micro-ρ)');
    total += BigInt(c);
  }
  return safe(total);
}

/** σ² = Δ₂²/(2ρ) for a budget of `rhoMicro`: the discrete Gaussian that costs exactly that (CKS 2020 Theorem 4). */
export function gaussianSigma2ForRhoMicro(l2Squared: bigint, rhoMicro: number): Rational {
  if (!Number.isSafeInteger(rhoMicro) || rhoMicro <= 0) throw new RangeError('rhoMicro must be a positive integer');
  if (l2Squared <= 0n) throw new RangeError('sensitivity must be positive');
  return rational(l2Squared * MICRO, 2n * BigInt(rhoMicro));
}

/** Decimal places kept when an ε is derived from a budget (ε is rounded down to a multiple of 10⁻⁹). */
export const EPSILON_DIGITS = 9;
const EPS_SCALE = 10n ** BigInt(EPSILON_DIGITS);

/**
 * The largest ε = m/10⁹ with k·ε²/2 ≤ ρ (ρ = rhoMicro/10⁶): the per-release ε of a pure-DP
 * mechanism used k times within the budget. Zero when the budget is too small.
 */
export function epsilonWithinRhoMicro(rhoMicro: number, k = 1): Rational {
  if (!Number.isSafeInteger(rhoMicro) || rhoMicro < 0) throw new RangeError('rhoMicro must be a non-negative integer');
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError('k must be a positive integer');
  // ε² ≤ 2ρ/k  ⇔  m² ≤ 2·rhoMicro·10¹⁸/(10⁶·k)
  const m = isqrt((2n * BigInt(rhoMicro) * EPS_SCALE * EPS_SCALE) / (MICRO * BigInt(k)));
  return rational(m, EPS_SCALE);
}
