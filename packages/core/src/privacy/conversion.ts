/**
 * zCDP → (ε, δ)-DP, for DISPLAY ONLY. Budgets are charged in exact integer micro-ρ
 * (accounting.ts); these floating-point conversions only tell people what a ρ means in the more
 * familiar (ε, δ) terms, so a rounding error in the last digits can never overspend anything.
 */

function check(rho: number, delta: number): void {
  if (!(rho >= 0) || !Number.isFinite(rho)) throw new RangeError('rho must be a finite number ≥ 0');
  if (!(delta > 0 && delta < 1)) throw new RangeError('delta must be in (0, 1)');
}

/** ε = ρ + 2·√(ρ·ln(1/δ)): the classic conversion (Bun and Steinke 2016, Proposition 1.3). */
export function epsilonFromRhoBunSteinke(rho: number, delta: number): number {
  check(rho, delta);
  return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
}

/**
 * Minimises a function of α > 1 that is large near α = 1 and grows without bound: a scan on a
 * log grid of α − 1 around `guess`, then golden-section search in the best bracket.
 */
function minimiseOverAlpha(f: (alpha: number) => number, guess: number): number {
  const lo = Math.log(Math.max(guess, 1e-9) * 1e-5);
  const hi = Math.log(Math.max(guess, 1e-9) * 1e5);
  const steps = 400;
  const at = (u: number): number => f(1 + Math.exp(u));
  let best = 0;
  let bestValue = Infinity;
  for (let i = 0; i <= steps; i++) {
    const v = at(lo + ((hi - lo) * i) / steps);
    if (v < bestValue) {
      bestValue = v;
      best = i;
    }
  }
  let a = lo + ((hi - lo) * Math.max(0, best - 1)) / steps;
  let b = lo + ((hi - lo) * Math.min(steps, best + 1)) / steps;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = at(c);
  let fd = at(d);
  for (let i = 0; i < 200 && b - a > 1e-15; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = at(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = at(d);
    }
  }
  return Math.min(bestValue, fc, fd);
}

/**
 * The tighter conversion of Canonne, Kamath and Steinke 2020 (Proposition 12 / Corollary 13,
 * after Asoodeh et al. 2020): ρ-zCDP implies (ε, δ)-DP for
 *   ε = inf over α > 1 of  αρ + (ln(1/δ) + (α−1)·ln(1 − 1/α) − ln α) / (α − 1),
 * minimised numerically. The same formula as OpenDP's `cdp_epsilon`.
 */
export function epsilonFromRho(rho: number, delta: number): number {
  check(rho, delta);
  if (rho === 0) return 0;
  const lnInvDelta = Math.log(1 / delta);
  const f = (alpha: number): number => alpha * rho + (lnInvDelta + (alpha - 1) * Math.log1p(-1 / alpha) - Math.log(alpha)) / (alpha - 1);
  return Math.max(0, minimiseOverAlpha(f, Math.sqrt(lnInvDelta / rho)));
}

/**
 * The δ at which ρ-zCDP gives ε-DP (CKS 2020 Corollary 13):
 *   δ = inf over α > 1 of  exp((α−1)(αρ − ε)) / (α − 1) · (1 − 1/α)^α,  at most 1.
 */
export function deltaFromRho(rho: number, epsilon: number): number {
  if (!(rho >= 0) || !Number.isFinite(rho)) throw new RangeError('rho must be a finite number ≥ 0');
  if (!(epsilon >= 0)) throw new RangeError('epsilon must be ≥ 0');
  if (rho === 0) return 0;
  const logDelta = (alpha: number): number => (alpha - 1) * (alpha * rho - epsilon) - Math.log(alpha - 1) + alpha * Math.log1p(-1 / alpha);
  const best = minimiseOverAlpha(logDelta, Math.max(1e-6, (epsilon + rho) / (2 * rho)));
  return Math.min(1, Math.exp(best));
}

/** A privacy cost in micro-ρ shown as (ε, δ): both conversions, plus any δ spent outright (partition selection). */
export interface ApproxDp {
  rho: number;
  /** Total δ: the conversion's δ plus `extraDelta`. */
  delta: number;
  /** CKS 2020 conversion (the one to show). */
  epsilon: number;
  /** Bun–Steinke 2016 Prop. 1.3, looser, for comparison. */
  epsilonBunSteinke: number;
}

/** (ε, δ) for a spend of `rhoMicro` at conversion δ `delta` (plus `extraDelta` already spent, e.g. by partition selection). */
export function approxDpFromRhoMicro(rhoMicro: number, delta: number, extraDelta = 0): ApproxDp {
  const rho = rhoMicro / 1e6;
  return { rho, delta: delta + extraDelta, epsilon: epsilonFromRho(rho, delta), epsilonBunSteinke: epsilonFromRhoBunSteinke(rho, delta) };
}
