import { createHash } from 'node:crypto';
import { CANONICAL_DATASETS, validateRecordData } from '@steward/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS, DEMO_PATTERNS, demoMembers, demoPatternsFor, demoRecords, type DemoMember, type DemoOptions, type DemoRecord } from '../../src/demo/generate.ts';

type Data = DemoRecord['data'];

const ms = (v: unknown): number => Date.parse(v as string);
const num = (v: unknown): number => v as number;

function digest(o: DemoOptions): { hash: string; count: number } {
  const h = createHash('sha256');
  let count = 0;
  for (const r of demoRecords(o)) {
    h.update(JSON.stringify([r.member, r.dataset, r.data, r.occurredAt.toISOString()]));
    h.update('\n');
    count++;
  }
  return { hash: h.digest('hex'), count };
}

/** Metres between two WGS 84 points (haversine), computed independently of the generator. */
function metres(a: Data, b: Data): number {
  const rad = Math.PI / 180;
  const [lat1, lng1, lat2, lng2] = [num(a.lat) * rad, num(a.lng) * rad, num(b.lat) * rad, num(b.lng) * rad];
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lng2 - lng1) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** The tier a quest pays for so many completed trips, computed from the published tiers. */
const QUEST = [
  { trips: 70, cents: 7_500 },
  { trips: 45, cents: 4_000 },
  { trips: 25, cents: 1_500 },
];

interface Shift {
  member: number;
  start: number;
  end: number;
  breakS: number;
  /** `${member} ${started_at}` of its engaged segments. */
  engaged: string[];
}

/** Logged-in shifts, rebuilt from time segments: runs of segments that touch end to start. */
function shiftsOf(segments: readonly DemoRecord[]): Shift[] {
  const sorted = [...segments].sort((a, b) => a.member - b.member || ms(a.data.started_at) - ms(b.data.started_at));
  const out: Shift[] = [];
  let cur: Shift | null = null;
  for (const s of sorted) {
    const [from, to] = [ms(s.data.started_at), ms(s.data.ended_at)];
    if (!cur || cur.member !== s.member || cur.end !== from) {
      cur = { member: s.member, start: from, end: to, breakS: 0, engaged: [] };
      out.push(cur);
    }
    cur.end = to;
    if (s.data.state === 'offline') cur.breakS += num(s.data.duration_s);
    if (s.data.state === 'engaged') cur.engaged.push(`${s.member} ${s.data.started_at}`);
  }
  return out;
}

