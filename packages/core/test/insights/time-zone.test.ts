import { describe, expect, it } from 'vitest';
import { checkTimeZone, computeInsights, isTimeZone, zoneClock } from '../../src/index.ts';
import { divRound, share } from '../../src/insights/arith.ts';
import { seg } from './helpers.ts';

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('zone clock', () => {
  it('finds local midnights across daylight-saving changes', () => {
    const paris = zoneClock('Europe/Paris');
    expect(iso(paris.dayStart(day('2026-03-29')))).toBe('2026-03-28T23:00:00.000Z'); // CET
    expect(iso(paris.dayStart(day('2026-03-30')))).toBe('2026-03-29T22:00:00.000Z'); // CEST: the 29th had 23 h
    expect(iso(paris.dayStart(day('2026-10-26')))).toBe('2026-10-25T23:00:00.000Z'); // CET again: the 25th had 25 h
    expect(paris.offset(Date.parse('2026-03-29T00:59:59Z'))).toBe(3_600_000);
    expect(paris.offset(Date.parse('2026-03-29T01:00:00Z'))).toBe(7_200_000); // the change is at 01:00Z exactly
  });

  it('where clocks jump at midnight, the day starts at the jump', () => {
    // Beirut: 28 March 2026 24:00 EET (22:00Z) becomes 29 March 01:00 EEST; 00:00 never happens.
    const beirut = zoneClock('Asia/Beirut');
    expect(iso(beirut.dayStart(day('2026-03-29')))).toBe('2026-03-28T22:00:00.000Z');
    // A segment over the jump: 21:00Z–23:00Z is 23:00–24:00 on the 28th, then 01:00–02:00 on the 29th.
    const r = computeInsights({ records: [seg('online', '2026-03-28T21:00:00Z', '2026-03-28T23:00:00Z')], period: 'week', timeZone: 'Asia/Beirut' });
    expect(r.periods.flatMap((p) => p.days.map((d) => [d.date, d.onlineSeconds]))).toEqual([
      ['2026-03-28', 3600],
      ['2026-03-29', 3600],
    ]);
  });

  it('handles zones with offsets that are not whole hours', () => {
    expect(zoneClock('Asia/Kolkata').offset(Date.parse('2026-01-01T00:00:00Z'))).toBe(5.5 * 3_600_000);
    expect(iso(zoneClock('Asia/Kathmandu').dayStart(day('2026-01-01')))).toBe('2025-12-31T18:15:00.000Z'); // +05:45
    // Lord Howe moves by half an hour: 5 April 2026 02:00 +11 becomes 01:30 +10:30.
    const lh = zoneClock('Australia/Lord_Howe');
    expect(lh.offset(Date.parse('2026-04-04T14:59:59Z'))).toBe(11 * 3_600_000);
    expect(lh.offset(Date.parse('2026-04-04T15:00:00Z'))).toBe(10.5 * 3_600_000);
  });

  it('checks and canonicalises time zone names', () => {
    expect(checkTimeZone('utc')).toBe('UTC');
    expect(isTimeZone('America/Sao_Paulo')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('rounding', () => {
  it('rounds half away from zero, on exact integers', () => {
    expect([divRound(3n, 2n), divRound(-3n, 2n), divRound(5n, 4n), divRound(-5n, 4n), divRound(7n, 4n), divRound(-7n, 4n)]).toEqual([2n, -2n, 1n, -1n, 2n, -2n]);
    expect(share(1, 3)).toBe(0.3333);
    expect(share(2, 3)).toBe(0.6667);
    expect(share(1, 0)).toBeNull();
  });
});
