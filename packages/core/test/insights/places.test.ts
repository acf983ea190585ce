import { describe, expect, it } from 'vitest';
import { computeInsights, distanceM, ValidationError, type InsightsRecord } from '../../src/index.ts';
import { typicalHours } from '../../src/insights/places.ts';
import { point, seg, shift } from './helpers.ts';

/**
 * Places and time at the workplace (packages/core/src/insights/places.ts). Every expected value
 * is worked out by hand in the comments; distances are built along a meridian, where the
 * great-circle distance is exactly R × Δlat (R = 6 371 008.8 m), so 1 m = 1 / 111 195.08° of latitude.
 */

const M_PER_DEG = (6_371_008.8 * Math.PI) / 180;
/** A point `m` metres north of (lat, lng). */
const north = (lat: number, lng: number, m: number): [number, number] => [lat + m / M_PER_DEG, lng];

const W = { lat: 48.86, lng: 2.33 }; // a workplace in Paris
const H = { lat: 48.85, lng: 2.35 }; // a home 1.8 km from it
const at = (iso: string, p: { lat: number; lng: number }) => point(iso, p.lat, p.lng);
const days = (r: ReturnType<typeof computeInsights>) => r.periods.flatMap((p) => p.days.map((d) => [d.date, d.atWorkplaceSeconds]));

describe('distanceM', () => {
  it('is R × Δlat along a meridian, and about 1.8 km from H to W', () => {
    expect(distanceM(45, 0, ...north(45, 0, 150))).toBeCloseTo(150, 6);
    // python3 -c "import math;R=6371008.8;r=math.radians;a,b,c,d=48.85,2.35,48.86,2.33;h=math.sin(r(c-a)/2)**2+math.cos(r(a))*math.cos(r(c))*math.sin(r(d-b)/2)**2;print(2*R*math.asin(h**.5))"
    //   → 1837.81…
    expect(distanceM(H.lat, H.lng, W.lat, W.lng)).toBeCloseTo(1837.81, 1);
  });
});

