import type { DatasetSchema, FieldType } from '../datasets/schema.ts';
import { measurements, type MeasureKind } from './measurements.ts';
import type { FilterOp, FilterValue, Query } from './query.ts';

/**
 * What the store computes for a private query (issue 7): per group, the EXACT member-bounded
 * aggregates. Noise is added by the app, never in SQL. Pure data, built from a validated query.
 *
 * Contribution bounding, as the store applies it (rule P1). Per member and group, the member's
 * rows (after the filters) are first aggregated: n rows, S = Σ clamp(round(x/grid), lower, upper)
 * (round half away from zero, in grid units). Then:
 * - partitions: the member keeps the k = maxPartitionsPerMember groups with the smallest
 *   md5(member id ␟ key₁ ␟ key₂ …) (hex order); the others get nothing from them;
 * - rows: min(n, r) with r = maxRowsPerMember;
 * - members: 1;
 * - sum: clamp(S, r·min(lower, 0), r·max(upper, 0)); centred_sum: clamp(S − n·centre,
 *   r·(lower − centre), r·(upper − centre));
 * - histogram: bin counts c_b (Σ c_b = n); if n > r each becomes ⌊c_b·r/n⌋ (so Σ ≤ r).
 * This is not the row-selection of `boundContributions` (first r rows), but it has the SAME
 * sensitivities (measurements.ts): which groups a member keeps and what they add to each depend on
 * that member's own rows only, and in every kept group their contribution lies in the same range
 * as r clamped rows: rows ∈ [0, r], sum ∈ [r·min(lower,0), r·max(upper,0)] (a change of at most
 * r·max(|lower|, |upper|) against their absence), centred_sum within r·max(upper−c, c−lower) of 0,
 * a histogram vector with non-negative entries summing to ≤ r (L1 ≤ r, L2² ≤ r²). For row and
 * member counts it gives exactly what `boundContributions` gives when the rows are ordered by the
 * hash above (see `partitionOrderKey`). Aggregating first and bounding after is what keeps the
 * bounded query one hash aggregate over the records plus a small window over (member, group).
 */

export interface PlanFilter {
  field: string;
  type: FieldType;
  op: FilterOp;
  values: FilterValue[];
}

export interface PlanGroupField {
  field: string;
  /** Declared domain: rows with any other value (or none) are in no group. Null: open (rows without the field are in no group). */
  domain: string[] | null;
}

export type PlanMeasure =
  | { measure: 'rows' | 'members' }
  | { measure: 'sum' | 'centred_sum'; field: string; grid: number; lower: bigint; upper: bigint; centre: bigint }
  /** Bins: by category (index in `categories`), or `bins` equal bins of [lower, upper] in grid units. */
  | { measure: 'histogram'; field: string; categories: string[] | null; grid: number; lower: bigint; upper: bigint; bins: number };

export interface BoundedAggregatePlan {
  datasetId: string;
  filters: PlanFilter[];
  groupBy: PlanGroupField[];
  /** One per noisy release, in the order of `measurements(query)` (and `planQuery(...).releases`). */
  measures: PlanMeasure[];
  maxRowsPerMember: number;
  maxPartitionsPerMember: number;
}

/** One group's exact bounded aggregates. */
export interface BoundedGroupRow {
  /** The group-by values, in groupBy order (empty without group-by). */
  key: string[];
  /** Distinct members contributing to the group after bounding (for partition selection only: never released as is). */
  members: number;
  /** Per measure: one value, or one per histogram bin; integers in grid units. */
  values: bigint[][];
}

export interface BoundedAggregateRows {
  /** Groups with at least one contributing member (a declared group nobody contributes to is absent). */
  groups: BoundedGroupRow[];
  /** Members whose rows entered the aggregate (for usage receipts; never released). */
  contributors: string[];
}

/** Builds the store's plan from a validated query and its dataset. */
export function boundedAggregatePlan(query: Query, dataset: { id: string; schema: DatasetSchema }): BoundedAggregatePlan {
  const types = new Map(dataset.schema.fields.map((f) => [f.name, f.type]));
  const byName = new Map(query.aggregates.map((a) => [a.name, a]));
  const measures: PlanMeasure[] = measurements(query).map((m) => {
    const kind: MeasureKind = m.measure;
    if (kind === 'rows' || kind === 'members') return { measure: kind };
    if (kind === 'sum' || kind === 'centred_sum') {
      return { measure: kind, field: m.field!, grid: m.grid, lower: m.lower!, upper: m.upper!, centre: m.centre ?? 0n };
    }
    const a = byName.get(m.aggregate)!;
    const categories = a.kind === 'histogram' ? a.categories : null;
    return { measure: 'histogram', field: m.field!, categories, grid: m.grid, lower: m.lower ?? 0n, upper: m.upper ?? 0n, bins: m.bins! };
  });
  return {
    datasetId: dataset.id,
    filters: query.filters.map((f) => ({ field: f.field, type: types.get(f.field)!, op: f.op, values: f.op === 'in' ? f.values : [f.value] })),
    groupBy: query.groupBy.map((g) => ({ field: g.field, domain: g.domain })),
    measures,
    maxRowsPerMember: query.contribution.maxRowsPerMember,
    maxPartitionsPerMember: query.contribution.maxPartitionsPerMember,
  };
}

/** The text whose md5 orders a member's groups for partition bounding: member id and keys joined by U+001F. */
export const partitionOrderKey = (memberId: string, key: readonly string[]): string => [memberId.toLowerCase(), ...key].join('\u001f');

/** x/grid rounded half away from zero, then clamped: the grid units the store sums (exact, on decimals). */
export function toGridUnits(x: number, grid: number, lower: bigint, upper: bigint): bigint {
  // Scale both by the same power of ten so the division is exact on integers.
  const digits = Math.max(decimals(x), decimals(grid));
  const scale = 10n ** BigInt(digits);
  const xs = BigInt(Math.round(x * Number(scale)));
  const gs = BigInt(Math.round(grid * Number(scale)));
  const neg = xs < 0n;
  const a = neg ? -xs : xs;
  let q = a / gs;
  if ((a % gs) * 2n >= gs) q += 1n;
  const v = neg ? -q : q;
  return v < lower ? lower : v > upper ? upper : v;
}

function decimals(x: number): number {
  const s = String(x);
  if (/e/i.test(s)) throw new RangeError('value needs exponent notation');
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}
