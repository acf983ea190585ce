import { describe, expect, it } from 'vitest';
import { computeInsights, ValidationError, type InsightsRecord, type MoneyInsights } from '../../src/index.ts';
import { pay, seg, shift, task } from './helpers.ts';

/**
 * Every expected value below is worked out by hand in the comments next to it, never copied
 * from the function's output. Paris is UTC+1 in winter (CET) and UTC+2 in summer (CEST).
 */
const PARIS = 'Europe/Paris';

const noMoney = { taxesMinor: 0, adjustmentsMinor: 0, otherMinor: 0, payoutsMinor: 0, feesMinor: 0, tipsMinor: 0, bonusesMinor: 0 };

describe('computeInsights: a week of driving with three trips', () => {
  // Monday 5 January 2026 in Paris: three trips between 08:00 and 11:00 with a break.
  const records: InsightsRecord[] = [
    seg('online', '2026-01-05T08:00:00+01:00', '2026-01-05T08:20:00+01:00'), // 1200 s waiting
    seg('engaged', '2026-01-05T08:20:00+01:00', '2026-01-05T08:50:00+01:00'), // 1800 s trip 1
    seg('online', '2026-01-05T08:50:00+01:00', '2026-01-05T09:00:00+01:00'), // 600 s waiting
    seg('engaged', '2026-01-05T09:00:00+01:00', '2026-01-05T09:45:00+01:00'), // 2700 s trip 2
    seg('offline', '2026-01-05T09:45:00+01:00', '2026-01-05T10:15:00+01:00'), // break: not counted
    seg('online', '2026-01-05T10:15:00+01:00', '2026-01-05T10:30:00+01:00'), // 900 s waiting
    seg('engaged', '2026-01-05T10:30:00+01:00', '2026-01-05T11:00:00+01:00'), // 1800 s trip 3
    task('completed', '2026-01-05T08:25:00+01:00', '2026-01-05T08:50:00+01:00', 5200),
    task('completed', '2026-01-05T09:10:00+01:00', '2026-01-05T09:45:00+01:00', 12300),
    task('completed', '2026-01-05T10:40:00+01:00', '2026-01-05T11:00:00+01:00', null), // no distance known
    task('cancelled', '2026-01-05T11:05:00+01:00', '2026-01-05T11:10:00+01:00', null),
    pay('fare', 1000, '2026-01-05T08:50:00+01:00'),
    pay('commission', -250, '2026-01-05T08:50:00+01:00'),
    pay('fare', 2300, '2026-01-05T09:45:00+01:00'),
    pay('commission', -575, '2026-01-05T09:45:00+01:00'),
    pay('tip', 200, '2026-01-05T10:00:00+01:00'),
    pay('fare', 1700, '2026-01-05T11:00:00+01:00'),
    pay('commission', -425, '2026-01-05T11:00:00+01:00'),
    pay('bonus', 500, '2026-01-11T18:00:00+01:00'), // Sunday: still the same week
    pay('fee', -99, '2026-01-07T12:00:00+01:00'),
    pay('payout', 4000, '2026-01-08T09:00:00+01:00'), // a transfer to the bank, not earnings
  ];

  // online = 1200 + 1800 + 600 + 2700 + 900 + 1800 = 9000 s = 2.5 h; engaged = 1800 + 2700 + 1800 = 6300 s = 1.75 h
  const time = { onlineSeconds: 9000, engagedSeconds: 6300, waitingSeconds: 2700, onlineHours: 2.5, engagedHours: 1.75, engagedShare: 0.7 };
  // distance = 5200 + 12300 = 17500 m = 17.5 km; trip 3 has none
  const tasks = { completed: 3, cancelled: 1, other: 0, distanceMeters: 17500, distanceKm: 17.5, completedWithoutDistance: 1 };
  const eur: MoneyInsights = {
    currency: 'EUR',
    netMinor: 4351, // 1000 + 2300 + 1700 − 250 − 575 − 425 + 200 + 500 − 99 (the payout is left out)
    grossFaresMinor: 5000, // 1000 + 2300 + 1700
    commissionMinor: 1250, // 250 + 575 + 425
    commissionShare: 0.25, // 1250 / 5000
    ...noMoney,
    tipsMinor: 200,
    bonusesMinor: 500,
    feesMinor: -99,
    payoutsMinor: 4000,
    payLines: 10,
    netPerOnlineHourMinor: 1740, // 4351 / 2.5 = 1740.4
    netPerEngagedHourMinor: 2486, // 4351 / 1.75 = 2486.29
    netPerKmMinor: 249, // 4351 / 17.5 = 248.63
    expensesMinor: 210, // 12 × 17.5
    netAfterExpensesMinor: 4141, // 4351 − 210
    netAfterExpensesPerOnlineHourMinor: 1656, // 4141 / 2.5 = 1656.4
  };
  const noWorkplace = { atWorkplaceSeconds: 0, atWorkplaceHours: 0, daysAtWorkplace: 0 };
  const noShifts = { shifts: 0, presenceSeconds: 0, breakSeconds: 0, workedSeconds: 0, contractedSeconds: 0, overtimeSeconds: 0, workedHours: 0, contractedHours: 0, shiftsWithoutContract: 0 };

  it('gives net, fares, commission share, tips, hours, per-hour, per-km and net after expenses', () => {
    const r = computeInsights({ records, period: 'week', timeZone: PARIS, expensesPerKm: { amountMinor: 12, currency: 'EUR' } });
    expect(r.period).toBe('week');
    expect(r.timeZone).toBe(PARIS);
    expect(r.periods).toEqual([
      {
        key: '2026-W02',
        from: '2026-01-05',
        to: '2026-01-11',
        startsAt: '2026-01-04T23:00:00.000Z', // Monday 00:00 CET
        endsAt: '2026-01-11T23:00:00.000Z',
        time,
        tasks,
        money: [eur],
        shifts: noShifts,
        workplace: noWorkplace,
        days: [{ date: '2026-01-05', onlineSeconds: 9000, engagedSeconds: 6300, workedSeconds: 0, presenceSeconds: 0, atWorkplaceSeconds: 0 }],
      },
    ]);
    expect(r.totals).toEqual({ from: '2026-01-05', to: '2026-01-11', time, tasks, money: [eur], shifts: noShifts, workplace: noWorkplace });
    expect(r.records).toEqual({ used: { time_segments: 7, work_tasks: 4, pay_items: 10 }, skipped: {} });
  });

  it('without expenses the after-expenses figures are null', () => {
    const r = computeInsights({ records, period: 'week', timeZone: PARIS });
    expect(r.expensesPerKm).toBeNull();
    expect(r.totals.money[0]).toMatchObject({ netMinor: 4351, expensesMinor: null, netAfterExpensesMinor: null, netAfterExpensesPerOnlineHourMinor: null });
  });
});

