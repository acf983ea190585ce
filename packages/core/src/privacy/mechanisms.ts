import type { RandomSource } from './random.ts';
import { rational, type Rational } from './rational.ts';
import { sampleDiscreteGaussian, sampleDiscreteLaplace } from './samplers.ts';

/**
 * Additive noise mechanisms on integers (rule P4: exact discrete noise, never floating-point
 * Laplace). A value on a grid (cents, seconds, counts) gets integer noise on the same grid.
 */

/** The noise one release gets: discrete Laplace with a scale, or discrete Gaussian with σ². */
export type NoiseSpec = { kind: 'laplace'; scale: Rational } | { kind: 'gaussian'; sigma2: Rational };

function positive(r: Rational, what: string): void {
  if (r.den <= 0n || r.num <= 0n) throw new RangeError(`${what} must be positive`);
}

/** Discrete Laplace scale t = Δ₁/ε: an ε-DP release (and so ε²/2-zCDP). */
export function laplaceScale(sensitivity: bigint, epsilon: Rational): Rational {
  positive(epsilon, 'epsilon');
  if (sensitivity <= 0n) throw new RangeError('sensitivity must be positive');
  return rational(sensitivity * epsilon.den, epsilon.num);
}

/** Discrete Gaussian σ² = Δ₂²/(2ρ): a ρ-zCDP release (CKS 2020 Theorem 4). Takes Δ₂², an integer. */
export function gaussianSigma2(l2Squared: bigint, rho: Rational): Rational {
  positive(rho, 'rho');
  if (l2Squared <= 0n) throw new RangeError('sensitivity must be positive');
  return rational(l2Squared * rho.den, 2n * rho.num);
}

/** value + discrete Laplace noise with scale Δ₁/ε: ε-DP for an L1 sensitivity Δ₁ (integer). */
export function addDiscreteLaplace(value: bigint, sensitivity: bigint, epsilon: Rational, rng: RandomSource): bigint {
  return value + sampleDiscreteLaplace(rng, laplaceScale(sensitivity, epsilon));
}

/** value + discrete Gaussian noise with σ² = Δ₂²/(2ρ): ρ-zCDP for an L2 sensitivity Δ₂ (integer). */
export function addDiscreteGaussian(value: bigint, sensitivity: bigint, rho: Rational, rng: RandomSource): bigint {
  return value + sampleDiscreteGaussian(rng, gaussianSigma2(sensitivity * sensitivity, rho));
}

/** One draw of the noise a spec describes. */
export function sampleNoise(rng: RandomSource, spec: NoiseSpec): bigint {
  return spec.kind === 'laplace' ? sampleDiscreteLaplace(rng, spec.scale) : sampleDiscreteGaussian(rng, spec.sigma2);
}

/** value + noise as the spec says (what the query engine calls for each released number). */
export function addNoise(value: bigint, spec: NoiseSpec, rng: RandomSource): bigint {
  return value + sampleNoise(rng, spec);
}
