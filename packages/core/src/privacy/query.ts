/**
 * The private query model (issue 7): what a requester or steward may ask of a dataset, after
 * validation. Plain JSON (numbers and strings only), so it can be digested for the log as is.
 *
 * Member-level contribution bounds (rule P1): before aggregation the engine keeps, per member, at
 * most `maxPartitionsPerMember` groups and at most `maxRowsPerMember` rows in each kept group, and
 * clamps every value into its declared bounds. Sensitivities follow from these declared numbers
 * alone, never from the data (see sensitivity.ts).
 */

export const FILTER_OPS = ['eq', 'ne', 'in', 'gte', 'gt', 'lte', 'lt'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export type FilterValue = string | number | boolean;

/**
 * A row filter. Strings and booleans take eq, ne, in; numbers (integer, number, money) every op;
 * timestamps and dates the range ops with ISO 8601 text (normalised to UTC for timestamps).
 */
export type Filter =
  | { field: string; op: 'eq' | 'ne' | 'gte' | 'gt' | 'lte' | 'lt'; value: FilterValue }
  | { field: string; op: 'in'; values: FilterValue[] };

/** A group-by field: its declared domain (enum values, or `false`/`true`), or null when open. */
export interface GroupField {
  field: string;
  /** Every value a group can take, when the schema declares them; null means partition selection. */
  domain: string[] | null;
}

/**
 * Clamping bounds in the field's own units. Values are rounded to a multiple of `grid` and clamped
 * into [lower, upper]; noise is added in grid units, so releases are integers times `grid`.
 * lower and upper are multiples of grid.
 */
export interface ClampBounds {
  lower: number;
  upper: number;
  /** 1 for integer and money fields (a cent, a second); a declared precision for `number` fields. */
  grid: number;
}

export type Aggregate =
  /** Rows (each member ≤ maxRowsPerMember per group) or distinct members (each counts once per group). */
  | { kind: 'count'; name: string; of: 'rows' | 'members' }
  | { kind: 'sum'; name: string; field: string; bounds: ClampBounds }
  /** Released as a noisy centred sum and a noisy row count; mean = centre + sum/count. */
  | { kind: 'mean'; name: string; field: string; bounds: ClampBounds }
  /** From a noisy histogram of `bins` equal bins over the bounds; quantiles in (0, 1). */
  | { kind: 'quantiles'; name: string; field: string; bounds: ClampBounds; bins: number; quantiles: number[] }
  /** Over a declared domain (`categories`), or `bins` equal bins over numeric bounds. */
  | { kind: 'histogram'; name: string; field: string; categories: string[] | null; bounds: ClampBounds | null; bins: number };

export type AggregateKind = Aggregate['kind'];
export const AGGREGATE_KINDS: readonly AggregateKind[] = ['count', 'sum', 'mean', 'quantiles', 'histogram'];

export interface ContributionBounds {
  /** Rows a member may contribute to each group (after filtering). */
  maxRowsPerMember: number;
  /** Groups a member may contribute to (1 without group-by; capped at the declared partitions). */
  maxPartitionsPerMember: number;
}

export interface Query {
  /** Dataset slug. */
  dataset: string;
  filters: Filter[];
  groupBy: GroupField[];
  aggregates: Aggregate[];
  contribution: ContributionBounds;
  /** What this query spends, in micro-ρ (ρ × 10⁶), split across its releases. */
  rhoMicro: number;
  /** Partition selection when a group-by field has no declared domain: its total δ. Null otherwise. */
  selection: { delta: number } | null;
}

/** Limits that keep a single query reasonable. */
export const QUERY_LIMITS = {
  filters: 20,
  inValues: 100,
  groupBy: 3,
  aggregates: 20,
  declaredPartitions: 10_000,
  maxRowsPerMember: 10_000,
  maxPartitionsPerMember: 1_000,
  bins: 1_000,
  quantiles: 20,
  /** Largest |bound| in grid units. */
  boundUnits: 1e15,
} as const;

/** δ spent by partition selection unless the query says otherwise. */
export const DEFAULT_SELECTION_DELTA = 1e-7;
/** Largest partition-selection δ a query may ask for. */
export const MAX_SELECTION_DELTA = 1e-5;
/** Bins of a quantiles histogram unless the query says otherwise. */
export const DEFAULT_QUANTILE_BINS = 100;
