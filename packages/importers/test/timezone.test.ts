import { describe, expect, it } from 'vitest';
import { byDataset, importRecords, zipBytes } from './helpers.ts';
import { isValidTimeZone, wallTimeToInstant, zoneOffsetMs } from '@steward/importers';

const w = (s: string) => {
  const [d, t] = s.split(' ');
  const [year, month, day] = d!.split('-').map(Number);
  const [hour, minute, second = 0] = t!.split(':').map(Number);
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second, millisecond: 0 };
};

describe('wall-clock time → UTC with Intl', () => {
  it('[DST] Europe/Paris, spring 2021: 02:00 → 03:00 on 28 March', () => {
    const at = (s: string) => wallTimeToInstant(w(s), 'Europe/Paris');
    expect(new Date(at('2021-03-28 01:59:59').ms).toISOString()).toBe('2021-03-28T00:59:59.000Z');
    expect(new Date(at('2021-03-28 03:00:00').ms).toISOString()).toBe('2021-03-28T01:00:00.000Z');
    // 02:30 never happened: like Temporal's "compatible", it moves forward by the gap (= 03:30 CEST).
    const gap = at('2021-03-28 02:30:00');
    expect(gap.skipped).toBe(true);
    expect(new Date(gap.ms).toISOString()).toBe('2021-03-28T01:30:00.000Z');
  });

  it('[DST] Europe/Paris, autumn 2021: 03:00 → 02:00 on 31 October', () => {
    const at = (s: string) => wallTimeToInstant(w(s), 'Europe/Paris');
    expect(new Date(at('2021-10-31 01:59:00').ms).toISOString()).toBe('2021-10-30T23:59:00.000Z');
    // 02:30 happened twice (CEST then CET): the first is taken and flagged.
    const twice = at('2021-10-31 02:30:00');
    expect(twice.ambiguous).toBe(true);
    expect(new Date(twice.ms).toISOString()).toBe('2021-10-31T00:30:00.000Z');
    expect(new Date(at('2021-10-31 03:00:00').ms).toISOString()).toBe('2021-10-31T02:00:00.000Z');
    expect(new Date(at('2021-12-25 12:00:00').ms).toISOString()).toBe('2021-12-25T11:00:00.000Z');
  });

  it('offsets, southern hemisphere and odd zones', () => {
    expect(zoneOffsetMs('Europe/Paris', Date.UTC(2021, 6, 1))).toBe(2 * 3600_000);
    expect(zoneOffsetMs('Australia/Sydney', Date.UTC(2021, 0, 1))).toBe(11 * 3600_000);
    expect(zoneOffsetMs('Asia/Kolkata', Date.UTC(2021, 0, 1))).toBe(5.5 * 3600_000);
    expect(new Date(wallTimeToInstant(w('2021-01-01 00:00'), 'America/St_Johns').ms).toISOString()).toBe('2021-01-01T03:30:00.000Z');
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('the per-hour offset cache agrees with Intl minute by minute around changes at odd minutes', () => {
    // An independent reading of the offset, straight from Intl's own "longOffset" name.
    const intlOffset = (zone: string, ms: number): number => {
      const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')!.value;
      const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name)!;
      return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3_600_000 + Number(m[3]) * 60_000) : 0;
    };
    // Lord Howe moves by 30 min at 02:00 local (a half-hour UTC boundary); Kathmandu jumped
    // from +05:30 to +05:45 in 1986; Paris for an ordinary change.
    const changes: Array<[string, number]> = [
      ['Australia/Lord_Howe', Date.UTC(2021, 3, 3, 14, 0)],
      ['Australia/Lord_Howe', Date.UTC(2021, 9, 2, 15, 30)],
      ['Asia/Kathmandu', Date.UTC(1985, 11, 31, 18, 30)],
      ['Europe/Paris', Date.UTC(2021, 2, 28, 1, 0)],
    ];
    for (const [zone, around] of changes) {
      const seen = new Set<number>();
      for (let ms = around - 3 * 3_600_000; ms <= around + 3 * 3_600_000; ms += 60_000) {
        expect(zoneOffsetMs(zone, ms + 59_000), `${zone} ${new Date(ms).toISOString()}`).toBe(intlOffset(zone, ms + 59_000));
        seen.add(zoneOffsetMs(zone, ms));
      }
      expect(seen.size, zone).toBe(2);
    }
  });

  it('[DST] false-Z local times in an EU Uber export convert to the right instants across the 2021 changes', async () => {
    // Synthetic EU-layout export (semicolons, CRLF, BOM): local columns end in a false "Z".
    const trips = [
      'city_id;currency_code;timezone;status;request_timestamp_local;begintrip_timestamp_local;dropoff_timestamp_local;trip_distance_miles;trip_duration_seconds;original_fare_local',
      '3;EUR;Europe/Paris;completed;2021-03-28T01:50:00.000Z;2021-03-28T01:55:00.000Z;2021-03-28T03:10:00.000Z;3.1;900;12.5',
      '3;EUR;Europe/Paris;completed;2021-10-31T02:40:00.000Z;2021-10-31T02:45:00.000Z;2021-10-31T02:55:00.000Z;2.0;600;9.9',
    ].join('\r\n');
    const payments = [
      'city_id;amount_local;currency_code;classification;category;recognize_timestamp_local',
      '3;12.5;EUR;transport.fare.driver_upfront_fare;driver_payment_fares;2021-03-28 01:50:00',
      '3;9.9;EUR;transport.fare.driver_upfront_fare;driver_payment_fares;2021-10-31 02:40:00',
      '3;5.0;EUR;transport.misc.tip;tip;2021-06-15 12:00:00',
    ].join('\r\n');
    const bytes = zipBytes({ 'FR/02 - Driver Lifetime Trips.csv': `\uFEFF${trips}\r\n`, 'FR/19a - Driver Payments.csv': `${payments}\r\n` });
    const { records, summary } = await importRecords({ name: 'dst.zip', bytes }, { timezone: 'Europe/Paris' });
    const tasks = byDataset(records, 'work_tasks');
    expect(tasks.map((t) => [t.data.requested_at, t.data.started_at, t.data.ended_at])).toEqual([
      ['2021-03-28T00:50:00.000Z', '2021-03-28T00:55:00.000Z', '2021-03-28T01:10:00.000Z'], // CET, then 03:10 CEST
      ['2021-10-31T00:40:00.000Z', '2021-10-31T00:45:00.000Z', '2021-10-31T00:55:00.000Z'], // repeated hour: first (CEST)
    ]);
    const pays = byDataset(records, 'pay_items');
    expect(pays.map((p) => p.data.paid_at)).toEqual(['2021-03-28T00:50:00.000Z', '2021-10-31T00:40:00.000Z', '2021-06-15T10:00:00.000Z']);
    expect(pays.map((p) => p.data.task_external_id === null)).toEqual([false, false, true]);
    // Three times of the October trip and one payment fall in the repeated hour.
    const ambiguous = summary.warnings.filter((x) => x.code === 'ambiguous_local_time');
    expect(ambiguous.map((x) => x.count)).toEqual([3, 1]);
    expect(summary.warnings.filter((x) => x.code === 'skipped_local_time')).toEqual([]);
  });
});