describe('time at the workplace: the interval rule', () => {
  it('cuts a stay at local midnight (Paris, UTC+1 in January)', () => {
    // 21:00Z → 01:00Z is 22:00 → 02:00 in Paris: 2 h on Monday the 5th, 2 h on Tuesday the 6th.
    const r = computeInsights({ records: [at('2026-01-05T21:00:00Z', W), at('2026-01-06T01:00:00Z', W)], period: 'week', timeZone: 'Europe/Paris', workplace: W });
    expect(days(r)).toEqual([
      ['2026-01-05', 7200],
      ['2026-01-06', 7200],
    ]);
    expect(r.totals.workplace).toEqual({ atWorkplaceSeconds: 14400, atWorkplaceHours: 4, daysAtWorkplace: 2 });
    expect(r.workplace).toEqual({ ...W, radiusM: 150, suggested: false });
  });

  it('counts a gap of 12 h exactly, not 12 h and 1 s; consecutive points only', () => {
    const records = [
      at('2026-01-12T06:00:00Z', W),
      at('2026-01-12T18:00:00Z', W), // 12 h after: counts (06:00–18:00 on the 12th)
      at('2026-01-13T06:00:01Z', W), // 12 h 1 s after: does not
      at('2026-01-13T06:30:01Z', W), // 30 min after: counts
    ];
    const r = computeInsights({ records, period: 'week', timeZone: 'UTC', workplace: W });
    expect(days(r)).toEqual([
      ['2026-01-12', 43200],
      ['2026-01-13', 1800],
    ]);
    expect(r.totals.workplace.atWorkplaceSeconds).toBe(45000); // 12.5 h
    expect(r.totals.workplace.atWorkplaceHours).toBe(12.5);
  });

  it('a point 149 m away is at the workplace, 151 m is not; the radius can be widened', () => {
    const [lat149, lng] = north(45, 0, 149);
    const [lat151] = north(45, 0, 151);
    const records = [point('2026-01-12T09:00:00Z', 45, 0), point('2026-01-12T10:00:00Z', lat149, lng), point('2026-01-12T11:00:00Z', lat151, lng), point('2026-01-12T12:00:00Z', 45, 0)];
    const wp = { lat: 45, lng: 0 };
    // 09–10 counts (both in); 10–11 and 11–12 have the 151 m point in them: 1 h.
    expect(computeInsights({ records, period: 'week', timeZone: 'UTC', workplace: wp }).totals.workplace.atWorkplaceSeconds).toBe(3600);
    // With 152 m every point is in: 3 h.
    expect(computeInsights({ records, period: 'week', timeZone: 'UTC', workplace: wp, workplaceRadiusM: 152 }).totals.workplace.atWorkplaceSeconds).toBe(10800);
  });

  it('a day with the clocks going forward has 23 hours; one going back, 25 (America/New_York)', () => {
    // 13 March 2022, 02:00 EST became 03:00 EDT. 03:00Z → 14:00Z is 22:00 EST on the 12th →
    // 10:00 EDT on the 13th: 11 h, 2 h on the 12th and 9 h on the 13th (00:00–10:00 less the hour skipped).
    const spring = computeInsights({ records: [at('2022-03-13T03:00:00Z', W), at('2022-03-13T14:00:00Z', W)], period: 'week', timeZone: 'America/New_York', workplace: W });
    expect(days(spring)).toEqual([
      ['2022-03-12', 7200],
      ['2022-03-13', 32400],
    ]);
    // 12 March is a Saturday (2022-W10), the 13th a Sunday: the same ISO week.
    expect(spring.periods.map((p) => [p.key, p.workplace.atWorkplaceSeconds, p.workplace.daysAtWorkplace])).toEqual([['2022-W10', 39600, 2]]);
    // The hours of day: 22, 23 on the 12th; 0, 1, then 3–9 on the 13th (02:00 never happened).
    const hoursOf = (r: typeof spring) => r.places.top[0]!.hourSeconds;
    expect(hoursOf(spring)).toEqual([3600, 3600, 0, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3600, 3600]);

    // 6 November 2022, 02:00 EDT became 01:00 EST. 04:00Z → 15:00Z is 00:00 EDT → 10:00 EST: 11 h,
    // all on the 6th, with the hour 01:00–02:00 lived twice.
    const autumn = computeInsights({ records: [at('2022-11-06T04:00:00Z', W), at('2022-11-06T15:00:00Z', W)], period: 'week', timeZone: 'America/New_York', workplace: W });
    expect(days(autumn)).toEqual([['2022-11-06', 39600]]);
    expect(hoursOf(autumn)).toEqual([3600, 7200, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('places, the likely home and the suggested workplace', () => {
  // UTC. Sunday 11 January 2026 night at home, Monday the 12th at work 08:00–16:00, home again.
  const records: InsightsRecord[] = [
    at('2026-01-11T23:00:00Z', H), // a night point
    at('2026-01-12T07:30:00Z', H), // 8.5 h at home: 23:00–24:00 Sunday, 00:00–07:30 Monday
    at('2026-01-12T08:00:00Z', W), // the 30 min between home and work belong to no place
    at('2026-01-12T16:00:00Z', W), // 8 h at work, all of it weekday daytime
    point('2026-01-12T16:30:00Z', 48.9, 2.4), // passing by: a place of one point, no time
    at('2026-01-12T17:00:00Z', H),
    at('2026-01-12T23:30:00Z', H), // 6.5 h at home (17:00–23:30); a night point
  ];
  const r = computeInsights({ records, period: 'week', timeZone: 'UTC' });

  it('finds the places with time, most time first, with their figures', () => {
    expect(r.places).toMatchObject({ radiusM: 150, maxGapSeconds: 43200, points: 7, places: 3 });
    // Home: 8.5 h + 6.5 h = 15 h; weekday daytime (Mon 07:00–19:00): 07:00–07:30 and 17:00–19:00 = 2.5 h.
    // Hours of day: 23 (Sunday 1 h + Monday 0.5 h), 0–6 (1 h each), 7 (0.5 h), 17–22 (1 h each).
    // Typical: 4/5 of 15 h is 12 h; no 11-hour run reaches it (17–04 holds 11.5 h); the 12-hour
    // runs from 17, 18 and 19 hold 12.5 h, the most: the earliest, 17:00–05:00.
    const hourSeconds = [3600, 3600, 3600, 3600, 3600, 3600, 3600, 1800, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3600, 3600, 3600, 3600, 3600, 3600, 5400];
    expect(r.places.top).toEqual([
      { ...H, seconds: 54000, hours: 15, points: 4, daysSeen: 2, weekdayDaytimeSeconds: 9000, hourSeconds, typicalHours: { from: 17, to: 5 }, likelyHome: true, suggested: false },
      {
        ...W,
        seconds: 28800,
        hours: 8,
        points: 2,
        daysSeen: 1,
        weekdayDaytimeSeconds: 28800,
        hourSeconds: [0, 0, 0, 0, 0, 0, 0, 0, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 0, 0, 0, 0, 0, 0, 0, 0],
        // 4/5 of 8 h needs 7 hours; 08–15 and 09–16 hold 7 h each: the earliest.
        typicalHours: { from: 8, to: 15 },
        likelyHome: false,
        suggested: true,
      },
    ]);
  });

  it('suggests the place with the most weekday daytime hours, leaving out the likely home, and counts it as hours worked', () => {
    expect(r.workplace).toEqual({ ...W, radiusM: 150, suggested: true });
    expect(r.hoursWorkedFrom).toBe('workplace');
    expect(r.periods.map((p) => [p.key, p.workplace])).toEqual([['2026-W03', { atWorkplaceSeconds: 28800, atWorkplaceHours: 8, daysAtWorkplace: 1 }]]);
    expect(r.periods[0]!.days).toEqual([{ date: '2026-01-12', onlineSeconds: 0, engagedSeconds: 0, workedSeconds: 0, presenceSeconds: 0, atWorkplaceSeconds: 28800 }]);
    expect(r.records).toEqual({ used: { location_points: 7 }, skipped: {} });
    // Choosing the place shown gives the same figures, marked as chosen.
    const chosen = computeInsights({ records, period: 'week', timeZone: 'UTC', workplace: { lat: r.places.top[1]!.lat, lng: r.places.top[1]!.lng } });
    expect(chosen.workplace).toEqual({ ...W, radiusM: 150, suggested: false });
    expect(chosen.totals.workplace).toEqual(r.totals.workplace);
  });

  it('choosing home instead changes the figures: 1 h on Sunday (2026-W02), 14 h on Monday (2026-W03)', () => {
    const home = computeInsights({ records, period: 'week', timeZone: 'UTC', workplace: H });
    expect(home.periods.map((p) => [p.key, p.workplace.atWorkplaceSeconds])).toEqual([
      ['2026-W02', 3600],
      ['2026-W03', 50400],
    ]);
    expect(home.totals.workplace).toEqual({ atWorkplaceSeconds: 54000, atWorkplaceHours: 15, daysAtWorkplace: 2 });
  });

  it('suggests the home when no other place has weekday daytime hours; nothing without any', () => {
    const onlyHome = records.filter((x) => x.data.lat !== W.lat);
    // Without W, home keeps 8.5 h + 6.5 h, of which 2.5 h weekday daytime; the passing point has no time.
    const r2 = computeInsights({ records: onlyHome, period: 'week', timeZone: 'UTC' });
    expect(r2.workplace).toEqual({ ...H, radiusM: 150, suggested: true });
    // Saturday 10 January only: no weekday, no suggestion, no periods; the place is still listed.
    const weekend = computeInsights({ records: [at('2026-01-10T09:00:00Z', W), at('2026-01-10T17:00:00Z', W)], period: 'week', timeZone: 'UTC' });
    expect(weekend.workplace).toBeNull();
    expect(weekend.hoursWorkedFrom).toBeNull();
    expect(weekend.periods).toEqual([]);
    expect(weekend.places.top.map((p) => [p.lat, p.lng, p.seconds, p.suggested])).toEqual([[W.lat, W.lng, 28800, false]]);
  });

  it('a radius given without a workplace applies to the suggested one', () => {
    const wide = computeInsights({ records, period: 'week', timeZone: 'UTC', workplaceRadiusM: 2000 });
    // 2 km around W takes in home (1.84 km away) as well: every consecutive pair but the two
    // with the point at 48.9, 2.4 (6.8 km away): 23:00 → 16:00 (17 h), then 17:00 → 23:30 (6.5 h).
    expect(wide.workplace).toEqual({ ...W, radiusM: 2000, suggested: true });
    expect(wide.totals.workplace.atWorkplaceSeconds).toBe((17 + 6.5) * 3600);
  });

  it('gives the same answer whatever order the records come in', () => {
    const shuffled = [records[4]!, records[2]!, records[6]!, records[0]!, records[5]!, records[1]!, records[3]!];
    expect(computeInsights({ records: shuffled, period: 'week', timeZone: 'UTC' })).toEqual(r);
  });
});

describe('clustering around a running centre', () => {
  it('a point joins a place while within 150 m of its moving centre, which is the mean, rounded to 4 decimals', () => {
    // A at 0 m, B 100 m north (joins A: the centre moves to 50 m), C 220 m north: 170 m from
    // that centre, more than 150 m, so C starts a place of its own.
    const [b] = north(45, 0, 100);
    const [c] = north(45, 0, 220);
    const pts = [point('2026-01-12T09:00:00Z', 45, 0), point('2026-01-12T10:00:00Z', b, 0), point('2026-01-12T11:00:00Z', c, 0), point('2026-01-12T12:00:00Z', c, 0)];
    const r = computeInsights({ records: pts, period: 'week', timeZone: 'UTC' });
    expect(r.places.places).toBe(2);
    // Centres: mean of A and B = 50 m north = 45.00045°, rounded 45.0004 (not 45.0005: 45.000449…);
    // C alone = 220 m = 45.001978…° → 45.002.
    expect((50 / M_PER_DEG).toFixed(6)).toBe('0.000450');
    expect(r.places.top.map((p) => [p.lat, p.lng, p.points, p.seconds])).toEqual([
      [45.0004, 0, 2, 3600],
      [45.002, 0, 2, 3600],
    ]);

    // With C at 190 m instead, it is 140 m from the centre (50 m): it joins, the centre moves to
    // (0 + 100 + 190) / 3 = 96.67 m, and the 4th point (190 m, 93.3 m away) joins too:
    // one place of 4 points, 3 h; centre (0 + 100 + 190 + 190) / 4 = 120 m = 45.001079…° → 45.0011.
    const [c2] = north(45, 0, 190);
    const one = computeInsights({ records: [pts[0]!, pts[1]!, point('2026-01-12T11:00:00Z', c2, 0), point('2026-01-12T12:00:00Z', c2, 0)], period: 'week', timeZone: 'UTC' });
    expect(one.places.top.map((p) => [p.lat, p.lng, p.points, p.seconds])).toEqual([[45.0011, 0, 4, 10800]]);
  });

  it('the typical hours wrap past midnight and need 4/5 of the time', () => {
    expect(typicalHours(new Array(24).fill(0))).toBeNull();
    const h = new Array(24).fill(0);
    h[23] = 4;
    h[0] = 4;
    h[12] = 1; // 9 in all: 4/5 is 7.2, so 23:00–01:00 (8) suffices
    expect(typicalHours(h)).toEqual({ from: 23, to: 1 });
    h[12] = 3; // 11 in all: 8.8 needs 23, 00 and 12 → the shortest run is 12:00–01:00 (13 hours; 23:00–13:00 is 14)
    expect(typicalHours(h)).toEqual({ from: 12, to: 1 });
  });
});

describe('location points beside other records', () => {
  it('shifts are hours worked when there are any; points still give the workplace figures', () => {
    const r = computeInsights({
      records: [shift('2026-01-12T08:00:00Z', '2026-01-12T16:00:00Z', 0, null), at('2026-01-12T08:00:00Z', W), at('2026-01-12T16:00:00Z', W)],
      period: 'week',
      timeZone: 'UTC',
    });
    expect(r.hoursWorkedFrom).toBe('shifts');
    expect(r.totals.shifts.workedSeconds).toBe(28800);
    expect(r.totals.workplace.atWorkplaceSeconds).toBe(28800);
    const platform = computeInsights({ records: [seg('online', '2026-01-12T08:00:00Z', '2026-01-12T09:00:00Z'), at('2026-01-12T08:00:00Z', W), at('2026-01-12T16:00:00Z', W)], period: 'week', timeZone: 'UTC' });
    expect(platform.hoursWorkedFrom).toBe('platform');
  });

  it('leaves out points without a time or with coordinates out of range, and counts them', () => {
    const r = computeInsights({
      records: [point('2026-01-12T08:00:00Z', 91, 0), point('2026-01-12T08:00:00Z', 0, -181), point('not a time', 0, 0), { dataset: 'location_points', data: { recorded_at: '2026-01-12T08:00:00Z', lat: '48.8', lng: 2.3 } }, at('2026-01-12T08:00:00Z', W)],
      period: 'week',
      timeZone: 'UTC',
    });
    expect(r.records).toEqual({ used: { location_points: 1 }, skipped: { location_points: 4 } });
    expect(r.places).toMatchObject({ points: 1, places: 1, top: [] });
  });

  it('rejects a bad workplace or radius, naming the field', () => {
    const field = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => i.field);
      }
      return [];
    };
    const run = (o: object) => () => computeInsights({ records: [], period: 'week', timeZone: 'UTC', ...o });
    expect(field(run({ workplace: { lat: 91, lng: 0 } }))).toEqual(['workplace']);
    expect(field(run({ workplace: { lat: 0, lng: Number.NaN } }))).toEqual(['workplace']);
    expect(field(run({ workplaceRadiusM: 9 }))).toEqual(['workplaceRadiusM']);
    expect(field(run({ workplaceRadiusM: 2001 }))).toEqual(['workplaceRadiusM']);
    expect(field(run({ workplace: { lat: -90, lng: 180 }, workplaceRadiusM: 2000 }))).toEqual([]);
  });
});