describe('computeInsights: time is cut at local midnight, and so at week boundaries', () => {
  const records = [
    // Sunday 23:30 → Monday 01:00 in Paris: 1800 s in week 2 (Sunday), 3600 s in week 3 (Monday).
    // In UTC this is 22:30Z → 00:00Z, all of it on Sunday.
    seg('engaged', '2026-01-11T23:30:00+01:00', '2026-01-12T01:00:00+01:00'),
    // Wednesday 23:00 → Thursday 00:30: 3600 s on the 14th, 1800 s on the 15th, both week 3.
    seg('online', '2026-01-14T23:00:00+01:00', '2026-01-15T00:30:00+01:00'),
    pay('fare', 800, '2026-01-11T23:30:00Z'), // Monday 00:30 in Paris: week 3
    pay('tip', 100, '2026-01-11T22:59:59Z'), // Sunday 23:59:59 in Paris: week 2
  ];

  it('splits segments between days and weeks in the member’s time zone', () => {
    const r = computeInsights({ records, period: 'week', timeZone: PARIS });
    const [w2, w3] = r.periods;
    expect(r.periods.map((p) => p.key)).toEqual(['2026-W02', '2026-W03']);
    // Week 2: 1800 s, all engaged; net 100 (the tip) over 0.5 h = 200 an hour.
    expect(w2!.time).toMatchObject({ onlineSeconds: 1800, engagedSeconds: 1800 });
    expect(w2!.money).toEqual([expect.objectContaining({ netMinor: 100, grossFaresMinor: 0, commissionShare: null, netPerOnlineHourMinor: 200 })]);
    expect(w2!.days).toEqual([{ date: '2026-01-11', onlineSeconds: 1800, engagedSeconds: 1800, workedSeconds: 0, presenceSeconds: 0, atWorkplaceSeconds: 0 }]);
    // Week 3: 3600 (Monday) + 3600 + 1800 = 9000 s online, 3600 s engaged; 800 / 2.5 h = 320, 800 / 1 h = 800.
    expect(w3!.time).toMatchObject({ onlineSeconds: 9000, engagedSeconds: 3600, waitingSeconds: 5400 });
    expect(w3!.money).toEqual([expect.objectContaining({ netMinor: 800, netPerOnlineHourMinor: 320, netPerEngagedHourMinor: 800 })]);
    expect(w3!.days.map((d) => [d.date, d.onlineSeconds, d.engagedSeconds])).toEqual([
      ['2026-01-12', 3600, 3600],
      ['2026-01-14', 3600, 0],
      ['2026-01-15', 1800, 0],
    ]);
    // Totals: 10800 s online, 5400 s engaged, net 900 over 3 h = 300 an hour.
    expect(r.totals.time).toMatchObject({ onlineSeconds: 10800, engagedSeconds: 5400, onlineHours: 3, engagedHours: 1.5 });
    expect(r.totals.money[0]).toMatchObject({ netMinor: 900, netPerOnlineHourMinor: 300, netPerEngagedHourMinor: 600 });
    expect(r.totals).toMatchObject({ from: '2026-01-05', to: '2026-01-18' });
  });

  it('in UTC the same records fall differently: the cut follows the time zone asked for', () => {
    const r = computeInsights({ records, period: 'week', timeZone: 'UTC' });
    // Week 2 in UTC: the engaged 22:30Z–00:00Z (5400 s) and both pay lines (22:59:59Z, 23:30Z on Sunday).
    expect(r.periods[0]).toMatchObject({ key: '2026-W02', startsAt: '2026-01-05T00:00:00.000Z', time: { onlineSeconds: 5400, engagedSeconds: 5400 } });
    expect(r.periods[0]!.money[0]!.netMinor).toBe(900);
    // Week 3 in UTC: the online 22:00Z–23:30Z on the 14th, 5400 s.
    expect(r.periods[1]).toMatchObject({ key: '2026-W03', time: { onlineSeconds: 5400, engagedSeconds: 0 }, money: [] });
  });

  it('per month, all of it is January', () => {
    const r = computeInsights({ records, period: 'month', timeZone: PARIS });
    expect(r.periods).toHaveLength(1);
    expect(r.periods[0]).toMatchObject({
      key: '2026-01',
      from: '2026-01-01',
      to: '2026-01-31',
      startsAt: '2025-12-31T23:00:00.000Z',
      endsAt: '2026-01-31T23:00:00.000Z',
      time: { onlineSeconds: 10800, engagedSeconds: 5400 },
    });
  });
});

