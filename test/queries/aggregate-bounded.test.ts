import { createHash, randomUUID } from 'node:crypto';
import {
  boundContributions,
  boundedAggregatePlan,
  measurements,
  partitionOrderKey,
  toGridUnits,
  validateQuery,
  type BoundedAggregatePlan,
  type BoundedAggregateRows,
  type DatasetSchema,
  type NewRecord,
  type PlanMeasure,
} from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, STORES, type Stack } from '../helpers/stack.ts';

/**
 * The store's member-bounded aggregates (issue 7, rule P1) against an independent computation
 * from the raw rows: the reference `boundContributions` for which groups and rows each member
 * keeps (rows ordered by the documented md5 order), and the documented per-(member, group) bounds
 * for sums and histograms (core privacy/aggregate-plan.ts).
 */

const COLLECTIVE = randomUUID();
/** Random cases per store; STEWARD_TEST_SEEDS raises it. */
const SEEDS = Number(process.env.STEWARD_TEST_SEEDS ?? 200);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const schema = (declared: boolean): DatasetSchema => ({
  version: 1,
  fields: [
    { name: 'c', type: 'string', category: 'pd:WorkHistory', groupable: true, required: false, description: 'c', ...(declared ? { enum: ['a', 'b', 'c', 'd'] } : {}) },
    { name: 'x', type: 'number', category: 'pd:WorkHistory', groupable: false, required: false, description: 'x' },
    { name: 'flag', type: 'boolean', category: 'pd:WorkHistory', groupable: false, required: false, description: 'flag' },
  ],
});

interface Raw {
  member: string;
  c?: string;
  x?: number;
  flag: boolean;
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** The independent computation: per group, members and each measure, from the raw rows. */
function reference(rows: Raw[], plan: BoundedAggregatePlan): BoundedAggregateRows {
  const domain = plan.groupBy[0]?.domain ?? null;
  const filtered = rows.filter((r) => plan.filters.every((f) => String(r[f.field as 'flag']) === String(f.values[0])));
  const grouped = plan.groupBy.length === 0 ? filtered.map((r) => ({ ...r, partition: '' })) : filtered
    .filter((r) => r.c !== undefined && (!domain || domain.includes(r.c)))
    .map((r) => ({ ...r, partition: r.c! }));
  const key = (r: { partition: string }): string[] => (plan.groupBy.length ? [r.partition] : []);
  // Rows in md5 order of (member, group): the reference then keeps each member's first k groups.
  const ordered = grouped
    .map((r) => ({ r, h: md5(partitionOrderKey(r.member, key(r))) }))
    .sort((a, b) => (a.r.member < b.r.member ? -1 : a.r.member > b.r.member ? 1 : a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
    .map((o) => o.r);
  const r = plan.maxRowsPerMember;
  const byRows = boundContributions(ordered, { maxRowsPerMember: r, maxPartitionsPerMember: plan.maxPartitionsPerMember });
  const keptGroups = new Set(byRows.map((row) => `${row.member}|${row.partition}`));
  // All of each kept (member, group)'s rows, for the sums and histograms.
  const cells = new Map<string, { member: string; partition: string; rows: Raw[]; boundedRows: number }>();
  for (const row of ordered) {
    const id = `${row.member}|${row.partition}`;
    if (!keptGroups.has(id)) continue;
    let cell = cells.get(id);
    if (!cell) cells.set(id, (cell = { member: row.member, partition: row.partition, rows: [], boundedRows: 0 }));
    cell.rows.push(row);
  }
  for (const row of byRows) cells.get(`${row.member}|${row.partition}`)!.boundedRows++;
  const groups = new Map<string, { key: string[]; members: number; values: bigint[][] }>();
  const R = BigInt(r);
  for (const cell of cells.values()) {
    let g = groups.get(cell.partition);
    if (!g) {
      g = { key: plan.groupBy.length ? [cell.partition] : [], members: 0, values: plan.measures.map((m) => (m.measure === 'histogram' ? Array.from({ length: m.categories?.length ?? m.bins }, () => 0n) : [0n])) };
      groups.set(cell.partition, g);
    }
    g.members++;
    plan.measures.forEach((m: PlanMeasure, i) => {
      // One test of the union's discriminant per branch: TS narrows `m` only on a whole member.
      if (m.measure === 'rows' || m.measure === 'members') g.values[i]![0]! += m.measure === 'rows' ? BigInt(cell.boundedRows) : 1n;
      else if (m.measure === 'sum' || m.measure === 'centred_sum') {
        const xs = cell.rows.filter((row) => row.x !== undefined).map((row) => toGridUnits(row.x!, m.grid, m.lower, m.upper));
        let s = xs.reduce((a, b) => a + b, 0n);
        let lo: bigint;
        let hi: bigint;
        if (m.measure === 'sum') {
          lo = R * (m.lower < 0n ? m.lower : 0n);
          hi = R * (m.upper > 0n ? m.upper : 0n);
        } else {
          s -= BigInt(cell.rows.length) * m.centre;
          lo = R * (m.lower - m.centre);
          hi = R * (m.upper - m.centre);
        }
        g.values[i]![0]! += s < lo ? lo : s > hi ? hi : s;
      } else if (m.measure === 'histogram') {
        const bins = Array.from({ length: m.categories?.length ?? m.bins }, () => 0n);
        for (const row of cell.rows) {
          let b: number;
          if (m.categories) b = row.c === undefined ? -1 : m.categories.indexOf(row.c);
          else if (row.x === undefined) b = -1;
          else {
            const v = toGridUnits(row.x, m.grid, m.lower, m.upper);
            b = Math.min(m.bins - 1, Number(((v - m.lower) * BigInt(m.bins)) / (m.upper - m.lower)));
          }
          if (b >= 0) bins[b]!++;
        }
        const n = bins.reduce((a, c) => a + c, 0n);
        bins.forEach((c, b) => (g.values[i]![b]! += n > R ? (c * R) / n : c));
      }
    });
  }
  const contributors = [...new Set([...cells.values()].map((c) => c.member))].sort();
  return { groups: [...groups.values()], contributors };
}

const sortGroups = (x: BoundedAggregateRows): BoundedAggregateRows => ({ ...x, groups: [...x.groups].sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key))) });

