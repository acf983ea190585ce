/** Time helpers for the demo: all three demo cities keep Europe/Paris time. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

const dstCache = new Map<number, readonly [number, number]>();

function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0);
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS + HOUR_MS;
}

/** Europe/Paris offset from UTC in minutes at an instant (EU rule: summer time from the last Sunday of March to the last Sunday of October, 01:00 UTC). */
export function parisOffsetMinutes(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  let span = dstCache.get(year);
  if (!span) {
    span = [lastSundayAt0100Utc(year, 2), lastSundayAt0100Utc(year, 9)];
    dstCache.set(year, span);
  }
  return utcMs >= span[0] && utcMs < span[1] ? 120 : 60;
}

/** The UTC instant of a Paris wall-clock time: `dayUtcMs` is the calendar day at 00:00 UTC. */
export function parisToUtc(dayUtcMs: number, localMinutes: number): number {
  const guess = dayUtcMs + localMinutes * MINUTE_MS - HOUR_MS;
  return dayUtcMs + localMinutes * MINUTE_MS - parisOffsetMinutes(guess) * MINUTE_MS;
}

/** Paris wall clock of an instant: weekday (0 = Monday) and hour of day. */
export function parisClock(utcMs: number): { weekday: number; hour: number } {
  const local = utcMs + parisOffsetMinutes(utcMs) * MINUTE_MS;
  const days = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday (3 with Monday as 0).
  return { weekday: (days + 3) % 7, hour: Math.floor((local - days * DAY_MS) / HOUR_MS) };
}

/** ISO 8601 in UTC with whole seconds, e.g. 2026-01-05T08:30:00Z. */
export function iso(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 19) + 'Z';
}
