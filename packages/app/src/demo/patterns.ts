import { COMMISSION_PCT, RATE_CUT_PCT, RATES, expectedCutDropShare } from './params.ts';
import { HOUR_MS, DAY_MS, WEEK_MS, parisToUtc } from './time.ts';
import type { DemoOptions } from './types.ts';

/**
 * The patterns planted in the demo for campaign analytics to find, as data. Week numbers are
 * 0-based offsets from `DemoOptions.start`; member numbers are `DemoMember.index`.
 */
export const DEMO_PATTERNS = {
  /** The platform cuts the per-km and per-minute rates from a known Monday, 00:00 UTC. */
  payCut: {
    fromWeek: 8,
    rateCutShare: RATE_CUT_PCT / 100,
    /** Cents, Paris UberX without surge; Lyon and Lille scale them by 90 % and 85 %. */
    ratesBefore: { baseCents: RATES.base / 100, perKmCents: RATES.perKm / 100, perMinuteCents: RATES.perMinute / 100 },
    ratesAfter: {
      baseCents: RATES.base / 100,
      perKmCents: (RATES.perKm * (100 - RATE_CUT_PCT)) / 10_000,
      perMinuteCents: (RATES.perMinute * (100 - RATE_CUT_PCT)) / 10_000,
    },
    commissionShare: COMMISSION_PCT / 100,
    /** Trips count on the side of the cut their offer (`requested_at`) falls on. */
    metric: 'net fares (fare + commission pay_items of trips) per engaged hour (time_segments state engaged)',
    /** Expected relative fall of the metric: 15 % × the variable part of the mean fare. */
    expectedDropShare: expectedCutDropShare(),
  },
  /** One city's drivers wait far longer, unpaid, between offers. */
  unpaidWaiting: {
    city: 'Lille',
    waitingShare: 0.45,
    othersWaitingShare: 0.25,
    metric: 'online ÷ (online + engaged) time in time_segments; offline breaks excluded',
  },
  /** Two members whose location points coincide (a ride-along: one drives, one is aboard). */
  coPresence: {
    members: [14, 27] as readonly [number, number],
    /** The driver of the two; the other only records location points then. */
    driver: 14,
    weeks: [2, 3, 4, 5] as readonly number[],
    /** 0 = Monday: Tuesdays and Thursdays. */
    weekdays: [1, 3] as readonly number[],
    /** Paris time. */
    startHour: 10,
    hours: 4,
    totalHours: 32,
    intervalS: 60,
    maxDistanceM: 2,
  },
} as const;

export interface CoPresenceWindow {
  start: Date;
  end: Date;
}

/** The planted patterns resolved for some options: absolute times, and only what the options leave room for. */
export function demoPatternsFor(o: DemoOptions): {
  payCutAt: Date | null;
  coPresence: { members: readonly [number, number]; driver: number; windows: CoPresenceWindow[]; hours: number } | null;
} {
  const start = o.start.getTime();
  const cut = DEMO_PATTERNS.payCut.fromWeek < o.weeks ? new Date(start + DEMO_PATTERNS.payCut.fromWeek * WEEK_MS) : null;
  const cp = DEMO_PATTERNS.coPresence;
  const windows: CoPresenceWindow[] = [];
  if (Math.max(...cp.members) < o.members) {
    for (const w of cp.weeks) {
      if (w >= o.weeks) continue;
      for (const d of cp.weekdays) {
        const s = parisToUtc(start + w * WEEK_MS + d * DAY_MS, cp.startHour * 60);
        windows.push({ start: new Date(s), end: new Date(s + cp.hours * HOUR_MS) });
      }
    }
  }
  return {
    payCutAt: cut,
    coPresence: windows.length ? { members: cp.members, driver: cp.driver, windows, hours: windows.length * cp.hours } : null,
  };
}
