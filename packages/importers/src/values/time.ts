import { isTimeZone, zoneClock, type ZoneClock } from '@steward/core';

/**
 * Wall-clock time → UTC instants with Intl only (no Temporal): exports often write local time,
 * sometimes with a false `Z`, and the member tells us the zone.
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface ZonedInstant {
  ms: number;
  /** The wall time occurred twice (clocks went back); the earlier instant was taken. */
  ambiguous: boolean;
  /** The wall time never occurred (clocks went forward); it was moved forward by the gap. */
  skipped: boolean;
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && zone.length > 0 && zone.length <= 64 && isTimeZone(zone);
}

/**
 * One zone clock per zone (core's: Intl asked once per UTC hour, the instant of a change inside
 * an hour found to the second). A large import asks for the same few hours over and over, and
 * Intl is the slowest step of parsing, so this cache is what keeps imports near the bulk-load floor.
 */
const clocks = new Map<string, ZoneClock>();

/** Offset of `zone` from UTC at instant `ms`, in milliseconds (Paris in winter: +3 600 000). */
export function zoneOffsetMs(zone: string, ms: number): number {
  let clock = clocks.get(zone);
  if (!clock) clocks.set(zone, (clock = zoneClock(zone)));
  return clock.offset(ms);
}

/** The wall time as if it were UTC: a zone-free number, handy to compare wall times. */
export function wallMs(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

/**
 * The instant at which clocks in `zone` showed `w`. Like Temporal's `compatible` disambiguation:
 * a repeated wall time takes the earlier instant, a skipped one moves forward by the gap.
 */
export function wallTimeToInstant(w: WallTime, zone: string): ZonedInstant {
  const local = wallMs(w);
  const DAY = 86_400_000;
  const before = zoneOffsetMs(zone, local - DAY);
  const after = zoneOffsetMs(zone, local + DAY);
  const candidates = [...new Set([local - before, local - after])]
    .filter((utc) => zoneOffsetMs(zone, utc) === local - utc)
    .sort((a, b) => a - b);
  if (candidates.length === 0) {
    // In a gap: apply the offset in force before the change, which lands after it.
    return { ms: local - before, ambiguous: false, skipped: true };
  }
  return { ms: candidates[0]!, ambiguous: candidates.length > 1, skipped: false };
}

const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?(?:\s+(?:UTC|GMT))?$/i;

export interface ParsedTimestamp {
  wall: WallTime;
  /** Offset written in the text, in ms (`Z` → 0), or null when none. */
  offsetMs: number | null;
}

function fractionMs(digits: string | undefined): number {
  // Fractions have 1 to 9 digits: ".3" is 300 ms, ".025" is 25 ms; beyond ms is truncated.
  if (!digits) return 0;
  return Number(digits.slice(0, 3).padEnd(3, '0'));
}

function validWall(w: WallTime): boolean {
  if (w.month < 1 || w.month > 12 || w.day < 1 || w.hour > 23 || w.minute > 59 || w.second > 59) return false;
  const dim = new Date(Date.UTC(w.year, w.month, 0)).getUTCDate();
  return w.day <= dim;
}

/** Parses `2021-02-28T23:17:18.000Z`, `2021-02-28 23:17:18`, `2023-11-10 10:36:35 +0000 UTC`, a bare date… */
export function parseIsoLike(text: string): ParsedTimestamp | null {
  const m = ISO_LIKE.exec(text.trim());
  if (!m) return null;
  const wall: WallTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: fractionMs(m[7]),
  };
  if (!validWall(wall)) return null;
  let offsetMs: number | null = null;
  const z = m[8];
  if (z) {
    if (/^(Z|UTC|GMT)$/i.test(z)) offsetMs = 0;
    else {
      const sign = z[0] === '-' ? -1 : 1;
      const digits = z.slice(1).replace(':', '');
      offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0)) * 60_000;
    }
  } else if (/\b(UTC|GMT)$/i.test(text.trim())) offsetMs = 0;
  return { wall, offsetMs };
}

const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/;

/** `3/23/22` with an explicit order; returns null when the parts are not a real date. */
export function parseSlashDate(text: string, order: 'MDY' | 'DMY'): { year: number; month: number; day: number } | null {
  const m = SLASH.exec(text.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  let year = Number(m[3]);
  if (m[3]!.length === 2) year += year >= 70 ? 1900 : 2000;
  const [month, day] = order === 'MDY' ? [a, b] : [b, a];
  const w = { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 };
  return validWall(w) ? { year, month, day } : null;
}

/** Which orders a slash date allows: a part above 12 can only be the day. */
export function slashDateOrders(text: string): Array<'MDY' | 'DMY'> {
  const m = SLASH.exec(text.trim());
  if (!m) return [];
  return (['MDY', 'DMY'] as const).filter((o) => parseSlashDate(text, o) !== null);
}

/** `2:51 PM`, `14:51`, `9:05:30 am`. */
export function parseClock(text: string): { hour: number; minute: number; second: number } | null {
  const m = CLOCK.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? 0);
  const ampm = m[4]?.replace(/\./g, '').toLowerCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    if (ampm === 'am') hour = hour === 12 ? 0 : hour;
    else hour = hour === 12 ? 12 : hour + 12;
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { hour, minute, second };
}

/** ISO string with milliseconds, as stored in timestamp fields. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
