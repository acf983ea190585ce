import type { Aggregate, AggregateKind, ClampBounds, Query } from './query.ts';
import { decimal, div } from './rational.ts';

/**
 * Member-level sensitivities (rule P1). Neighbouring datasets differ by one member's records
 * (add or remove a member). After contribution bounding a member adds at most r =
 * maxRowsPerMember rows to each of at most k = maxPartitionsPerMember groups, each value clamped
 * into [lower, upper] (grid units). So one member moves a measurement's vector over all groups by
 *   L1 = k·c₁ and L2² = k·c₂²
 * where c₁, c₂ bound the change within one group. Both come from the declared bounds alone,
 * never from how many rows a member really has. L1 calibrates discrete Laplace (ε = Δ₁/t), L2
 * calibrates the discrete Gaussian (ρ = Δ₂²/(2σ²)).
 */

export interface Sensitivity {
  /** L1 sensitivity, for discrete Laplace. */
  l1: bigint;
  /** Square of the L2 sensitivity (an integer even when Δ₂ = r·√k is not), for the discrete Gaussian. */
  l2Squared: bigint;
}

/**
 * What the engine computes per group and releases with noise:
 * rows (bounded row count), members (distinct members), sum (clamped values), centred_sum
 * (Σ (clamped value − centre), for a mean), histogram (bounded row counts per bin).
 */
export type MeasureKind = 'rows' | 'members' | 'sum' | 'centred_sum' | 'histogram';

export interface Measurement {
  /** Name of the aggregate this serves. */
  aggregate: string;
  measure: MeasureKind;
  /** Field measured (sum, centred_sum, histogram). */
  field?: string;
  /** Most one member changes this within one group. */
  perGroup: Sensitivity;
  /** Most one member changes this over all groups: what noise is calibrated to. */
  sensitivity: Sensitivity;
  /** Field units per released integer (1 for counts). */
  grid: number;
  /** Clamping bounds in grid units (sum, centred_sum, numeric histograms). */
  lower?: bigint;
  upper?: bigint;
  /** centred_sum: the centre subtracted from every clamped value, in grid units. */
  centre?: bigint;
  /** histogram: number of bins (one noisy count each). */
  bins?: number;
}

/** Bounds in grid units: each value x becomes clamp(round(x / grid), lower, upper). Exact. */
export function boundsInGridUnits(b: ClampBounds): { lower: bigint; upper: bigint } {
  const grid = decimal(b.grid);
  const lower = div(decimal(b.lower), grid);
  const upper = div(decimal(b.upper), grid);
  if (lower.den !== 1n || upper.den !== 1n) throw new RangeError('bounds must be multiples of the grid');
  return { lower: lower.num, upper: upper.num };
}

/** The centre of a mean's centred sum, in grid units: lower + ⌊(upper − lower)/2⌋. */
export function meanCentre(b: ClampBounds): bigint {
  const { lower, upper } = boundsInGridUnits(b);
  return lower + (upper - lower) / 2n;
}

const MEASURES_PER_KIND: Record<AggregateKind, number> = { count: 1, sum: 1, mean: 2, quantiles: 1, histogram: 1 };

/** How many noisy releases (per group) the aggregates need: a mean needs two (a sum and a count). */
export function measurementCount(aggregates: readonly Aggregate[]): number {
  return aggregates.reduce((n, a) => n + MEASURES_PER_KIND[a.kind], 0);
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

function over(k: bigint, perGroup: bigint): Sensitivity {
  return { l1: k * perGroup, l2Squared: k * perGroup * perGroup };
}

/** Every noisy release a query needs, with its member-level sensitivity. */
export function measurements(query: Query): Measurement[] {
  const r = BigInt(query.contribution.maxRowsPerMember);
  const k = BigInt(query.contribution.maxPartitionsPerMember);
  const out: Measurement[] = [];
  const push = (m: Omit<Measurement, 'perGroup' | 'sensitivity'>, c: bigint): void => {
    out.push({ ...m, perGroup: { l1: c, l2Squared: c * c }, sensitivity: over(k, c) });
  };
  for (const a of query.aggregates) {
    switch (a.kind) {
      case 'count':
        // rows: r rows per group; members: each member counts once per group.
        push({ aggregate: a.name, measure: a.of, grid: 1 }, a.of === 'rows' ? r : 1n);
        break;
      case 'sum': {
        const { lower, upper } = boundsInGridUnits(a.bounds);
        push({ aggregate: a.name, measure: 'sum', field: a.field, grid: a.bounds.grid, lower, upper }, r * max(abs(lower), abs(upper)));
        break;
      }
      case 'mean': {
        // Centring halves the largest |value| for bounds away from zero: |x − centre| ≤ ⌈(upper − lower)/2⌉.
        const { lower, upper } = boundsInGridUnits(a.bounds);
        const centre = lower + (upper - lower) / 2n;
        push({ aggregate: a.name, measure: 'centred_sum', field: a.field, grid: a.bounds.grid, lower, upper, centre }, r * max(upper - centre, centre - lower));
        push({ aggregate: a.name, measure: 'rows', grid: 1 }, r);
        break;
      }
      case 'quantiles':
      case 'histogram': {
        // A member's r rows in a group add r to the bins in total: L1 ≤ r, and L2² ≤ r² (all in one bin).
        const grid = a.kind === 'histogram' && !a.bounds ? 1 : a.bounds!.grid;
        const b = a.bounds ? boundsInGridUnits(a.bounds) : undefined;
        push({ aggregate: a.name, measure: 'histogram', field: a.field, grid, bins: a.bins, ...(b ?? {}) }, r);
        break;
      }
    }
  }
  return out;
}

export interface AggregateSensitivity {
  aggregate: string;
  kind: AggregateKind;
  measurements: Measurement[];
}

/** The member-level sensitivities of each aggregate of a query (L1 for Laplace, L2² for the Gaussian). */
export function sensitivity(query: Query): AggregateSensitivity[] {
  const all = measurements(query);
  return query.aggregates.map((a) => ({ aggregate: a.name, kind: a.kind, measurements: all.filter((m) => m.aggregate === a.name) }));
}
