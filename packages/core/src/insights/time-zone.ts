import { ValidationError } from '../errors.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * The canonical IANA name of a time zone (`europe/paris` → `Europe/Paris`), or a ValidationError
 * naming `field` when the runtime's Intl does not know it.
 */
export function checkTimeZone(timeZone: string, field = 'timeZone'): string {
  if (typeof timeZone === 'string' && timeZone.trim() !== '') {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: timeZone.trim() }).resolvedOptions().timeZone;
    } catch {
      // fall through to the validation error
    }
  }
  throw ValidationError.field(field, 'must be an IANA time zone, e.g. Europe/Paris or UTC');
}

/** True when `timeZone` is a time zone the runtime's Intl knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    checkTimeZone(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** UTC milliseconds of a wall-clock time read as if it were UTC (years 0–99 included). */
function fieldsToMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  date.setUTCFullYear(y);
  return date.getTime();
}

/** One hour of UTC time: the offset before and after the (rare) transition inside it. */
interface HourOffsets {
  before: number;
  after: number;
  /** The instant the offset changes; Infinity when it does not change within the hour. */
  at: number;
}

/**
 * Wall-clock arithmetic in one time zone, fast enough for a hundred thousand instants: Intl is
 * asked once per UTC hour touched (offsets are cached per hour, with the exact instant of a
 * transition inside an hour found by bisection to the second), and local day boundaries are
 * cached per day. Assumes at most one offset change per hour and per two days, as in every
 * real zone.
 */
export interface ZoneClock {
  readonly timeZone: string;
  /** Offset of local time from UTC at an instant, in milliseconds. */
  offset(utcMs: number): number;
  /** The local calendar day of an instant, as days since 1970-01-01. */
  dayOf(utcMs: number): number;
  /** The first instant of a local calendar day (after a gap at midnight: the end of the gap). */
  dayStart(day: number): number;
}

export function zoneClock(timeZone: string): ZoneClock {
  const zone = checkTimeZone(timeZone);
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const rawCache = new Map<number, number>();
  const hourCache = new Map<number, HourOffsets>();
  const dayStartCache = new Map<number, number>();

  // Asks Intl: the wall clock at the instant (to the second), read as UTC, minus the instant.
  function intlOffset(utcMs: number): number {
    const sec = Math.floor(utcMs / 1000) * 1000;
    let y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0, bc = false;
    for (const p of fmt.formatToParts(sec)) {
      switch (p.type) {
        case 'year': y = Number(p.value); break;
        case 'month': mo = Number(p.value); break;
        case 'day': d = Number(p.value); break;
        case 'hour': h = Number(p.value); break;
        case 'minute': mi = Number(p.value); break;
        case 'second': s = Number(p.value); break;
        case 'era': bc = /^B/i.test(p.value); break;
      }
    }
    return fieldsToMs(bc ? 1 - y : y, mo, d, h, mi, s) - sec;
  }

  function offsetAtHourStart(hour: number): number {
    let o = rawCache.get(hour);
    if (o === undefined) {
      o = intlOffset(hour * HOUR_MS);
      rawCache.set(hour, o);
    }
    return o;
  }

  function hourOffsets(hour: number): HourOffsets {
    let h = hourCache.get(hour);
    if (h) return h;
    const before = offsetAtHourStart(hour);
    const after = offsetAtHourStart(hour + 1);
    let at = Infinity;
    if (before !== after) {
      // Transitions fall on whole seconds: bisect to the first second with the new offset.
      let lo = hour * HOUR_MS;
      let hi = lo + HOUR_MS;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (intlOffset(mid) === before) lo = mid;
        else hi = mid;
      }
      at = hi;
    }
    h = { before, after, at };
    hourCache.set(hour, h);
    return h;
  }

  function offset(utcMs: number): number {
    const h = hourOffsets(Math.floor(utcMs / HOUR_MS));
    return utcMs >= h.at ? h.after : h.before;
  }

  function transitionBetween(from: number, to: number): number | undefined {
    for (let hour = Math.floor(from / HOUR_MS); hour <= Math.floor(to / HOUR_MS); hour++) {
      const at = hourOffsets(hour).at;
      if (at >= from && at <= to) return at;
    }
    return undefined;
  }

  function dayStart(day: number): number {
    let start = dayStartCache.get(day);
    if (start !== undefined) return start;
    const local = day * DAY_MS;
    const o1 = offset(local - DAY_MS);
    const o2 = offset(local + DAY_MS);
    const a = local - o1;
    const b = local - o2;
    const aValid = offset(a) === o1;
    const bValid = offset(b) === o2;
    // Both valid: midnight happens twice (clocks went back), the day starts at the first.
    // Neither valid: midnight is skipped (clocks went forward), the day starts at the jump.
    if (aValid && bValid) start = Math.min(a, b);
    else if (aValid) start = a;
    else if (bValid) start = b;
    else start = transitionBetween(Math.min(a, b), Math.max(a, b)) ?? a;
    dayStartCache.set(day, start);
    return start;
  }

  return {
    timeZone: zone,
    offset,
    dayOf: (utcMs) => Math.floor((utcMs + offset(utcMs)) / DAY_MS),
    dayStart,
  };
}