describe('computeInsights: daylight saving time in Europe/Paris', () => {
  it('the spring-forward week is 167 hours long and an hour of wall clock that never happened is not counted', () => {
    const records = [
      // Sunday 29 March 2026, clocks jump from 02:00 to 03:00: 01:30 CET → 03:30 CEST is 00:30Z → 01:30Z, one real hour.
      seg('online', '2026-03-29T01:30:00+01:00', '2026-03-29T03:30:00+02:00'),
      // Sunday 23:00 → Monday 01:00 CEST: 3600 s in week 13, 3600 s in week 14.
      seg('engaged', '2026-03-29T23:00:00+02:00', '2026-03-30T01:00:00+02:00'),
    ];
    const r = computeInsights({ records, period: 'week', timeZone: PARIS });
    expect(r.periods).toEqual([
      expect.objectContaining({
        key: '2026-W13',
        from: '2026-03-23',
        to: '2026-03-29',
        startsAt: '2026-03-22T23:00:00.000Z', // Monday 00:00 CET
        endsAt: '2026-03-29T22:00:00.000Z', // Monday 00:00 CEST: 7 × 24 − 1 = 167 h later
        time: expect.objectContaining({ onlineSeconds: 7200, engagedSeconds: 3600 }), // 3600 + 3600
        days: [{ date: '2026-03-29', onlineSeconds: 7200, engagedSeconds: 3600, workedSeconds: 0, presenceSeconds: 0, atWorkplaceSeconds: 0 }],
      }),
      expect.objectContaining({
        key: '2026-W14',
        startsAt: '2026-03-29T22:00:00.000Z',
        endsAt: '2026-04-05T22:00:00.000Z',
        time: expect.objectContaining({ onlineSeconds: 3600, engagedSeconds: 3600 }),
      }),
    ]);
    const month = computeInsights({ records, period: 'month', timeZone: PARIS });
    expect(month.periods).toEqual([
      expect.objectContaining({ key: '2026-03', startsAt: '2026-02-28T23:00:00.000Z', endsAt: '2026-03-31T22:00:00.000Z', time: expect.objectContaining({ onlineSeconds: 10800 }) }),
    ]);
  });

  it('a night shift over the fall-back night counts the 13 real hours and shares out break and contract by time', () => {
    // Saturday 24 October 20:00 CEST (18:00Z) → Sunday 25 October 08:00 CET (07:00Z): 13 h = 46800 s,
    // though the wall clock shows 12 h. The 24th ends at 22:00Z: 4 h = 14400 s on the 24th, 9 h = 32400 s on the 25th.
    const records = [shift('2026-10-24T20:00:00+02:00', '2026-10-25T08:00:00+01:00', 3600, 43200)];
    const r = computeInsights({ records, period: 'week', timeZone: PARIS });
    expect(r.periods).toHaveLength(1);
    const w = r.periods[0]!;
    expect(w.key).toBe('2026-W43');
    // worked = 46800 − 3600 = 43200 = contracted: no overtime.
    expect(w.shifts).toEqual({
      shifts: 1,
      presenceSeconds: 46800,
      breakSeconds: 3600,
      workedSeconds: 43200,
      contractedSeconds: 43200,
      overtimeSeconds: 0,
      workedHours: 12,
      contractedHours: 12,
      shiftsWithoutContract: 0,
    });
    // Break on the 24th: round(3600 × 14400 / 46800) = round(1107.7) = 1108 s, so worked 14400 − 1108 = 13292 s;
    // on the 25th: 3600 − 1108 = 2492 s of break, worked 32400 − 2492 = 29908 s.
    expect(w.days).toEqual([
      { date: '2026-10-24', onlineSeconds: 0, engagedSeconds: 0, workedSeconds: 13292, presenceSeconds: 14400, atWorkplaceSeconds: 0 },
      { date: '2026-10-25', onlineSeconds: 0, engagedSeconds: 0, workedSeconds: 29908, presenceSeconds: 32400, atWorkplaceSeconds: 0 },
    ]);
  });
});

