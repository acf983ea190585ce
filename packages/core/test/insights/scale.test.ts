import { describe, expect, it } from 'vitest';
import { computeInsights, insightsAccumulator, type InsightsRecord } from '../../src/index.ts';

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A year of driving: `trips` trips, five records each (waiting, engaged, task, fare, commission). */
function* year(trips: number): Generator<InsightsRecord> {
  let t = Date.parse('2025-01-06T06:00:00Z');
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < trips; i++) {
    const wait = Math.floor(3 + 10 * next()) * MIN;
    const ride = Math.floor(8 + 25 * next()) * MIN;
    yield { dataset: 'time_segments', data: { platform: 'uber', state: 'online', started_at: iso(t), ended_at: iso(t + wait) } };
    yield { dataset: 'time_segments', data: { platform: 'uber', state: 'engaged', started_at: iso(t + wait), ended_at: iso(t + wait + ride) } };
    const end = t + wait + ride;
    const fare = 700 + Math.floor(3000 * next());
    yield { dataset: 'work_tasks', data: { platform: 'uber', task_type: 'trip', status: 'completed', started_at: iso(t + wait), ended_at: iso(end), distance_m: Math.floor(1000 + 15000 * next()) } };
    yield { dataset: 'pay_items', data: { platform: 'uber', kind: 'fare', amount: fare, currency: 'EUR', paid_at: iso(end) } };
    yield { dataset: 'pay_items', data: { platform: 'uber', kind: 'commission', amount: -Math.round(fare / 4), currency: 'EUR', paid_at: iso(end) } };
    t = end + (i % 20 === 19 ? 10 * 60 * MIN : 0);
  }
}

describe('computeInsights at scale', () => {
  // Speed is measured by `npm run bench`, not asserted here: machines are shared and noisy.
  it('handles 100 000 records in one call', () => {
    const records = [...year(20_000)];
    expect(records).toHaveLength(100_000);
    const r = computeInsights({ records, period: 'week', timeZone: 'Europe/Paris', expensesPerKm: { amountMinor: 12, currency: 'EUR' } });
    expect(r.records.used).toEqual({ time_segments: 40_000, work_tasks: 20_000, pay_items: 40_000 });
  });

  it('periods add up to the totals, and weeks and months give the same totals', () => {
    const records = [...year(3000)];
    const week = computeInsights({ records, period: 'week', timeZone: 'Europe/Paris', expensesPerKm: { amountMinor: 12, currency: 'EUR' } });
    const month = computeInsights({ records, period: 'month', timeZone: 'Europe/Paris', expensesPerKm: { amountMinor: 12, currency: 'EUR' } });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const r of [week, month]) {
      expect(sum(r.periods.map((p) => p.time.onlineSeconds))).toBe(r.totals.time.onlineSeconds);
      expect(sum(r.periods.map((p) => p.time.engagedSeconds))).toBe(r.totals.time.engagedSeconds);
      expect(sum(r.periods.flatMap((p) => p.days.map((d) => d.onlineSeconds)))).toBe(r.totals.time.onlineSeconds);
      expect(sum(r.periods.map((p) => p.tasks.distanceMeters))).toBe(r.totals.tasks.distanceMeters);
      expect(sum(r.periods.map((p) => p.money[0]!.netMinor))).toBe(r.totals.money[0]!.netMinor);
      expect(sum(r.periods.map((p) => p.money[0]!.grossFaresMinor))).toBe(r.totals.money[0]!.grossFaresMinor);
    }
    const { from: _wf, to: _wt, ...weekTotals } = week.totals;
    const { from: _mf, to: _mt, ...monthTotals } = month.totals;
    expect(monthTotals).toEqual(weekTotals);
    expect(month.periods.length).toBeLessThan(week.periods.length);
  });

  it('the accumulator gives the same answer whatever the order of the records', () => {
    const records = [...year(500)];
    const forward = computeInsights({ records, period: 'week', timeZone: 'Europe/Paris' });
    const acc = insightsAccumulator({ period: 'week', timeZone: 'Europe/Paris' });
    for (let i = records.length - 1; i >= 0; i--) acc.add(records[i]!);
    expect(acc.finish()).toEqual(forward);
  });
});
