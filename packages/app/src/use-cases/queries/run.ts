import {
  addNoise,
  boundedAggregatePlan,
  createPartitionSelection,
  cryptoRandom,
  NotFoundError,
  noiseStdDev,
  planQuery,
  quantilesFromHistogram,
  ValidationError,
  type BoundedGroupRow,
  type MechanismChoice,
  type PlannedRelease,
  type PurposeId,
  type Query,
  type RandomSource,
  type Recipient,
} from '@steward/core';
import type { Deps } from '../../context.ts';
import { withConsentedRecords } from '../consent/gated-records.ts';

/**
 * The private query engine's core path (issue 7, rules P1, P3, P4, C1): a validated query runs as
 * SQL in the store over the consenting members' records only (through `withConsentedRecords`, the
 * one path), each member's contribution bounded there; then, here: partition selection for open
 * domains, exact discrete noise for every release, and minimum-cohort suppression on a noisy count.
 *
 * Not yet: who may run it. Callers authorise first; the next step puts a grant check, the atomic
 * budget charge (P2: `plan.rhoMicro`, known before any record is read) and the log entry and
 * usage receipts (from `contributors`) around this call.
 */

export interface NoisyValue {
  /** The released integer in grid units (value = units × grid). */
  units: bigint;
  value: number;
  grid: number;
  /** The noise's standard deviation, in field units. */
  noiseStdDev: number;
  /** 95% interval for the true value, in field units. */
  interval95: [number, number];
}

export type AggregateResult =
  | { kind: 'count' | 'sum'; value: NoisyValue }
  /** mean = centre + centredSum / count (post-processing; null when the noisy count is not positive). */
  | { kind: 'mean'; mean: number | null; centredSum: NoisyValue; count: NoisyValue }
  | { kind: 'histogram'; bins: NoisyValue[]; labels: string[] }
  | { kind: 'quantiles'; quantiles: Array<{ q: number; value: number | null }>; bins: NoisyValue[] };

export interface GroupResult {
  key: Record<string, string>;
  /** Below the minimum cohort (rule P3): nothing else of the group is shown. */
  suppressed: boolean;
  aggregates: Record<string, AggregateResult> | null;
}

export interface PrivateQueryResult {
  dataset: string;
  mechanism: MechanismChoice;
  groups: GroupResult[];
  /** What the query spent, micro-ρ (zCDP), and the δ of partition selection (0 without). */
  rhoMicro: number;
  delta: number;
}

export interface RunPrivateQueryInput {
  collectiveId: string;
  query: Query;
  purpose: PurposeId;
  recipient: Recipient;
  mechanism: MechanismChoice;
  /** Groups whose noisy member (else row) count is below this are suppressed (P3); later from the charter. */
  minCohort: number;
  /** Noise source; cryptographic unless a test injects a seeded one (P4). */
  rng?: RandomSource;
}

/** The release and, apart, the contributing members (for usage receipts; never part of the result). */
export interface PrivateQueryRun {
  result: PrivateQueryResult;
  /**
   * How many members' records entered the query, exactly: for the log entry (issue 7), not for the
   * requester — an exact count is not differentially private (P1), so it stays out of `result`.
   */
  contributingMembers: number;
  contributors: string[];
}

function cartesian(domains: string[][]): string[][] {
  return domains.reduce<string[][]>((acc, d) => acc.flatMap((prefix) => d.map((v) => [...prefix, v])), [[]]);
}

function noisy(true_: bigint, release: PlannedRelease, rng: RandomSource): NoisyValue {
  const units = addNoise(true_, release.noise, rng);
  // Histogram bins are counts, whatever the field's grid.
  const grid = release.measure === 'histogram' ? 1 : release.grid;
  const value = Number(units) * grid;
  const half = release.halfWidth95 * grid;
  return { units, value, grid, noiseStdDev: noiseStdDev(release.noise) * grid, interval95: [value - half, value + half] };
}

