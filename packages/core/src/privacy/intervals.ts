import type { NoiseSpec } from './mechanisms.ts';
import type { Rational } from './rational.ts';

/**
 * Confidence intervals for released values, for DISPLAY. The noise is sampled exactly
 * (samplers.ts); here its exact PMF is summed in floating point to tell people how far a released
 * number may be from the truth. Nothing here feeds back into sampling or accounting.
 *
 * The interval for a released value v is v ± k, with k the smallest integer such that
 * P(|Z| ≤ k) ≥ level for the noise Z: a symmetric interval that covers the truth with at least
 * that probability, whatever the truth is.
 */

/** A rational as a float, without overflowing for huge numerators and denominators. */
export function toNumber(r: Rational): number {
  const shift = BigInt(Math.max(0, Math.max(r.num.toString(2).length, r.den.toString(2).length) - 1000));
  return Number(r.num >> shift) / Number(r.den >> shift);
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError('level must be in (0, 1)');
}

/** P(|Z| ≤ k) for discrete Laplace with scale t: 1 − 2q^{k+1}/(1+q), q = e^{−1/t} (the exact PMF, summed in closed form). */
function laplaceCoverage(scale: number, k: number): number {
  const q = Math.exp(-1 / scale);
  return 1 - (2 * Math.exp(-(k + 1) / scale)) / (1 + q);
}

/** Normaliser Σ_x e^{−x²/2σ²} of the discrete Gaussian. */
function gaussianNormaliser(sigma: number): number {
  if (sigma < 1) {
    let z = 1;
    for (let x = 1; x <= 60; x++) z += 2 * Math.exp(-(x * x) / (2 * sigma * sigma));
    return z;
  }
  // Poisson summation: Σ_x e^{−x²/2σ²} = σ√(2π)·(1 + 2Σ_{j≥1} e^{−2π²σ²j²}); exact to double precision in 3 terms.
  let s = 1;
  for (let j = 1; j <= 3; j++) s += 2 * Math.exp(-2 * Math.PI * Math.PI * sigma * sigma * j * j);
  return sigma * Math.sqrt(2 * Math.PI) * s;
}

/** erfc(x) for x ≥ 0: Taylor series of erf below 3, continued fraction above (absolute error < 1e-13). */
function erfc(x: number): number {
  if (x < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = x;
  for (let n = 80; n >= 1; n--) f = x + n / 2 / f;
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** Below this σ the Gaussian coverage is summed term by term; above, Euler–Maclaurin on the tail. */
const DIRECT_SUM_SIGMA = 1e4;

/**
 * P(|Z| ≤ k) for the discrete Gaussian. Small σ: 1/Z·Σ_{|x|≤k} e^{−x²/2σ²} directly. Large σ: one
 * minus twice the tail Σ_{x≥m} f(x) ≈ ∫_m^∞ f + f(m)/2 − f′(m)/12 (Euler–Maclaurin; the next term
 * is O(σ⁻³) relative, far below display precision).
 */
function gaussianCoverage(sigma: number, k: number): number {
  const z = gaussianNormaliser(sigma);
  if (sigma < DIRECT_SUM_SIGMA) {
    let s = 1;
    for (let x = 1; x <= k; x++) s += 2 * Math.exp(-(x * x) / (2 * sigma * sigma));
    return Math.min(1, s / z);
  }
  const m = k + 1;
  const fm = Math.exp(-(m * m) / (2 * sigma * sigma));
  const tail = sigma * Math.sqrt(Math.PI / 2) * erfc(m / (sigma * Math.SQRT2)) + fm / 2 + (m / (sigma * sigma)) * fm / 12;
  return 1 - (2 * tail) / z;
}

/** P(|Z| ≤ k) for the noise a spec describes. */
export function noiseCoverage(spec: NoiseSpec, k: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError('k must be an integer ≥ 0');
  return spec.kind === 'laplace' ? laplaceCoverage(toNumber(spec.scale), k) : gaussianCoverage(Math.sqrt(toNumber(spec.sigma2)), k);
}

/** Smallest integer k ≥ 0 with coverage(k) ≥ level, by doubling then bisection (coverage rises with k). */
function smallestK(coverage: (k: number) => number, level: number): number {
  if (coverage(0) >= level) return 0;
  let hi = 1;
  while (coverage(hi) < level) hi *= 2;
  let lo = hi / 2; // coverage(lo) < level ≤ coverage(hi)
  if (hi === 1) lo = 0;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (coverage(mid) >= level) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Half-width k of the symmetric interval v ± k that holds the true value with probability at
 * least `level` (default 95%), for a value released with discrete Laplace (`param` = scale t) or
 * discrete Gaussian (`param` = σ²) noise. In the units of the released integer.
 */
export function noiseInterval(kind: NoiseSpec['kind'], param: Rational, level = 0.95): number {
  checkLevel(level);
  const spec: NoiseSpec = kind === 'laplace' ? { kind, scale: param } : { kind, sigma2: param };
  if (kind === 'laplace') {
    // Closed form first, then exact adjustment by the coverage function.
    const t = toNumber(param);
    const q = Math.exp(-1 / t);
    const guess = Math.max(0, Math.ceil(-t * Math.log(((1 - level) * (1 + q)) / 2)) - 1);
    let k = guess;
    while (k > 0 && laplaceCoverage(t, k - 1) >= level) k--;
    while (laplaceCoverage(t, k) < level) k++;
    return k;
  }
  const sigma = Math.sqrt(toNumber(param));
  if (sigma < DIRECT_SUM_SIGMA) {
    // One pass over the PMF.
    const z = gaussianNormaliser(sigma);
    let s = 1;
    let k = 0;
    while (s / z < level) {
      k++;
      s += 2 * Math.exp(-(k * k) / (2 * sigma * sigma));
    }
    return k;
  }
  return smallestK((k) => noiseCoverage(spec, k), level);
}

/**
 * Standard deviation of the noise (display): from the exact PMF's closed form 2q/(1−q)² (Laplace),
 * or σ for the Gaussian with σ ≥ 1 (its variance is below σ² by a relative e^{−2π²σ²}·4π²σ² < 1e-6, CKS 2020).
 */
export function noiseStdDev(spec: NoiseSpec): number {
  if (spec.kind === 'laplace') {
    const q = Math.exp(-1 / toNumber(spec.scale));
    return Math.sqrt((2 * q) / ((1 - q) * (1 - q)));
  }
  const sigma = Math.sqrt(toNumber(spec.sigma2));
  if (sigma >= 1) return sigma;
  const z = gaussianNormaliser(sigma);
  let v = 0;
  for (let x = 1; x <= 60; x++) v += 2 * x * x * Math.exp(-(x * x) / (2 * sigma * sigma));
  return Math.sqrt(v / z);
}