describe('demo generator', () => {
  let members: DemoMember[];
  let records: DemoRecord[];
  const by = new Map<string, DemoRecord[]>();

  beforeAll(() => {
    records = [...demoRecords(DEMO_DEFAULTS)];
    members = demoMembers(DEMO_DEFAULTS);
    for (const r of records) {
      const list = by.get(r.dataset) ?? [];
      list.push(r);
      by.set(r.dataset, list);
    }
  });

  const of = (dataset: string): DemoRecord[] => by.get(dataset) ?? [];

  describe('options and members', () => {
    it('defaults: ~300 members, 16 weeks from a Monday, ending in 2026', () => {
      expect(DEMO_DEFAULTS.members).toBe(300);
      expect(DEMO_DEFAULTS.weeks).toBe(16);
      expect(DEMO_DEFAULTS.start.getUTCDay()).toBe(1);
      const end = new Date(DEMO_DEFAULTS.start.getTime() + DEMO_DEFAULTS.weeks * 7 * 86_400_000 - 1);
      expect(end.getUTCFullYear()).toBe(2026);
    });

    it('members have unique numbered emails, names, one of three cities and a work pattern', () => {
      expect(members).toHaveLength(300);
      expect(members[0]!.email).toBe('member001@members.demo.example');
      expect(members[299]!.email).toBe('member300@members.demo.example');
      expect(new Set(members.map((m) => m.email)).size).toBe(300);
      members.forEach((m, i) => expect(m.index).toBe(i));
      expect(new Set(members.map((m) => m.city))).toEqual(new Set(['Paris', 'Lyon', 'Lille']));
      expect(new Set(members.map((m) => m.profile.pattern))).toEqual(new Set(['full_time', 'part_time', 'evening_weekend']));
      for (const m of members) expect(m.displayName).toMatch(/^\S+ [A-Z]\.$/);
    });

    it('rejects a start that is not a Monday at 00:00 UTC', () => {
      expect(() => demoRecords({ ...DEMO_DEFAULTS, start: new Date('2026-01-06T00:00:00Z') }).next()).toThrow(RangeError);
      expect(() => demoRecords({ ...DEMO_DEFAULTS, start: new Date('2026-01-05T08:00:00Z') }).next()).toThrow(RangeError);
    });
  });

  describe('determinism', () => {
    it('the same options give byte-identical records and members', () => {
      const a = digest(DEMO_DEFAULTS);
      const b = digest({ ...DEMO_DEFAULTS, start: new Date(DEMO_DEFAULTS.start) });
      expect(a).toEqual(b);
      expect(a.count).toBe(records.length);
      expect(JSON.stringify(demoMembers(DEMO_DEFAULTS))).toBe(JSON.stringify(members));
    });

    it('a different seed gives different records and members', () => {
      const small = { ...DEMO_DEFAULTS, members: 40, weeks: 4 };
      expect(digest({ ...small, seed: 1 }).hash).not.toBe(digest({ ...small, seed: 2 }).hash);
      expect(JSON.stringify(demoMembers({ ...small, seed: 1 }))).not.toBe(JSON.stringify(demoMembers({ ...small, seed: 2 })));
    });

    it('streams lazily: the first records of a huge demo come at once', () => {
      const it = demoRecords({ ...DEMO_DEFAULTS, members: 100_000, weeks: 10_000 });
      let n = 0;
      while (n < 1000 && !it.next().done) n++;
      // Members are built up front (small objects); records, billions here, are not: were they
      // built eagerly this would never return (the test's timeout is the bound, not a stopwatch).
      expect(n).toBe(1000);
    });
  });

  describe('volume', () => {
    it('stays between 100k and 200k records, with every dataset present, the same on a second pass', () => {
      const counts = Object.fromEntries([...by].map(([k, v]) => [k, v.length]));
      expect(records.length).toBeGreaterThan(100_000);
      expect(records.length).toBeLessThan(200_000);
      for (const d of ['work_tasks', 'pay_items', 'time_segments', 'location_points', 'shifts']) expect(counts[d]).toBeGreaterThan(0);
      expect(counts.location_points).toBeLessThan(records.length * 0.1);
      expect(counts.shifts).toBeLessThan(records.length * 0.02);
      // Generation speed is measured by `npm run bench -- startup`, not here.
      let n = 0;
      for (const _ of demoRecords(DEMO_DEFAULTS)) n++;
      expect(n).toBe(records.length);
    });

    it('every member has work tasks, pay and time segments', () => {
      for (const d of ['work_tasks', 'pay_items', 'time_segments']) {
        expect(new Set(of(d).map((r) => r.member)).size, d).toBe(300);
      }
    });
  });

  describe('schemas', () => {
    it('every record passes validateRecordData for its canonical dataset, with every field declared', () => {
      const schemas = new Map(CANONICAL_DATASETS.map((c) => [c.canonical, c.schema]));
      const fields = new Map(CANONICAL_DATASETS.map((c) => [c.canonical, c.schema.fields.map((f) => f.name).sort().join()]));
      const problems: unknown[] = [];
      for (const r of records) {
        const schema = schemas.get(r.dataset)!;
        try {
          const clean = validateRecordData(schema, r.data);
          if (JSON.stringify(clean) !== JSON.stringify(r.data)) problems.push({ r, clean });
        } catch (e) {
          problems.push({ r, e });
        }
        if (Object.keys(r.data).sort().join() !== fields.get(r.dataset)) problems.push({ r, keys: Object.keys(r.data) });
      }
      expect(problems.slice(0, 5)).toEqual([]);
    });

    it('timestamps are whole-second UTC ISO strings and occurredAt is the record’s own time', () => {
      const when: Record<string, string> = { work_tasks: 'started_at', pay_items: 'paid_at', time_segments: 'started_at', location_points: 'recorded_at', shifts: 'started_at' };
      const bad = records.filter((r) => {
        const at = r.data[when[r.dataset]!] as string;
        return !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(at) || r.occurredAt.getTime() !== ms(at);
      });
      expect(bad.slice(0, 5)).toEqual([]);
    });

    it('uses the declared enum values, platform uber and currency EUR', () => {
      const values = (d: string, f: string): Set<unknown> => new Set(of(d).map((r) => r.data[f]));
      expect(values('work_tasks', 'platform')).toEqual(new Set(['uber']));
      expect(values('work_tasks', 'task_type')).toEqual(new Set(['trip']));
      expect(values('work_tasks', 'status')).toEqual(new Set(['completed', 'cancelled']));
      expect(values('work_tasks', 'currency')).toEqual(new Set(['EUR']));
      expect(values('work_tasks', 'product')).toEqual(new Set(['UberX', 'Green', 'Comfort', 'Van']));
      expect(values('work_tasks', 'city')).toEqual(new Set(['Paris', 'Lyon', 'Lille']));
      expect(values('pay_items', 'platform')).toEqual(new Set(['uber']));
      expect(values('pay_items', 'currency')).toEqual(new Set(['EUR']));
      expect(values('pay_items', 'kind')).toEqual(new Set(['fare', 'tip', 'bonus', 'commission']));
      expect(values('time_segments', 'platform')).toEqual(new Set(['uber']));
      expect(values('time_segments', 'state')).toEqual(new Set(['online', 'engaged', 'offline']));
      const signs = of('pay_items').filter((p) => (p.data.kind === 'commission' ? num(p.data.amount) >= 0 : num(p.data.amount) <= 0));
      expect(signs).toEqual([]);
    });
  });

  describe('totals add up', () => {
    it('each trip: one fare equal to the gross fare, a 25 % commission, at most one tip; cancelled trips pay nothing', () => {
      const lines = new Map<string, DemoRecord[]>();
      for (const p of of('pay_items')) {
        const id = p.data.task_external_id as string | null;
        if (id === null) continue;
        lines.set(id, [...(lines.get(id) ?? []), p]);
      }
      const ids = new Set<string>();
      for (const t of of('work_tasks')) {
        const id = t.data.external_id as string;
        expect(ids.has(id)).toBe(false);
        ids.add(id);
        const mine = lines.get(id) ?? [];
        for (const p of mine) expect(p.member).toBe(t.member);
        if (t.data.status === 'cancelled') {
          expect(mine).toHaveLength(0);
          expect(t.data.gross_fare).toBeNull();
          continue;
        }
        const kinds = mine.map((p) => p.data.kind).sort();
        expect(kinds, id).toEqual(kinds.includes('tip') ? ['commission', 'fare', 'tip'] : ['commission', 'fare']);
        const amount = (k: string): number => num(mine.find((p) => p.data.kind === k)?.data.amount ?? 0);
        const gross = num(t.data.gross_fare);
        expect(amount('fare')).toBe(gross);
        expect(gross).toBeGreaterThan(0);
        // Integer cents: the commission is 25 % of the fare, rounded to the cent.
        expect(Math.abs(amount('commission') + gross * 0.25)).toBeLessThanOrEqual(0.5);
        const net = amount('fare') + amount('commission') + amount('tip');
        expect(net).toBe(gross - Math.round(gross * 0.25) + amount('tip'));
        if (kinds.includes('tip')) expect(amount('tip')).toBeGreaterThan(0);
        expect(ms(mine.find((p) => p.data.kind === 'fare')!.data.paid_at)).toBe(ms(t.data.ended_at));
      }
      for (const id of lines.keys()) expect(ids.has(id)).toBe(true);
    });

    it('trips are 1–25 km and 5–45 min; durations equal end − start', () => {
      for (const t of of('work_tasks')) {
        expect(num(t.data.duration_s)).toBe((ms(t.data.ended_at) - ms(t.data.started_at)) / 1000);
        expect(ms(t.data.requested_at)).toBeLessThanOrEqual(ms(t.data.started_at));
        if (t.data.status !== 'completed') continue;
        expect(num(t.data.distance_m)).toBeGreaterThanOrEqual(1_000);
        expect(num(t.data.distance_m)).toBeLessThanOrEqual(25_000);
        expect(num(t.data.duration_s)).toBeGreaterThanOrEqual(300);
        expect(num(t.data.duration_s)).toBeLessThanOrEqual(2_700);
      }
    });

    it('a member’s time segments never overlap, and each task is exactly one engaged segment', () => {
      const segs = new Map<number, DemoRecord[]>();
      for (const s of of('time_segments')) {
        expect(num(s.data.duration_s)).toBe((ms(s.data.ended_at) - ms(s.data.started_at)) / 1000);
        expect(num(s.data.duration_s)).toBeGreaterThan(0);
        segs.set(s.member, [...(segs.get(s.member) ?? []), s]);
      }
      const engaged = new Set<string>();
      for (const [member, list] of segs) {
        list.sort((a, b) => ms(a.data.started_at) - ms(b.data.started_at));
        for (let i = 1; i < list.length; i++) expect(ms(list[i]!.data.started_at), `member ${member}`).toBeGreaterThanOrEqual(ms(list[i - 1]!.data.ended_at));
        for (const s of list) if (s.data.state === 'engaged') engaged.add(`${member} ${s.data.started_at} ${s.data.ended_at}`);
      }
      for (const t of of('work_tasks')) expect(engaged.has(`${t.member} ${t.data.requested_at} ${t.data.ended_at}`)).toBe(true);
      expect(engaged.size).toBe(of('work_tasks').length);
    });

    it('logged-in shifts last 3–10 hours plus the last wait and trip, and long ones have an offline break', () => {
      const shifts = shiftsOf(of('time_segments'));
      expect(shifts.length).toBeGreaterThan(2_000);
      for (const sh of shifts) {
        const hours = ((sh.end - sh.start) / 1000 - sh.breakS) / 3600;
        // Planned at 3–10 h; the driver logs off at the first drop-off after that (a wait and a trip, < 2 h).
        expect(hours).toBeGreaterThanOrEqual(3);
        expect(hours).toBeLessThan(12);
        // Shifts planned at 6 h or more get a break; shorter ones end within a wait and a trip of it.
        if (hours > 8) expect(sh.breakS).toBeGreaterThan(0);
      }
    });

    it('tips come on about 15 % of completed trips; surge on a minority', () => {
      const completed = of('work_tasks').filter((t) => t.data.status === 'completed').length;
      const tips = of('pay_items').filter((p) => p.data.kind === 'tip').length;
      expect(tips / completed).toBeGreaterThan(0.13);
      expect(tips / completed).toBeLessThan(0.17);
      const surged = of('pay_items').filter((p) => p.data.kind === 'fare' && String(p.data.description).includes('surge')).length;
      expect(surged / completed).toBeGreaterThan(0.03);
      expect(surged / completed).toBeLessThan(0.2);
    });

    it('weekly quest bonuses pay the highest tier reached by the completed trips of the week’s shifts', () => {
      const start = DEMO_DEFAULTS.start.getTime();
      const week = (t: number): number => Math.floor((t - start) / (7 * 86_400_000));
      const shiftStart = new Map<string, number>();
      for (const sh of shiftsOf(of('time_segments'))) for (const key of sh.engaged) shiftStart.set(key, sh.start);
      const trips = new Map<string, number>();
      for (const t of of('work_tasks')) {
        if (t.data.status !== 'completed') continue;
        const k = `${t.member} ${week(shiftStart.get(`${t.member} ${t.data.requested_at}`)!)}`;
        trips.set(k, (trips.get(k) ?? 0) + 1);
      }
      const bonuses = new Map<string, DemoRecord>();
      for (const b of of('pay_items').filter((p) => p.data.kind === 'bonus')) {
        expect(b.data.task_external_id).toBeNull();
        // Paid on the Monday after the week.
        bonuses.set(`${b.member} ${week(ms(b.data.paid_at)) - 1}`, b);
      }
      expect(bonuses.size).toBeGreaterThan(50);
      for (const m of members) {
        for (let w = 0; w < DEMO_DEFAULTS.weeks; w++) {
          const tier = m.profile.questBonus ? QUEST.find((q) => (trips.get(`${m.index} ${w}`) ?? 0) >= q.trips) : undefined;
          expect(bonuses.get(`${m.index} ${w}`)?.data.amount ?? null).toBe(tier?.cents ?? null);
        }
      }
    });

    it('dispatch staff shifts: weekdays, seven contracted hours, end = start + contracted + break + overtime', () => {
      for (const s of of('shifts')) {
        expect(members[s.member]!.profile.dispatchStaff).not.toBeNull();
        expect(s.data.contracted_s).toBe(25_200);
        const length = (ms(s.data.ended_at) - ms(s.data.started_at)) / 1000;
        expect(length - num(s.data.break_s) - 25_200).toBeGreaterThanOrEqual(0);
        expect(length - num(s.data.break_s) - 25_200).toBeLessThanOrEqual(90 * 60);
        expect(new Date(ms(s.data.started_at)).getUTCDay()).not.toBe(0);
        expect(new Date(ms(s.data.started_at)).getUTCDay()).not.toBe(6);
      }
    });
  });

  describe('planted patterns', () => {
    it('[pattern 1] net fares per engaged hour fall by the declared share from the cut', () => {
      const cut = demoPatternsFor(DEMO_DEFAULTS).payCutAt!.getTime();
      expect(new Date(cut).toISOString()).toBe('2026-03-02T00:00:00.000Z');
      const requested = new Map(of('work_tasks').map((t) => [t.data.external_id as string, ms(t.data.requested_at)]));
      const net = [0, 0];
      const allIn = [0, 0];
      for (const p of of('pay_items')) {
        const id = p.data.task_external_id as string | null;
        const side = (id ? requested.get(id)! : ms(p.data.paid_at) - 86_400_000) >= cut ? 1 : 0;
        if (p.data.kind === 'fare' || p.data.kind === 'commission') net[side]! += num(p.data.amount);
        allIn[side]! += num(p.data.amount);
      }
      const engagedH = [0, 0];
      for (const s of of('time_segments')) if (s.data.state === 'engaged') engagedH[ms(s.data.started_at) >= cut ? 1 : 0]! += num(s.data.duration_s) / 3600;
      const drop = 1 - net[1]! / engagedH[1]! / (net[0]! / engagedH[0]!);
      expect(DEMO_PATTERNS.payCut.expectedDropShare).toBeCloseTo(0.1323, 3);
      expect(Math.abs(drop - DEMO_PATTERNS.payCut.expectedDropShare)).toBeLessThan(0.015);
      // Tips and quests are not cut, so all-in pay falls a little less, but clearly.
      const allInDrop = 1 - allIn[1]! / engagedH[1]! / (allIn[0]! / engagedH[0]!);
      expect(allInDrop).toBeGreaterThan(0.09);
      expect(allInDrop).toBeLessThan(drop + 0.01);
    });

    it('[pattern 1] the per-km and per-minute rates, recovered from fares, drop by 15 %', () => {
      // UberX, Paris, no surge: fare = base + km × perKm + min × perMinute, up to rounding.
      const r = DEMO_PATTERNS.payCut;
      const cut = demoPatternsFor(DEMO_DEFAULTS).payCutAt!.getTime();
      const surged = new Set(of('pay_items').filter((p) => p.data.kind === 'fare' && String(p.data.description).includes('surge')).map((p) => p.data.task_external_id));
      for (const t of of('work_tasks')) {
        if (t.data.status !== 'completed' || t.data.city !== 'Paris' || t.data.product !== 'UberX' || surged.has(t.data.external_id)) continue;
        const rates = ms(t.data.requested_at) >= cut ? r.ratesAfter : r.ratesBefore;
        const expected = rates.baseCents + (num(t.data.distance_m) / 1000) * rates.perKmCents + (num(t.data.duration_s) / 60) * rates.perMinuteCents;
        expect(Math.abs(num(t.data.gross_fare) - expected)).toBeLessThanOrEqual(1);
      }
      expect(r.ratesAfter.perKmCents / r.ratesBefore.perKmCents).toBeCloseTo(0.85, 10);
      expect(r.ratesAfter.perMinuteCents / r.ratesBefore.perMinuteCents).toBeCloseTo(0.85, 10);
    });

    it('[pattern 2] Lille drivers spend the declared share of logged-in time waiting, the others far less', () => {
      const p = DEMO_PATTERNS.unpaidWaiting;
      const online = new Map<number, number>();
      const loggedIn = new Map<number, number>();
      for (const s of of('time_segments')) {
        if (s.data.state === 'offline') continue;
        const d = num(s.data.duration_s);
        loggedIn.set(s.member, (loggedIn.get(s.member) ?? 0) + d);
        if (s.data.state === 'online') online.set(s.member, (online.get(s.member) ?? 0) + d);
      }
      const share = (group: DemoMember[]): number => {
        let o = 0;
        let l = 0;
        for (const m of group) {
          o += online.get(m.index) ?? 0;
          l += loggedIn.get(m.index) ?? 0;
        }
        return o / l;
      };
      const lille = members.filter((m) => m.city === p.city);
      const others = members.filter((m) => m.city !== p.city);
      expect(lille.length).toBeGreaterThan(30);
      expect(Math.abs(share(lille) - p.waitingShare)).toBeLessThan(0.015);
      expect(Math.abs(share(others) - p.othersWaitingShare)).toBeLessThan(0.015);
      // Member by member too, among those with a few shifts' worth of data: the groups barely overlap.
      const shares = (group: DemoMember[]): number[] =>
        group.filter((m) => (loggedIn.get(m.index) ?? 0) >= 12 * 3600).map((m) => share([m])).sort((x, y) => x - y);
      const quantile = (xs: number[], q: number): number => xs[Math.floor(q * (xs.length - 1))]!;
      const [l, o] = [shares(lille), shares(others)];
      expect(Math.abs(quantile(l, 0.5) - p.waitingShare)).toBeLessThan(0.02);
      expect(Math.abs(quantile(o, 0.5) - p.othersWaitingShare)).toBeLessThan(0.02);
      expect(quantile(l, 0.05)).toBeGreaterThan(quantile(o, 0.95));
    });

    it('[pattern 3] the pair’s points are within 2 m at the same minute for the declared hours, and no one else’s are', () => {
      const cp = DEMO_PATTERNS.coPresence;
      const resolved = demoPatternsFor(DEMO_DEFAULTS).coPresence!;
      expect(resolved.hours).toBe(cp.totalHours);
      const [a, b] = cp.members;
      const at = new Map<number, Map<string, Data>>();
      for (const p of of('location_points')) {
        const m = at.get(p.member) ?? new Map<string, Data>();
        m.set(p.data.recorded_at as string, p.data);
        at.set(p.member, m);
      }
      let together = 0;
      for (const [time, pa] of at.get(a)!) {
        const pb = at.get(b)!.get(time);
        if (!pb) continue;
        expect(metres(pa, pb)).toBeLessThanOrEqual(cp.maxDistanceM);
        expect(resolved.windows.some((w) => ms(time) >= w.start.getTime() && ms(time) < w.end.getTime())).toBe(true);
        together++;
      }
      expect((together * cp.intervalS) / 3600).toBe(cp.totalHours);
      expect(members[a]!.city).toBe(members[b]!.city);

      // Nobody else is ever within 2 m of another member at the same second.
      const byTime = new Map<string, DemoRecord[]>();
      for (const p of of('location_points')) byTime.set(p.data.recorded_at as string, [...(byTime.get(p.data.recorded_at as string) ?? []), p]);
      for (const group of byTime.values()) {
        for (let i = 0; i < group.length; i++) {
          for (let j = i + 1; j < group.length; j++) {
            const [x, y] = [group[i]!, group[j]!];
            if (x.member === y.member) continue;
            const pair = new Set([x.member, y.member]);
            if (pair.has(a) && pair.has(b)) continue;
            expect(metres(x.data, y.data)).toBeGreaterThan(cp.maxDistanceM);
          }
        }
      }
    });

    it('[pattern 3] during the windows the driver is logged in and the passenger is not', () => {
      const cp = DEMO_PATTERNS.coPresence;
      const windows = demoPatternsFor(DEMO_DEFAULTS).coPresence!.windows;
      expect(windows).toHaveLength(8);
      const segs = (m: number) => of('time_segments').filter((s) => s.member === m && s.data.state !== 'offline');
      for (const w of windows) {
        const [s, e] = [w.start.getTime(), w.end.getTime()];
        const covered = segs(cp.driver)
          .filter((x) => ms(x.data.ended_at) > s && ms(x.data.started_at) < e)
          .reduce((sum, x) => sum + Math.min(e, ms(x.data.ended_at)) - Math.max(s, ms(x.data.started_at)), 0);
        expect(covered).toBe(e - s);
        const passenger = cp.members.find((m) => m !== cp.driver)!;
        expect(segs(passenger).some((x) => ms(x.data.ended_at) > s && ms(x.data.started_at) < e)).toBe(false);
      }
    });
  });
});