describe('computeInsights: shifts from a time tracker', () => {
  it('hours worked per month and per day, minus breaks, contracted against worked', () => {
    const records = [
      // 31 January 22:00 → 1 February 06:00 CET, 8 h: 2 h in January, 6 h in February.
      // Break 1800 s: January gets round(1800 × 2/8) = 450 s, February 1350 s. Contract 28800 s: 7200 s and 21600 s.
      shift('2026-01-31T22:00:00+01:00', '2026-02-01T06:00:00+01:00', 1800, 28800),
      // 2 February 09:00 → 17:00, no break and no contracted time known.
      shift('2026-02-02T09:00:00+01:00', '2026-02-02T17:00:00+01:00', null, null),
    ];
    const r = computeInsights({ records, period: 'month', timeZone: PARIS });
    expect(r.periods.map((p) => [p.key, p.shifts])).toEqual([
      [
        '2026-01',
        // worked 7200 − 450 = 6750 s; overtime 6750 − 7200 = −450 s
        { shifts: 1, presenceSeconds: 7200, breakSeconds: 450, workedSeconds: 6750, contractedSeconds: 7200, overtimeSeconds: -450, workedHours: 1.88, contractedHours: 2, shiftsWithoutContract: 0 },
      ],
      [
        '2026-02',
        // presence 21600 + 28800 = 50400; worked 21600 − 1350 + 28800 = 49050 s = 13.625 h → 13.63;
        // contracted 21600; overtime 49050 − 21600 = 27450. Only the second shift started in February.
        { shifts: 1, presenceSeconds: 50400, breakSeconds: 1350, workedSeconds: 49050, contractedSeconds: 21600, overtimeSeconds: 27450, workedHours: 13.63, contractedHours: 6, shiftsWithoutContract: 1 },
      ],
    ]);
    expect(r.periods[1]!.days.map((d) => [d.date, d.workedSeconds, d.presenceSeconds])).toEqual([
      ['2026-02-01', 20250, 21600],
      ['2026-02-02', 28800, 28800],
    ]);
    // Totals: presence 57600, break 1800, worked 55800 s = 15.5 h, contracted 28800, overtime 27000.
    expect(r.totals.shifts).toEqual({
      shifts: 2, presenceSeconds: 57600, breakSeconds: 1800, workedSeconds: 55800, contractedSeconds: 28800, overtimeSeconds: 27000, workedHours: 15.5, contractedHours: 8, shiftsWithoutContract: 1,
    });
  });

  it('a break longer than the shift is cut to the shift', () => {
    const r = computeInsights({ records: [shift('2026-02-03T09:00:00Z', '2026-02-03T10:00:00Z', 7200, null)], period: 'week', timeZone: 'UTC' });
    expect(r.totals.shifts).toMatchObject({ presenceSeconds: 3600, breakSeconds: 3600, workedSeconds: 0 });
  });
});

