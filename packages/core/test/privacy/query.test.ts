import { describe, expect, it } from 'vitest';
import {
  boundContributions,
  CANONICAL_DATASETS,
  costOf,
  measurements,
  planQuery,
  quantilesFromHistogram,
  rational,
  sensitivity,
  validateQuery,
  ValidationError,
  type QueryDataset,
} from '../../src/index.ts';

const workTasks: QueryDataset = { slug: 'tasks', canonical: 'work_tasks', schema: CANONICAL_DATASETS.find((d) => d.canonical === 'work_tasks')!.schema };
const locations: QueryDataset = { slug: 'points', canonical: 'location_points', schema: CANONICAL_DATASETS.find((d) => d.canonical === 'location_points')!.schema };

const base = {
  dataset: 'tasks',
  groupBy: ['task_type'],
  aggregates: [{ kind: 'count' }],
  contribution: { maxRowsPerMember: 10, maxPartitionsPerMember: 2 },
  rhoMicro: 100_000,
};

function issuesOf(input: unknown, dataset: QueryDataset = workTasks): Record<string, string> {
  try {
    validateQuery(input, dataset);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return Object.fromEntries((e as ValidationError).issues.map((i) => [i.field, i.message]));
  }
  return {};
}

describe('query validation', () => {
  it('a good query comes back normalised: domains attached, defaults filled, dataset by slug', () => {
    const q = validateQuery({
      ...base,
      dataset: 'work_tasks',
      filters: [{ field: 'status', op: 'eq', value: 'completed' }, { field: 'started_at', op: 'gte', value: '2026-01-01T01:00:00+01:00' }],
      aggregates: [{ kind: 'count' }, { kind: 'count', of: 'members' }, { kind: 'mean', field: 'duration_s', bounds: { lower: 0, upper: 7200 } }],
    }, workTasks);
    expect(q.dataset).toBe('tasks');
    expect(q.groupBy).toEqual([{ field: 'task_type', domain: ['trip', 'delivery', 'other'] }]);
    expect(q.filters[1]).toEqual({ field: 'started_at', op: 'gte', value: '2026-01-01T00:00:00.000Z' });
    expect(q.aggregates.map((a) => a.name)).toEqual(['count', 'members', 'mean_duration_s']);
    expect(q.selection).toBeNull();
    expect(q.contribution).toEqual({ maxRowsPerMember: 10, maxPartitionsPerMember: 2 });
    expect(JSON.parse(JSON.stringify(q))).toEqual(q); // plain JSON, digestible as is
  });

  it('names every offending field by its path', () => {
    const issues = issuesOf({
      dataset: 'other',
      filters: [
        { field: 'external_id', op: 'eq', value: 'x' },
        { field: 'status', op: 'eq', value: 'lost' },
        { field: 'duration_s', op: 'between', value: 3 },
        { field: 'nope', op: 'eq', value: 1 },
        { field: 'started_at', op: 'gte', value: 'yesterday' },
      ],
      groupBy: ['duration_s', 'task_type', 'task_type', 'ghost'],
      aggregates: [
        { kind: 'sum', field: 'duration_s' },
        { kind: 'sum', field: 'gross_fare', bounds: { lower: 0, upper: 10_000 } },
        { kind: 'mean', field: 'platform', bounds: { lower: 0, upper: 1 } },
        { kind: 'quantiles', field: 'distance_m', bounds: { lower: 10, upper: 5 }, quantiles: [0.5] },
        { kind: 'quantiles', field: 'distance_m', bounds: { lower: 0, upper: 5000 }, quantiles: [1.5] },
        { kind: 'median', field: 'distance_m' },
        { kind: 'count', name: 'Bad Name' },
        { kind: 'count' },
        { kind: 'count' },
        { kind: 'sum', field: 'duration_s', bounds: { lower: 0, upper: 10, grid: 0.5 } },
      ],
      contribution: { maxRowsPerMember: 0, maxPartitionsPerMember: 1.5 },
      rhoMicro: -1,
      extra: true,
    });
    expect(Object.keys(issues).sort()).toEqual([
      'aggregates.0.bounds',
      'aggregates.1.field',
      'aggregates.2.field',
      'aggregates.3.bounds.upper',
      'aggregates.4.quantiles',
      'aggregates.5.kind',
      'aggregates.6.name',
      'aggregates.8.name',
      'aggregates.9.bounds.grid',
      'contribution.maxPartitionsPerMember',
      'contribution.maxRowsPerMember',
      'dataset',
      'extra',
      'filters.0.field',
      'filters.1.value',
      'filters.2.op',
      'filters.3.field',
      'filters.4.value',
      'groupBy',
      'groupBy.0',
      'groupBy.2',
      'groupBy.3',
      'rhoMicro',
    ].sort());
    expect(issues['aggregates.1.field']).toMatch(/money: filter currency to one currency or group by currency/);
    expect(issues['filters.0.field']).toMatch(/identifies/);
    expect(issues['groupBy.0']).toMatch(/not groupable/);
    expect(issues['aggregates.0.bounds']).toMatch(/clamping bounds are required/);
  });

  it('money is fine in one currency; number fields need a grid and bounds on it', () => {
    expect(issuesOf({ ...base, filters: [{ field: 'currency', op: 'eq', value: 'EUR' }], aggregates: [{ kind: 'sum', field: 'gross_fare', bounds: { lower: 0, upper: 10_000 } }] })).toEqual({});
    expect(issuesOf({ ...base, groupBy: ['currency'], aggregates: [{ kind: 'sum', field: 'gross_fare', bounds: { lower: 0, upper: 10_000 } }] })).toEqual({});
    const loc = { dataset: 'points', groupBy: ['source'], contribution: { maxRowsPerMember: 100, maxPartitionsPerMember: 1 }, rhoMicro: 10_000 };
    expect(issuesOf({ ...loc, aggregates: [{ kind: 'mean', field: 'accuracy_m', bounds: { lower: 0, upper: 100 } }] }, locations)).toHaveProperty(['aggregates.0.bounds.grid']);
    expect(issuesOf({ ...loc, aggregates: [{ kind: 'mean', field: 'accuracy_m', bounds: { lower: 0, upper: 100.05, grid: 0.1 } }] }, locations)).toHaveProperty(['aggregates.0.bounds.upper']);
    const q = validateQuery({ ...loc, aggregates: [{ kind: 'mean', field: 'accuracy_m', bounds: { lower: 0, upper: 100.5, grid: 0.1 } }] }, locations);
    expect(measurements(q)[0]).toMatchObject({ measure: 'centred_sum', lower: 0n, upper: 1005n, centre: 502n, grid: 0.1 });
  });

  it('open-domain group-by uses partition selection (default δ 1e-7) and costs a share of the budget', () => {
    const q = validateQuery({ ...base, groupBy: ['city', 'task_type'] }, workTasks);
    expect(q.groupBy[0]).toEqual({ field: 'city', domain: null });
    expect(q.selection).toEqual({ delta: 1e-7 });
    expect(issuesOf({ ...base, groupBy: ['city'], selection: { delta: 0.5 } })).toHaveProperty(['selection.delta']);
    // Declared domains need none, and cap the partitions per member at the number of groups.
    const declared = validateQuery({ ...base, contribution: { maxRowsPerMember: 1, maxPartitionsPerMember: 50 }, selection: { delta: 1e-6 } }, workTasks);
    expect(declared.selection).toBeNull();
    expect(declared.contribution.maxPartitionsPerMember).toBe(3);
  });

  it('a budget too small to split is refused before anything runs', () => {
    expect(issuesOf({ ...base, groupBy: ['city'], aggregates: [{ kind: 'count' }, { kind: 'mean', field: 'duration_s', bounds: { lower: 0, upper: 60 } }], rhoMicro: 3 })).toHaveProperty(['rhoMicro']);
  });
});