function randomCase(seed: number): { rows: Raw[]; input: Record<string, unknown>; declared: boolean; members: string[] } {
  const rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  // Member ids from the seed too, so a failing seed reproduces exactly (they set the md5 order).
  const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');
  const members = Array.from({ length: 1 + int(6) }, () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`);
  const rows: Raw[] = [];
  for (const member of members) {
    const n = int(25);
    for (let i = 0; i < n; i++) {
      const row: Raw = { member, flag: rand() < 0.7 };
      if (rand() < 0.9) row.c = ['a', 'b', 'c', 'd', 'e'][int(5)]!;
      if (rand() < 0.85) row.x = Math.round((rand() * 24 - 6) * 100) / 100;
      rows.push(row);
    }
  }
  const declared = rand() < 0.5;
  const grouped = rand() < 0.8;
  const input: Record<string, unknown> = {
    dataset: 'd',
    filters: rand() < 0.5 ? [{ field: 'flag', op: 'eq', value: true }] : [],
    groupBy: grouped ? ['c'] : [],
    aggregates: [
      { kind: 'count' },
      { kind: 'count', of: 'members' },
      { kind: 'sum', field: 'x', bounds: { lower: -2, upper: 10, grid: 0.5 } },
      { kind: 'mean', field: 'x', bounds: { lower: 1, upper: 9, grid: 0.25 } },
      { kind: 'histogram', field: 'x', bounds: { lower: 0, upper: 12, grid: 1 }, bins: 4 },
      ...(declared ? [{ kind: 'histogram', field: 'c' }] : []),
    ],
    contribution: { maxRowsPerMember: 1 + int(6), ...(grouped ? { maxPartitionsPerMember: 1 + int(3) } : {}) },
    rhoMicro: 100_000,
  };
  return { rows, input, declared, members };
}

for (const s of STORES) {
  describe.skipIf(!s.enabled)(`bounded aggregates in the store (${s.name})`, () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack(s.name);
    }, 120_000);
    afterAll(() => stack?.close());

    async function load(rows: Raw[]): Promise<string> {
      const datasetId = randomUUID();
      const records: NewRecord[] = rows.map((r) => ({
        id: randomUUID(),
        collectiveId: COLLECTIVE,
        datasetId,
        memberId: r.member,
        data: { ...(r.c !== undefined ? { c: r.c } : {}), ...(r.x !== undefined ? { x: r.x } : {}), flag: r.flag },
        occurredAt: null,
        source: 'test',
        importId: null,
      }));
      await stack.store.transact((tx) => tx.records.insertMany(records));
      return datasetId;
    }
    const aggregate = (plan: BoundedAggregatePlan, members: readonly string[]) => stack.store.snapshot((read) => read.gated.aggregateBounded(plan, members));

    it('agrees with an independent computation from the raw rows on many random small datasets (seeded)', async () => {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const c = randomCase(seed);
        const datasetId = await load(c.rows);
        const query = validateQuery(c.input, { slug: 'd', schema: schema(c.declared) });
        const plan = boundedAggregatePlan(query, { id: datasetId, schema: schema(c.declared) });
        // Some members are not allowed: their rows must not count.
        const allowed = c.members.filter((_, i) => i % 4 !== 3);
        const got = await aggregate(plan, allowed);
        const want = reference(c.rows.filter((r) => allowed.includes(r.member)), plan);
        expect(sortGroups(got), `seed ${seed}`).toEqual(sortGroups(want));
      }
    }, 120_000);

    it('[P1] a member with 10,000 rows moves a count by at most the bound', async () => {
      const others = Array.from({ length: 20 }, () => randomUUID());
      const heavy = randomUUID();
      const rows: Raw[] = others.flatMap((m, i) => Array.from({ length: 1 + (i % 7) }, (_, j) => ({ member: m, c: ['a', 'b', 'c', 'd'][j % 4]!, x: j, flag: true })));
      for (let i = 0; i < 10_000; i++) rows.push({ member: heavy, c: ['a', 'b', 'c', 'd', 'e'][i % 5]!, x: 1000, flag: true });
      const datasetId = await load(rows);
      for (const declared of [true, false]) {
        const query = validateQuery({
          dataset: 'd',
          groupBy: ['c'],
          aggregates: [{ kind: 'count' }, { kind: 'sum', field: 'x', bounds: { lower: 0, upper: 10, grid: 0.5 } }],
          contribution: { maxRowsPerMember: 3, maxPartitionsPerMember: 2 },
          rhoMicro: 10_000,
        }, { slug: 'd', schema: schema(declared) });
        const plan = boundedAggregatePlan(query, { id: datasetId, schema: schema(declared) });
        const without = sortGroups(await aggregate(plan, others));
        const withHeavy = sortGroups(await aggregate(plan, [...others, heavy]));
        const ms = measurements(query);
        ms.forEach((m, i) => {
          const value = (x: BoundedAggregateRows, key: string) => x.groups.find((g) => g.key[0] === key)?.values[i]![0] ?? 0n;
          let l1 = 0n;
          let l2 = 0n;
          for (const key of ['a', 'b', 'c', 'd', 'e']) {
            const d = value(withHeavy, key) - value(without, key);
            expect(d < 0n ? -d : d).toBeLessThanOrEqual(m.perGroup.l1);
            l1 += d < 0n ? -d : d;
            l2 += d * d;
          }
          expect(l1).toBeLessThanOrEqual(m.sensitivity.l1);
          expect(l2).toBeLessThanOrEqual(m.sensitivity.l2Squared);
          // The bound binds: the heavy member does move the counts, by exactly k·r rows.
          if (m.measure === 'rows') expect(l1).toBe(6n);
        });
        expect(withHeavy.contributors).toContain(heavy);
        expect(without.contributors).not.toContain(heavy);
      }
    }, 60_000);
  });
}