describe('computeInsights: two currencies and expenses', () => {
  const records = [
    seg('online', '2026-01-06T10:00:00+01:00', '2026-01-06T11:00:00+01:00'), // 3600 s
    seg('engaged', '2026-01-06T11:00:00+01:00', '2026-01-06T12:00:00+01:00'), // 3600 s
    task('completed', '2026-01-06T11:00:00+01:00', '2026-01-06T12:00:00+01:00', 20000), // 20 km
    pay('fare', 3000, '2026-01-06T12:00:00+01:00', 'EUR'),
    pay('commission', -900, '2026-01-06T12:00:00+01:00', 'EUR'),
    pay('fare', 1000, '2026-01-06T12:00:00+01:00', 'GBP'),
    pay('commission', -200, '2026-01-06T12:00:00+01:00', 'GBP'),
    pay('tax', -50, '2026-01-06T12:00:00+01:00', 'GBP'),
  ];

  it('keeps each currency apart and applies expenses only in their own currency', () => {
    const r = computeInsights({ records, period: 'week', timeZone: PARIS, expensesPerKm: { amountMinor: 15, currency: 'EUR' } });
    expect(r.totals.money).toEqual([
      {
        currency: 'EUR',
        netMinor: 2100, // 3000 − 900
        grossFaresMinor: 3000,
        commissionMinor: 900,
        commissionShare: 0.3,
        ...noMoney,
        payLines: 2,
        netPerOnlineHourMinor: 1050, // 2100 / 2 h
        netPerEngagedHourMinor: 2100, // 2100 / 1 h
        netPerKmMinor: 105, // 2100 / 20 km
        expensesMinor: 300, // 15 × 20 km
        netAfterExpensesMinor: 1800,
        netAfterExpensesPerOnlineHourMinor: 900, // 1800 / 2 h
      },
      {
        currency: 'GBP',
        netMinor: 750, // 1000 − 200 − 50
        grossFaresMinor: 1000,
        commissionMinor: 200,
        commissionShare: 0.2,
        ...noMoney,
        taxesMinor: -50,
        payLines: 3,
        netPerOnlineHourMinor: 375, // 750 / 2 h
        netPerEngagedHourMinor: 750,
        netPerKmMinor: 38, // 750 / 20 = 37.5, rounded half away from zero
        expensesMinor: null,
        netAfterExpensesMinor: null,
        netAfterExpensesPerOnlineHourMinor: null,
      },
    ]);
  });

  it('expenses in a currency without pay still show, as a loss', () => {
    const r = computeInsights({ records, period: 'week', timeZone: PARIS, expensesPerKm: { amountMinor: 15, currency: 'USD' } });
    expect(r.totals.money.map((m) => m.currency)).toEqual(['EUR', 'GBP', 'USD']);
    // 15 × 20 km = 300 of expenses against 0 of pay: −300, −150 an hour over 2 h.
    expect(r.totals.money[2]).toMatchObject({ netMinor: 0, payLines: 0, commissionShare: null, expensesMinor: 300, netAfterExpensesMinor: -300, netAfterExpensesPerOnlineHourMinor: -150 });
    expect(r.totals.money[0]!.expensesMinor).toBeNull();
  });
});