describe('member-level sensitivity (rule P1)', () => {
  it('[P1] count sensitivity is maxRowsPerMember × partitions: L1 = k·r, L2² = k·r²', () => {
    const q = validateQuery({ ...base, contribution: { maxRowsPerMember: 5, maxPartitionsPerMember: 3 } }, workTasks);
    expect(sensitivity(q)).toEqual([{ aggregate: 'count', kind: 'count', measurements: [expect.objectContaining({ measure: 'rows', perGroup: { l1: 5n, l2Squared: 25n }, sensitivity: { l1: 15n, l2Squared: 75n } })] }]);
    const members = validateQuery({ ...base, aggregates: [{ kind: 'count', of: 'members' }], contribution: { maxRowsPerMember: 5, maxPartitionsPerMember: 3 } }, workTasks);
    expect(measurements(members)[0]!.sensitivity).toEqual({ l1: 3n, l2Squared: 3n });
  });

  it('[P1] sum and mean sensitivities come from the declared bounds: sum r·max|bound|, mean r·⌈(upper−lower)/2⌉ and r', () => {
    const q = validateQuery({
      ...base,
      groupBy: [],
      contribution: { maxRowsPerMember: 4 },
      aggregates: [
        { kind: 'sum', field: 'duration_s', bounds: { lower: -100, upper: 3600 } },
        { kind: 'mean', field: 'duration_s', bounds: { lower: 1000, upper: 3001 } },
        { kind: 'histogram', field: 'distance_m', bounds: { lower: 0, upper: 10_000 }, bins: 20 },
        { kind: 'quantiles', field: 'distance_m', bounds: { lower: 0, upper: 10_000 }, quantiles: [0.9, 0.5] },
      ],
    }, workTasks);
    const ms = measurements(q);
    expect(ms.map((m) => [m.aggregate, m.measure, m.sensitivity.l1])).toEqual([
      ['sum_duration_s', 'sum', 4n * 3600n],
      ['mean_duration_s', 'centred_sum', 4n * 1001n],
      ['mean_duration_s', 'rows', 4n],
      ['histogram_distance_m', 'histogram', 4n],
      ['quantiles_distance_m', 'histogram', 4n],
    ]);
    expect(ms[1]!.centre).toBe(2000n);
    expect(q.aggregates[3]).toMatchObject({ bins: 100, quantiles: [0.5, 0.9] });
  });

  it('[P1] sensitivity grows with the declared bound, not with a member’s row count', () => {
    const withRows = (r: number) => measurements(validateQuery({ ...base, contribution: { maxRowsPerMember: r, maxPartitionsPerMember: 2 } }, workTasks))[0]!.sensitivity.l1;
    expect([withRows(1), withRows(10), withRows(100)]).toEqual([2n, 20n, 200n]);
    // The data plays no part: the same query has the same sensitivity whatever the members hold.
    const q = validateQuery(base, workTasks);
    expect(sensitivity(q)).toEqual(sensitivity(validateQuery(base, workTasks)));
  });

  it('[P1] a member with 10,000 rows moves a count by at most the bound', () => {
    const bounds = { maxRowsPerMember: 10, maxPartitionsPerMember: 2 };
    const others = Array.from({ length: 300 }, (_, i) => ({ member: `m${i % 30}`, partition: ['trip', 'delivery', 'other'][i % 3]! }));
    const heavy = Array.from({ length: 10_000 }, (_, i) => ({ member: 'heavy', partition: ['trip', 'delivery', 'other'][i % 3]! }));
    const count = (rows: Array<{ member: string; partition: string }>) => {
      const c = new Map<string, number>();
      for (const r of boundContributions(rows, bounds)) c.set(r.partition, (c.get(r.partition) ?? 0) + 1);
      return c;
    };
    const without = count(others);
    const withHeavy = count([...heavy.slice(0, 5000), ...others, ...heavy.slice(5000)]);
    let l1 = 0;
    let touched = 0;
    for (const p of ['trip', 'delivery', 'other']) {
      const d = Math.abs((withHeavy.get(p) ?? 0) - (without.get(p) ?? 0));
      expect(d).toBeLessThanOrEqual(bounds.maxRowsPerMember);
      if (d > 0) touched++;
      l1 += d;
    }
    expect(touched).toBeLessThanOrEqual(bounds.maxPartitionsPerMember);
    const q = validateQuery({ ...base, contribution: bounds }, workTasks);
    expect(BigInt(l1)).toBeLessThanOrEqual(measurements(q)[0]!.sensitivity.l1);
    expect(l1).toBe(20); // the heavy member hits the bound exactly: 10 rows in each of 2 groups
  });
});

