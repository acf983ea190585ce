import { ValidationError } from '../errors.ts';
import { composeRhoMicro, epsilonWithinRhoMicro, gaussianSigma2ForRhoMicro, MICRO, rhoMicroForGaussian, rhoMicroForLaplace } from './accounting.ts';
import { noiseInterval } from './intervals.ts';
import { laplaceScale, type NoiseSpec } from './mechanisms.ts';
import { measurements, type Measurement } from './measurements.ts';
import type { PartitionSelectionParams } from './partition-selection.ts';
import type { Query } from './query.ts';
import { ceilDiv, decimal, rational } from './rational.ts';

/**
 * How a query's budget becomes noise: the query's `rhoMicro` is split equally (in whole micro-ρ,
 * rounding down) across its noisy releases and, for open-domain group-by, partition selection.
 * Each part is then calibrated so that its cost, rounded UP, never exceeds its share; the plan's
 * `rhoMicro` is the sum of those costs, which is what the engine charges (≤ the query's rhoMicro).
 */

export type MechanismChoice = 'gaussian' | 'laplace';

export interface PlannedRelease extends Measurement {
  noise: NoiseSpec;
  /** What this release costs, micro-ρ (rounded up). */
  rhoMicro: number;
  /** 95% interval half-width, in grid units (multiply by `grid` for field units). Display only. */
  halfWidth95: number;
}

export interface PlannedSelection extends PartitionSelectionParams {
  rhoMicro: number;
}

export interface QueryPlan {
  mechanism: MechanismChoice;
  /** Total charged, micro-ρ: Σ of the parts below (zCDP composes by addition). */
  rhoMicro: number;
  /** Each noisy release, per group. */
  releases: PlannedRelease[];
  /** Partition selection for open-domain group-by, or null when every group is declared. */
  selection: PlannedSelection | null;
  /** δ spent outright (partition selection), to add to any conversion's δ when showing (ε, δ). */
  delta: number;
}

function tooSmall(): never {
  throw ValidationError.field('rhoMicro', 'is too small to give every release some budget');
}

/**
 * Plans a validated query: the noise each release gets and what everything costs. A release
 * calibrated with the Laplace mechanism gets ε = the largest multiple of 10⁻⁹ with ε²/2 ≤ its
 * share (scale Δ₁/ε, ε-DP); with the Gaussian mechanism σ² = Δ₂²/(2·share) (share-zCDP exactly).
 * Partition selection gets ε/k per group with k·(ε/k)²/2 ≤ its share: each group's decision is
 * (ε/k, δ/k)-DP, hence δ/k-approximately (ε/k)²/2-zCDP, and k of them compose to
 * δ-approximately k·(ε/k)²/2-zCDP (Bun–Steinke 2016 §8: approximate zCDP adds up).
 */
export function planQuery(query: Query, mechanism: MechanismChoice = 'gaussian'): QueryPlan {
  const ms = measurements(query);
  const k = query.contribution.maxPartitionsPerMember;
  const parts = ms.length + (query.selection ? 1 : 0);
  const share = Math.floor(query.rhoMicro / parts);
  if (share < 1) tooSmall();

  const releases: PlannedRelease[] = ms.map((m) => {
    let noise: NoiseSpec;
    let cost: number;
    if (mechanism === 'laplace') {
      const epsilon = epsilonWithinRhoMicro(share);
      if (epsilon.num === 0n) tooSmall();
      noise = { kind: 'laplace', scale: laplaceScale(m.sensitivity.l1, epsilon) };
      cost = rhoMicroForLaplace(epsilon);
    } else {
      const sigma2 = gaussianSigma2ForRhoMicro(m.sensitivity.l2Squared, share);
      noise = { kind: 'gaussian', sigma2 };
      cost = rhoMicroForGaussian(m.sensitivity.l2Squared, sigma2);
    }
    const param = noise.kind === 'laplace' ? noise.scale : noise.sigma2;
    return { ...m, noise, rhoMicro: cost, halfWidth95: noiseInterval(noise.kind, param, 0.95) };
  });

  let selection: PlannedSelection | null = null;
  if (query.selection) {
    const perGroup = epsilonWithinRhoMicro(share, k);
    if (perGroup.num === 0n) tooSmall();
    const epsilon = rational(perGroup.num * BigInt(k), perGroup.den);
    // k·(ε/k)²/2, in micro-ρ, rounded up.
    const cost = Number(ceilDiv(BigInt(k) * perGroup.num * perGroup.num * MICRO, 2n * perGroup.den * perGroup.den));
    selection = { epsilon, delta: decimal(query.selection.delta), maxPartitionsPerMember: k, rhoMicro: cost };
  }

  const total = composeRhoMicro([...releases.map((r) => r.rhoMicro), ...(selection ? [selection.rhoMicro] : [])]);
  if (total > query.rhoMicro) throw new Error('privacy plan overspends its budget'); // cannot happen: every part ≤ its share
  return { mechanism, rhoMicro: total, releases, selection, delta: query.selection?.delta ?? 0 };
}

/** What running the query costs, micro-ρ: the amount to charge the grant and each member (rule P2). */
export function costOf(query: Query, mechanism: MechanismChoice = 'gaussian'): number {
  return planQuery(query, mechanism).rhoMicro;
}