describe('computeInsights: overlapping and malformed records', () => {
  it('counts a moment once when segments overlap (two apps at once, or one export imported twice)', () => {
    const a = seg('online', '2026-01-07T10:00:00+01:00', '2026-01-07T11:00:00+01:00', 'uber');
    const records = [
      a,
      { ...a }, // the same segment again
      seg('engaged', '2026-01-07T10:30:00+01:00', '2026-01-07T10:45:00+01:00', 'bolt'), // engaged on the other app
      seg('offline', '2026-01-07T10:50:00+01:00', '2026-01-07T11:30:00+01:00', 'bolt'), // offline on one app is not offline on the other
    ];
    const r = computeInsights({ records, period: 'week', timeZone: PARIS });
    // 10:00–11:00 is one hour logged in; of it 10:30–10:45 engaged (900 s), the rest waiting (2700 s).
    expect(r.totals.time).toEqual({ onlineSeconds: 3600, engagedSeconds: 900, waitingSeconds: 2700, onlineHours: 1, engagedHours: 0.25, engagedShare: 0.25 });
  });

  it('leaves out records it cannot read, counts them, and ignores datasets it does not use', () => {
    const records: InsightsRecord[] = [
      pay('fare', 12.5, '2026-01-05T10:00:00Z'), // not whole minor units
      pay('fare', 100, '2026-01-05T10:00:00Z', 'eur'), // not an ISO 4217 code
      pay('fare', 100, '2026-01-05T10:00:00'), // a time without a zone
      { dataset: 'pay_items', data: { kind: 'tip', amount: 50, currency: 'EUR' }, occurredAt: new Date('2026-01-05T10:00:00Z') }, // time from occurredAt
      seg('online', '2026-01-05T11:00:00Z', '2026-01-05T10:00:00Z'), // ends before it starts
      task('completed', '2026-01-05T10:00:00Z', null, 1000), // no end: counted when it started
      shift('2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z', -5, null), // negative break
      { dataset: 'app_restrictions', data: { started_at: '2026-01-05T10:00:00Z' } }, // a dataset the insights do not read
    ];
    const r = computeInsights({ records, period: 'week', timeZone: 'UTC' });
    expect(r.records).toEqual({ used: { pay_items: 1, work_tasks: 1 }, skipped: { pay_items: 3, time_segments: 1, shifts: 1 } });
    expect(r.totals.money).toEqual([expect.objectContaining({ currency: 'EUR', netMinor: 50, tipsMinor: 50 })]);
    expect(r.totals.tasks).toMatchObject({ completed: 1, distanceMeters: 1000 });
  });

  it('with no records gives no periods and zero totals', () => {
    const r = computeInsights({ records: [], period: 'month', timeZone: PARIS });
    expect(r.periods).toEqual([]);
    expect(r.totals).toMatchObject({ from: null, to: null, money: [], time: { onlineSeconds: 0, engagedShare: null } });
  });
});

describe('computeInsights: options', () => {
  const field = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues.map((i) => i.field);
    }
    return [];
  };

  it('rejects an unknown time zone, period or bad expenses, naming the field', () => {
    expect(field(() => computeInsights({ records: [], period: 'week', timeZone: 'Mars/Olympus_Mons' }))).toEqual(['timeZone']);
    expect(field(() => computeInsights({ records: [], period: 'day' as 'week', timeZone: 'UTC' }))).toEqual(['period']);
    expect(field(() => computeInsights({ records: [], period: 'week', timeZone: 'UTC', expensesPerKm: { amountMinor: -1, currency: 'EUR' } }))).toEqual(['expensesPerKm.amountMinor']);
    expect(field(() => computeInsights({ records: [], period: 'week', timeZone: 'UTC', expensesPerKm: { amountMinor: 1.5, currency: 'EUR' } }))).toEqual(['expensesPerKm.amountMinor']);
    expect(field(() => computeInsights({ records: [], period: 'week', timeZone: 'UTC', expensesPerKm: { amountMinor: 10, currency: 'euro' } }))).toEqual(['expensesPerKm.currency']);
  });

  it('answers with the canonical name of the time zone', () => {
    expect(computeInsights({ records: [], period: 'week', timeZone: 'europe/paris' }).timeZone).toBe('Europe/Paris');
  });

  it('names ISO weeks by their week-numbering year', () => {
    // Thursday 1 January 2026 makes Monday 29 December 2025 the first day of 2026-W01;
    // Sunday 3 January 2027 still belongs to 2026-W53 (2026 has 53 ISO weeks: it starts on a Thursday).
    const r = computeInsights({ records: [pay('tip', 1, '2025-12-29T12:00:00Z'), pay('tip', 1, '2027-01-03T12:00:00Z')], period: 'week', timeZone: 'UTC' });
    expect(r.periods.map((p) => [p.key, p.from, p.to])).toEqual([
      ['2026-W01', '2025-12-29', '2026-01-04'],
      ['2026-W53', '2026-12-28', '2027-01-03'],
    ]);
  });
});