describe('noise plan and cost', () => {
  it('[P2] the Gaussian plan spends exactly the query’s budget, split equally', () => {
    const q = validateQuery({ ...base, aggregates: [{ kind: 'count' }, { kind: 'mean', field: 'duration_s', bounds: { lower: 0, upper: 3600 } }], rhoMicro: 90_000 }, workTasks);
    const plan = planQuery(q, 'gaussian');
    expect(plan.releases.map((r) => r.rhoMicro)).toEqual([30_000, 30_000, 30_000]);
    expect(plan.rhoMicro).toBe(90_000);
    expect(costOf(q)).toBe(90_000);
    // count: Δ₂² = k·r² = 2·100 = 200; σ² = 200/(2·0.03) = 10 000/3.
    expect(plan.releases[0]!.noise).toEqual({ kind: 'gaussian', sigma2: rational(10_000, 3) });
    expect(plan.releases[0]!.halfWidth95).toBe(113); // σ ≈ 57.74, 1.96σ ≈ 113.2
    expect(plan.selection).toBeNull();
    expect(plan.delta).toBe(0);
  });

  it('[P2] the Laplace plan never spends more than the budget (ε rounded down, cost rounded up)', () => {
    const q = validateQuery({ ...base, rhoMicro: 12_345 }, workTasks);
    const plan = planQuery(q, 'laplace');
    expect(plan.rhoMicro).toBeLessThanOrEqual(12_345);
    expect(plan.rhoMicro).toBeGreaterThan(12_340);
    const { noise } = plan.releases[0]!;
    expect(noise.kind).toBe('laplace');
    // scale = Δ₁/ε with Δ₁ = 20 and ε = ⌊√(2·0.012345)·10⁹⌋/10⁹.
    if (noise.kind === 'laplace') expect(Number(noise.scale.num) / Number(noise.scale.den)).toBeCloseTo(20 / Math.sqrt(2 * 0.012345), 5);
  });

  it('[P2] open-domain group-by charges partition selection inside the same budget', () => {
    const q = validateQuery({ ...base, groupBy: ['city'], contribution: { maxRowsPerMember: 3, maxPartitionsPerMember: 4 }, rhoMicro: 100_000 }, workTasks);
    const plan = planQuery(q);
    expect(plan.selection).toMatchObject({ maxPartitionsPerMember: 4, delta: rational(1, 10_000_000) });
    expect(plan.selection!.rhoMicro).toBeLessThanOrEqual(50_000);
    expect(plan.rhoMicro).toBeLessThanOrEqual(100_000);
    expect(plan.delta).toBe(1e-7);
    // ε per group: 4·(ε/4)²/2 ≤ 0.05 → ε ≤ √0.4 ≈ 0.632.
    const eps = Number(plan.selection!.epsilon.num) / Number(plan.selection!.epsilon.den);
    expect(eps).toBeCloseTo(Math.sqrt(0.4), 8);
    expect(eps).toBeLessThanOrEqual(Math.sqrt(0.4));
  });
});

describe('quantiles from a noisy histogram (post-processing)', () => {
  it('interpolates within bins and ignores negative noisy counts', () => {
    expect(quantilesFromHistogram([10n, 10n, 0n, -3n], 0, 40, [0.25, 0.5, 0.75])).toEqual([5, 10, 15]);
    expect(quantilesFromHistogram([-1n, 0n], 0, 10, [0.5])).toEqual([null]);
  });
});