export async function runPrivateQuery(deps: Deps, input: RunPrivateQueryInput): Promise<PrivateQueryRun> {
  const { query } = input;
  if (!Number.isSafeInteger(input.minCohort) || input.minCohort < 0) throw ValidationError.field('minCohort', 'must be a whole number ≥ 0');
  // Planned before any record is read: a query that cannot be planned costs nothing.
  const plan = planQuery(query, input.mechanism);
  const cohortRelease = plan.releases.findIndex((r) => r.measure === 'members') >= 0
    ? plan.releases.findIndex((r) => r.measure === 'members')
    : plan.releases.findIndex((r) => r.measure === 'rows' || r.measure === 'histogram');
  if (input.minCohort > 0 && cohortRelease < 0) {
    throw ValidationError.field('aggregates', 'the collective suppresses small groups: add a count to the query so they can be told apart');
  }
  const dataset = await deps.store.read.datasets.bySlug(input.collectiveId, query.dataset);
  if (!dataset) throw new NotFoundError('dataset', `No dataset "${query.dataset}" in this collective.`);
  const storePlan = boundedAggregatePlan(query, dataset);
  const exact = await withConsentedRecords(
    deps,
    { collectiveId: input.collectiveId, use: { datasetId: dataset.id, purpose: input.purpose, recipient: input.recipient } },
    (records) => records.aggregate(storePlan),
  );
  const rng = input.rng ?? cryptoRandom();

  // Which groups are released: every declared group (empty or not: absence would tell), or the
  // open-domain groups that pass DP partition selection on their true member counts.
  const byKey = new Map(exact.groups.map((g) => [JSON.stringify(g.key), g]));
  let keys: string[][];
  if (query.groupBy.length === 0) keys = [[]];
  else if (plan.selection) {
    const selector = createPartitionSelection(plan.selection);
    keys = exact.groups.filter((g) => selector.keep(g.members, rng)).map((g) => g.key);
  } else keys = cartesian(query.groupBy.map((g) => g.domain!));
  keys.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  const groups: GroupResult[] = keys.map((key) => {
    const row: BoundedGroupRow | undefined = byKey.get(JSON.stringify(key));
    const released = plan.releases.map((rel, i) => {
      const values = row?.values[i] ?? (rel.measure === 'histogram' ? Array.from({ length: rel.bins! }, () => 0n) : [0n]);
      return values.map((v) => noisy(v, rel, rng));
    });
    const keyObject = Object.fromEntries(query.groupBy.map((g, i) => [g.field, key[i]!]));
    if (input.minCohort > 0) {
      const cohort = released[cohortRelease]!.reduce((n, v) => n + v.units, 0n);
      if (cohort < BigInt(input.minCohort)) return { key: keyObject, suppressed: true, aggregates: null };
    }
    const aggregates: Record<string, AggregateResult> = {};
    let i = 0;
    for (const a of query.aggregates) {
      if (a.kind === 'count' || a.kind === 'sum') aggregates[a.name] = { kind: a.kind, value: released[i++]![0]! };
      else if (a.kind === 'mean') {
        const centredSum = released[i++]![0]!;
        const count = released[i++]![0]!;
        const centre = Number(plan.releases[i - 2]!.centre!) * a.bounds.grid;
        const mean = count.units > 0n ? Math.min(a.bounds.upper, Math.max(a.bounds.lower, centre + centredSum.value / Number(count.units))) : null;
        aggregates[a.name] = { kind: 'mean', mean, centredSum, count };
      } else if (a.kind === 'histogram') {
        const bins = released[i++]!;
        const labels = a.categories ?? bins.map((_, b) => {
          const w = (a.bounds!.upper - a.bounds!.lower) / a.bins;
          return `[${a.bounds!.lower + b * w}, ${a.bounds!.lower + (b + 1) * w})`;
        });
        aggregates[a.name] = { kind: 'histogram', bins, labels };
      } else {
        const bins = released[i++]!;
        const qs = quantilesFromHistogram(bins.map((b) => b.units), a.bounds.lower, a.bounds.upper, a.quantiles);
        aggregates[a.name] = { kind: 'quantiles', quantiles: a.quantiles.map((q, j) => ({ q, value: qs[j]! })), bins };
      }
    }
    return { key: keyObject, suppressed: false, aggregates };
  });

  return {
    result: {
      dataset: query.dataset,
      mechanism: plan.mechanism,
      groups,
      rhoMicro: plan.rhoMicro,
      delta: plan.delta,
    },
    contributingMembers: exact.contributors.length,
    contributors: exact.contributors,
  };
}
