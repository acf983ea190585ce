import { runPrivateQuery, seedDemo, withConsentedRecords, type Actor } from '@steward/app';
import { boundedAggregatePlan, planQuery, validateQuery, ValidationError, type Dataset, type DecisionInput, type Query } from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, STORES, type Stack } from '../helpers/stack.ts';

/**
 * The private query engine's core path through the app (issue 7): only consenting members'
 * records enter (C1), small groups are suppressed (P3), and what is released is noisy integers on
 * the declared grid with their intervals, at the planned cost, without the contributors.
 */

const SMALL_DEMO = { seed: 7, members: 4, start: new Date('2026-01-05T00:00:00Z'), weeks: 2 };
const PURPOSE = 'dpv:AcademicResearch' as const;
const RECIPIENT = { category: 'academic' } as const;

const QUERY = {
  dataset: 'work_tasks',
  groupBy: ['task_type'],
  aggregates: [
    { kind: 'count' },
    { kind: 'count', of: 'members' },
    { kind: 'sum', field: 'distance_m', bounds: { lower: 0, upper: 50_000, grid: 100 } },
    { kind: 'mean', field: 'duration_s', bounds: { lower: 0, upper: 7_200, grid: 60 } },
    { kind: 'histogram', field: 'status' },
  ],
  contribution: { maxRowsPerMember: 5, maxPartitionsPerMember: 2 },
  rhoMicro: 1_000_000,
};

const bigintJson = (x: unknown): string => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

for (const s of STORES) {
  describe.skipIf(!s.enabled)(`private queries through the app (${s.name})`, () => {
    let stack: Stack;
    let actor: Actor;
    let collectiveId: string;
    let tasks: Dataset;
    let query: Query;

    beforeAll(async () => {
      stack = await startStack(s.name);
      await seedDemo(stack.app.deps, SMALL_DEMO);
      actor = { userId: (await stack.store.read.users.byEmail('member@demo.example'))!.id, via: 'session' };
      collectiveId = (await stack.store.read.collectives.bySlug('demo'))!.id;
      tasks = (await stack.store.read.datasets.list(collectiveId)).find((d) => d.canonical === 'work_tasks')!;
      query = validateQuery(QUERY, tasks);
    }, 180_000);
    afterAll(() => stack?.close());

    async function decide(status: 'given' | 'withdrawn'): Promise<void> {
      const decision: DecisionInput = { changes: [{ scope: { datasets: [{ datasetId: tasks.id }], purposes: [PURPOSE], recipients: [RECIPIENT] }, status }] };
      const notice = await stack.app.consentNoticeFor({ actor, slug: 'demo', decision });
      await stack.app.recordConsent({ actor, slug: 'demo', decision, noticeDigest: notice.digest });
    }
    const aggregate = (q: Query) =>
      withConsentedRecords(stack.app.deps, { collectiveId, use: { datasetId: tasks.id, purpose: PURPOSE, recipient: RECIPIENT } }, (r) => r.aggregate(boundedAggregatePlan(q, tasks)));
    const run = (minCohort: number, q: Query = query) =>
      runPrivateQuery(stack.app.deps, { collectiveId, query: q, purpose: PURPOSE, recipient: RECIPIENT, mechanism: 'gaussian', minCohort });
    const totalRows = (rows: Awaited<ReturnType<typeof aggregate>>) => rows.groups.reduce((n, g) => n + g.values[0]![0]!, 0n);

    it('[C1] revoked members are excluded', async () => {
      await decide('given');
      const given = await aggregate(query);
      expect(given.contributors).toContain(actor.userId);
      // The member's own bounded contribution, alone: what their withdrawal must take away.
      const own = await stack.store.snapshot((read) => read.gated.aggregateBounded(boundedAggregatePlan(query, tasks), [actor.userId]));
      expect(totalRows(own)).toBeGreaterThan(0n);

      await decide('withdrawn');
      const withdrawn = await aggregate(query);
      expect(withdrawn.contributors).not.toContain(actor.userId);
      expect(withdrawn.contributors.length).toBe(given.contributors.length - 1);
      expect(totalRows(withdrawn)).toBe(totalRows(given) - totalRows(own));
      const ran = await run(0);
      expect(ran.contributors).not.toContain(actor.userId);
      expect(ran.contributingMembers).toBe(withdrawn.contributors.length);

      await decide('given');
      expect((await run(0)).contributors).toContain(actor.userId);
    }, 60_000);

    it('[P3] groups below the minimum cohort are suppressed, with nothing else shown', async () => {
      await decide('given');
      const all = await run(1_000_000);
      expect(all.result.groups.map((g) => g.key.task_type)).toEqual(['delivery', 'other', 'trip']);
      for (const g of all.result.groups) expect(g).toEqual({ key: g.key, suppressed: true, aggregates: null });
      // With no minimum, every declared group is released, empty or not (absence would tell).
      const none = await run(0);
      expect(none.result.groups.map((g) => g.key.task_type)).toEqual(['delivery', 'other', 'trip']);
      for (const g of none.result.groups) expect(g.suppressed).toBe(false);
      // A collective that suppresses needs a count to tell small groups by.
      const noCount = validateQuery({ ...QUERY, aggregates: [QUERY.aggregates[2]] }, tasks);
      await expect(run(5, noCount)).rejects.toBeInstanceOf(ValidationError);
    }, 60_000);

    it('releases noisy integers on the grid with 95% intervals, costs the plan, and leaves the contributors out', async () => {
      await decide('given');
      const { result, contributors } = await run(0);
      expect(contributors.length).toBeGreaterThan(0);
      expect(result.rhoMicro).toBe(planQuery(query, 'gaussian').rhoMicro);
      expect(result.rhoMicro).toBeLessThanOrEqual(query.rhoMicro);
      const values = result.groups.flatMap((g) =>
        Object.values(g.aggregates!).flatMap((a) => {
          if (a.kind === 'mean') return [a.centredSum, a.count];
          if (a.kind === 'histogram' || a.kind === 'quantiles') return a.bins;
          return [a.value];
        }),
      );
      expect(values.length).toBe(3 * (1 + 1 + 1 + 2 + 3));
      for (const v of values) {
        expect(typeof v.units).toBe('bigint');
        expect(v.value).toBe(Number(v.units) * v.grid);
        expect(v.noiseStdDev).toBeGreaterThan(0);
        expect(v.interval95[0]).toBeLessThan(v.value);
        expect(v.interval95[1]).toBeGreaterThan(v.value);
      }
      const sum = result.groups[0]!.aggregates!.sum_distance_m!;
      expect(sum.kind === 'sum' && sum.value.grid).toBe(100);
      expect(sum.kind === 'sum' && Math.abs(sum.value.value % 100)).toBe(0); // abs: a negative noisy sum gives -0
      // Who contributed goes to receipts and the log, never into what the requester gets.
      const text = bigintJson(result);
      for (const id of contributors) expect(text).not.toContain(id);
      expect(Object.keys(result).sort()).toEqual(['dataset', 'delta', 'groups', 'mechanism', 'rhoMicro']);
    }, 60_000);
  });
}
