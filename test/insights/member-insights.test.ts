import { DEMO_PASSWORD, seedDemo } from '@steward/app';
import { ApiError, schemas } from '@steward/contract';
import type { DataRecord } from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, startStack, STORES, type BrowserClient, type Stack } from '../helpers/stack.ts';

/**
 * The member's own insights on the demo collective, through the HTTP API: the totals must equal
 * an independent computation done here, straight from the member's records as the store lists
 * them, and nobody else's records may ever count (rule S1).
 */

async function signIn(stack: Stack, email: string): Promise<BrowserClient & { userId: string }> {
  const b = stack.browser();
  const res = await b.client.call('signIn', { body: { email, password: DEMO_PASSWORD } });
  return { ...b, userId: res.user.id };
}

/** Every record of one member in one dataset, through the store's own paginated reader. */
async function allRecords(stack: Stack, datasetId: string, memberId: string): Promise<DataRecord[]> {
  const out: DataRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof stack.store.read.records.listForMember>> = await stack.store.read.records.listForMember(datasetId, memberId, { limit: 1000, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

/** n / d rounded half away from zero, for d > 0, written independently of core's helper. */
function roundDiv(n: bigint, d: bigint): number {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (2n * a + d) / (2n * d);
  return Number(neg ? -q : q);
}

/** What the member's totals must be, computed the plain way. */
async function expectedTotals(stack: Stack, collectiveId: string, memberId: string, expensesPerKmMinor: number) {
  const datasets = await stack.store.read.datasets.list(collectiveId);
  const byCanonical = (name: string) => datasets.find((d) => d.canonical === name)!;
  const segments = await allRecords(stack, byCanonical('time_segments').id, memberId);
  const tasks = await allRecords(stack, byCanonical('work_tasks').id, memberId);
  const pay = await allRecords(stack, byCanonical('pay_items').id, memberId);
  const shifts = await allRecords(stack, byCanonical('shifts').id, memberId);
  const points = await allRecords(stack, byCanonical('location_points').id, memberId);

  // The demo's segments never overlap, so the plain sum of their lengths is the time logged in.
  const spans = segments
    .filter((r) => r.data.state !== 'offline')
    .map((r) => ({ from: Date.parse(r.data.started_at as string), to: Date.parse(r.data.ended_at as string), engaged: r.data.state === 'engaged' }))
    .sort((a, b) => a.from - b.from);
  for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.to);
  const onlineMs = spans.reduce((s, x) => s + (x.to - x.from), 0);
  const engagedMs = spans.filter((x) => x.engaged).reduce((s, x) => s + (x.to - x.from), 0);

  const completed = tasks.filter((r) => r.data.status === 'completed');
  const meters = completed.reduce((s, r) => s + ((r.data.distance_m as number | null) ?? 0), 0);
  const sumKind = (kind: string) => pay.filter((r) => r.data.kind === kind).reduce((s, r) => s + (r.data.amount as number), 0);
  expect(new Set(pay.map((r) => r.data.currency))).toEqual(new Set(['EUR']));
  const net = pay.filter((r) => r.data.kind !== 'payout').reduce((s, r) => s + (r.data.amount as number), 0);
  const expenses = roundDiv(BigInt(expensesPerKmMinor) * BigInt(meters), 1000n);
  return {
    counts: { time_segments: segments.length, work_tasks: tasks.length, pay_items: pay.length, shifts: shifts.length, location_points: points.length },
    time: { onlineSeconds: onlineMs / 1000, engagedSeconds: engagedMs / 1000, waitingSeconds: (onlineMs - engagedMs) / 1000 },
    tasks: { completed: completed.length, cancelled: tasks.filter((r) => r.data.status === 'cancelled').length, distanceMeters: meters },
    money: {
      currency: 'EUR',
      netMinor: net,
      grossFaresMinor: sumKind('fare'),
      commissionMinor: -sumKind('commission'),
      tipsMinor: sumKind('tip'),
      bonusesMinor: sumKind('bonus'),
      payLines: pay.length,
      netPerOnlineHourMinor: roundDiv(BigInt(net) * 3_600_000n, BigInt(onlineMs)),
      netPerEngagedHourMinor: roundDiv(BigInt(net) * 3_600_000n, BigInt(engagedMs)),
      netPerKmMinor: roundDiv(BigInt(net) * 1000n, BigInt(meters)),
      expensesMinor: expenses,
      netAfterExpensesMinor: net - expenses,
    },
  };
}

for (const s of STORES) {
  describe.skipIf(!s.enabled)(`member insights on the demo collective (${s.name})`, () => {
    let stack: Stack;
    let member: BrowserClient & { userId: string };
    let collectiveId: string;

    beforeAll(async () => {
      stack = await startStack(s.name);
      await seedDemo(stack.app.deps);
      member = await signIn(stack, 'member@demo.example');
      collectiveId = (await stack.store.read.collectives.bySlug('demo'))!.id;
    }, 180_000);
    afterAll(() => stack?.close());

    it('[S1] the member’s totals equal an independent computation from their own records', async () => {
      const query = { period: 'week', timeZone: 'Europe/Paris', expensesPerKmMinor: 12, currency: 'EUR' } as const;
      const res = await member.client.call('memberInsights', { params: { slug: 'demo' }, query });
      // The answer is what the contract promises.
      expect(schemas.MemberInsights.parse(res)).toEqual(res);
      const want = await expectedTotals(stack, collectiveId, member.userId, 12);
      expect(want.counts.pay_items).toBeGreaterThan(1000);

      expect(res).toMatchObject({ period: 'week', timeZone: 'Europe/Paris', expensesPerKm: { amountMinor: 12, currency: 'EUR' } });
      expect(res.totals.time).toMatchObject(want.time);
      expect(res.totals.tasks).toMatchObject(want.tasks);
      expect(res.totals.money).toHaveLength(1);
      expect(res.totals.money[0]).toMatchObject(want.money);
      expect(res.totals.shifts.shifts).toBe(want.counts.shifts);
      // Every record of the member counted, none left out, and no other member's record read.
      const { shifts, ...used } = want.counts;
      expect(res.records).toEqual({ used: shifts ? want.counts : used, skipped: {} });
      const mine = await stack.store.read.records.countForMember(collectiveId, member.userId);
      const everyone = await stack.store.read.records.countByDataset(collectiveId);
      const datasets = await stack.store.read.datasets.list(collectiveId);
      for (const d of datasets) {
        expect(res.records.used[d.canonical!] ?? 0).toBe(mine[d.id] ?? 0);
        expect(everyone[d.id]).toBeGreaterThan(mine[d.id] ?? 0);
      }

      // The 16 demo weeks, Monday to Sunday in Paris; they add up to the totals.
      expect(res.periods.length).toBeGreaterThanOrEqual(16);
      expect(res.periods[0]!.key).toBe('2026-W02');
      expect(res.periods.every((p) => new Date(`${p.from}T12:00:00Z`).getUTCDay() === 1)).toBe(true);
      const sum = (f: (p: (typeof res.periods)[number]) => number) => res.periods.reduce((a, p) => a + f(p), 0);
      expect(sum((p) => p.money[0]?.netMinor ?? 0)).toBe(want.money.netMinor);
      expect(sum((p) => p.time.onlineSeconds)).toBe(want.time.onlineSeconds);
      expect(sum((p) => p.tasks.distanceMeters)).toBe(want.tasks.distanceMeters);
    });

    it('months give the same totals as weeks', async () => {
      const week = await member.client.call('memberInsights', { params: { slug: 'demo' }, query: { period: 'week', timeZone: 'Europe/Paris' } });
      const month = await member.client.call('memberInsights', { params: { slug: 'demo' }, query: { period: 'month', timeZone: 'Europe/Paris' } });
      expect(month.periods.map((p) => p.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
      const { from: _a, to: _b, ...w } = week.totals;
      const { from: _c, to: _d, ...m } = month.totals;
      expect(m).toEqual(w);
    });

    it('[S1] a steward gets only their own (empty) insights, never the members’', async () => {
      const steward = await signIn(stack, 'steward@demo.example');
      const res = await steward.client.call('memberInsights', { params: { slug: 'demo' }, query: { timeZone: 'Europe/Paris' } });
      expect(res.periods).toEqual([]);
      expect(res.records).toEqual({ used: {}, skipped: {} });
      expect(res.totals).toMatchObject({ from: null, to: null, money: [], time: { onlineSeconds: 0 }, tasks: { completed: 0 } });
    });

    it('[S1] a new member sees nothing of the others’; a requester, an outsider and anonymous callers are refused', async () => {
      const steward = await signIn(stack, 'steward@demo.example');
      const inv = await steward.client.call('createInvitation', { params: { slug: 'demo' }, body: { role: 'member' } });
      const newcomer = await signedUp(stack, 'newcomer');
      await newcomer.client.call('acceptInvitation', { params: { token: inv.token } });
      const res = await newcomer.client.call('memberInsights', { params: { slug: 'demo' } });
      expect(res).toMatchObject({ period: 'week', timeZone: 'UTC', periods: [], records: { used: {} } });

      const refused = async (b: BrowserClient) => b.client.call('memberInsights', { params: { slug: 'demo' } }).catch((e: unknown) => e as ApiError);
      expect(await refused(await signIn(stack, 'requester@demo.example'))).toMatchObject({ status: 403, code: 'forbidden' });
      expect(await refused(await signedUp(stack, 'outsider'))).toMatchObject({ status: 403, code: 'forbidden' });
      expect(await refused(stack.browser())).toMatchObject({ status: 401 });
    });

    it('rejects an unknown time zone, a bad period, expenses without a currency and a bad workplace, naming the field', async () => {
      const bad = async (query: Record<string, string>) => {
        const res = await member.fetch(`${stack.url}/api/v1/collectives/demo/insights?${new URLSearchParams(query)}`);
        expect(res.status).toBe(422);
        return ((await res.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
      };
      expect(await bad({ timeZone: 'Mars/Olympus_Mons' })).toEqual(['timeZone']);
      expect(await bad({ period: 'day' })).toEqual(['period']);
      expect(await bad({ expensesPerKmMinor: '12' })).toEqual(['currency']);
      expect(await bad({ expensesPerKmMinor: '-1', currency: 'EUR' })).toEqual(['expensesPerKmMinor']);
      expect(await bad({ workplace: 'the office' })).toEqual(['workplace']);
      expect(await bad({ workplace: '91,0' })).toEqual(['workplace']);
      expect(await bad({ workplace: '48.85,2.35', workplaceRadiusM: '5' })).toEqual(['workplaceRadiusM']);
      expect(await bad({ workplaceRadiusM: '2001' })).toEqual(['workplaceRadiusM']);
      // A workplace and radius within bounds are taken as given.
      const wp = await member.client.call('memberInsights', { params: { slug: 'demo' }, query: { workplace: ' 48.85 , 2.35 ', workplaceRadiusM: 2000 } });
      expect(wp.workplace).toEqual({ lat: 48.85, lng: 2.35, radiusM: 2000, suggested: false });
      // A time zone the server knows, in any case, comes back by its canonical name.
      const ok = await member.client.call('memberInsights', { params: { slug: 'demo' }, query: { timeZone: 'europe/paris' } });
      expect(ok.timeZone).toBe('Europe/Paris');
    });

    it('reads the demo member’s whole history', async () => {
      const res = await stack.app.memberInsights({ actor: { userId: member.userId, via: 'session' }, slug: 'demo', period: 'week', timeZone: 'Europe/Paris' });
      expect(Object.values(res.records.used).reduce((a, b) => a + b, 0)).toBeGreaterThan(5000);
    });
  });
}
