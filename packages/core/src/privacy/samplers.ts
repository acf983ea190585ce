import { coin, type RandomSource } from './random.ts';
import { isqrt, rational, type Rational } from './rational.ts';

/**
 * Exact samplers from Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential
 * Privacy" (NeurIPS 2020, arXiv:2004.00010), Algorithms 1–3. Integer and rational arithmetic only:
 * the output distribution is exactly the stated one, given a uniform `RandomSource` (rule P4).
 */

const ONE: Rational = { num: 1n, den: 1n };

/** Bernoulli(exp(−γ)) for γ = a/b ∈ [0, 1] (CKS Algorithm 1, first branch). */
function bernoulliExpUpToOne(rng: RandomSource, a: bigint, b: bigint): boolean {
  // K counts how many Bernoulli(γ/K) successes happen in a row; P[K odd] = exp(−γ).
  let k = 1n;
  while (rng.below(b * k) < a) k += 1n;
  return (k & 1n) === 1n;
}

/** Bernoulli(exp(−γ)) for a rational γ ≥ 0, exactly (CKS 2020 Algorithm 1). */
export function bernoulliExp(rng: RandomSource, gamma: Rational): boolean {
  if (gamma.den <= 0n || gamma.num < 0n) throw new RangeError('bernoulliExp needs γ ≥ 0');
  let a = gamma.num;
  const b = gamma.den;
  // exp(−γ) = exp(−1)^⌊γ⌋ · exp(−(γ − ⌊γ⌋)): one Bernoulli(exp(−1)) per whole unit.
  while (a > b) {
    if (!bernoulliExpUpToOne(rng, 1n, 1n)) return false;
    a -= b;
  }
  return bernoulliExpUpToOne(rng, a, b);
}

function positive(r: Rational, what: string): Rational {
  if (r.den <= 0n || r.num <= 0n) throw new RangeError(`${what} must be positive`);
  return rational(r.num, r.den);
}

/**
 * One draw from the discrete Laplace distribution with scale t (CKS 2020 Algorithm 2):
 * P[X = x] = (e^{1/t} − 1)/(e^{1/t} + 1) · e^{−|x|/t} for every integer x. `scale` = num/den > 0.
 */
export function sampleDiscreteLaplace(rng: RandomSource, scale: Rational): bigint {
  const { num: t, den: s } = positive(scale, 'scale');
  for (;;) {
    // U + t·V is geometric with ratio e^{−1/t}; dividing by s gives ratio e^{−s/t}.
    const u = rng.below(t);
    if (!bernoulliExp(rng, { num: u, den: t })) continue;
    let v = 0n;
    while (bernoulliExp(rng, ONE)) v += 1n;
    const y = (u + t * v) / s;
    const negative = coin(rng);
    if (negative && y === 0n) continue; // −0 would count zero twice
    return negative ? -y : y;
  }
}

/**
 * One draw from the discrete Gaussian with variance parameter σ² (CKS 2020 Algorithm 3):
 * P[X = x] ∝ e^{−x²/(2σ²)} for every integer x. `sigma2` = num/den > 0.
 */
export function sampleDiscreteGaussian(rng: RandomSource, sigma2: Rational): bigint {
  const { num: a, den: b } = positive(sigma2, 'sigma2');
  // t = ⌊σ⌋ + 1; ⌊√(a/b)⌋ = ⌊√⌊a/b⌋⌋.
  const t = isqrt(a / b) + 1n;
  const laplace: Rational = { num: t, den: 1n };
  const gammaDen = 2n * a * b * t * t;
  for (;;) {
    const y = sampleDiscreteLaplace(rng, laplace);
    const absY = y < 0n ? -y : y;
    // Accept with probability exp(−(|y| − σ²/t)² / (2σ²)) = exp(−(|y|·b·t − a)² / (2·a·b·t²)).
    const d = absY * b * t - a;
    if (bernoulliExp(rng, { num: d * d, den: gammaDen })) return y;
  }
}
