import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '@steward/importers';
import { FIXTURES, byDataset, importRecords, zipBytes } from './helpers.ts';

/**
 * Layouts with no real sample here, tested on the synthetic fixtures in ./fixtures (see its
 * README for where each layout's column names come from). Expected values are worked out by hand
 * in the comments.
 */
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

describe('Uber US title-case layout (Driver/driver_lifetime_trips-0.csv), synthetic', () => {
  const zip = () =>
    zipBytes({
      'Driver/driver_lifetime_trips-0.csv': fixture('uber-us-title/Driver/driver_lifetime_trips-0.csv'),
      'Driver/driver_payments-0.csv': fixture('uber-us-title/Driver/driver_payments-0.csv'),
      'Driver/driver_app_analytics-0.csv': fixture('uber-us-title/Driver/driver_app_analytics-0.csv'),
    });

  it('is detected by its headers and file names', async () => {
    const d = await detectFormat({ name: 'my data.zip', bytes: zip() });
    expect(d.importer).toBe('uber-driver');
  });

  it('[DST] trips and payments, local times in America/Chicago across both 2024 changes', async () => {
    const { records, summary } = await importRecords({ name: 'us.zip', bytes: zip() }, { timezone: 'America/Chicago', currency: 'USD' });
    const tasks = byDataset(records, 'work_tasks');
    expect(tasks.map((t) => [t.data.status, t.data.product, t.data.requested_at, t.data.started_at, t.data.ended_at, t.data.duration_s, t.data.distance_m, t.data.gross_fare])).toEqual([
      // 01:40 CST (−6) → 07:40Z; drop-off 03:10 CDT (−5) → 08:10Z; no begin column: begin = drop-off − 600 s; 5.2 mi = 8368.6 m.
      ['completed', 'UberX', '2024-03-10T07:40:00.000Z', '2024-03-10T08:00:00.000Z', '2024-03-10T08:10:00.000Z', 600, 8369, 1450],
      // 01:30 and 01:50 happen twice on 3 Nov; the first (CDT, −5) is taken.
      ['completed', 'UberX', '2024-11-03T06:30:00.000Z', '2024-11-03T06:35:00.000Z', '2024-11-03T06:50:00.000Z', 900, 4828, 1100],
      // Cancelled: no drop-off, starts at its request (18:00 CDT), no duration or distance.
      ['cancelled', 'UberXL', '2024-06-01T23:00:00.000Z', '2024-06-01T23:00:00.000Z', null, null, null, null],
      ['completed', 'UberXL', '2024-06-02T01:15:00.000Z', '2024-06-02T01:20:00.000Z', '2024-06-02T01:45:00.000Z', 1500, 14082, 3120],
    ]);
    const pays = byDataset(records, 'pay_items');
    expect(pays.map((p) => [p.data.paid_at, p.data.kind, p.data.amount, p.data.currency, p.data.task_external_id])).toEqual([
      ['2024-03-10T07:40:00.000Z', 'fare', 1450, 'USD', tasks[0]!.data.external_id],
      ['2024-03-10T07:40:00.000Z', 'commission', -363, 'USD', tasks[0]!.data.external_id],
      ['2024-03-10T07:40:00.000Z', 'tip', 200, 'USD', tasks[0]!.data.external_id],
      ['2024-06-02T01:15:00.000Z', 'fare', 3120, 'USD', tasks[3]!.data.external_id],
      ['2024-07-01T14:00:00.000Z', 'bonus', 5000, 'USD', null],
    ]);
    const codes = Object.fromEntries(summary.warnings.map((w) => [w.code, w.count]));
    expect(codes).toMatchObject({ start_derived: 3, ambiguous_local_time: 2, trip_without_start: 1, payments_unjoined: 1 });
    expect(summary.ignored.map((i) => i.file)).toEqual(['us.zip › Driver/driver_app_analytics-0.csv']);
  });
});

describe('Uber US snake_case layout (driver_lifetime_trips-0.csv), synthetic', () => {
  const bytes = () => new TextEncoder().encode(fixture('uber-us-snake/driver_lifetime_trips-0.csv'));

  it('a trips CSV on its own, with UTC columns and a quoted "1,024.10"', async () => {
    expect((await detectFormat({ name: 'driver_lifetime_trips-0.csv', bytes: bytes() })).importer).toBe('uber-driver');
    const { records, summary } = await importRecords({ name: 'driver_lifetime_trips-0.csv', bytes: bytes() }, { timezone: 'America/Chicago' });
    expect(records.map((r) => [r.data.status, r.data.city, r.data.product, r.data.started_at, r.data.distance_m, r.data.gross_fare, r.data.currency])).toEqual([
      ['completed', 'Chicago', 'UberX', '2025-01-15T14:05:00.000Z', 6598, 1825, 'USD'], // 4.1 mi = 6598.3 m
      ['cancelled', 'Chicago', 'Comfort', '2025-01-17T01:00:00.000Z', null, null, 'USD'],
      ['completed', 'Chicago', 'UberX', '2025-07-05T02:14:00.000Z', 10139, 102410, 'USD'], // 6.3 mi = 10138.9 m
    ]);
    expect(summary.warnings.find((w) => w.code === 'zone_mismatch')).toBeUndefined();
  });

  it('a wrong zone shows up against the UTC columns', async () => {
    const { summary } = await importRecords({ name: 'driver_lifetime_trips-0.csv', bytes: bytes() }, { timezone: 'Europe/Paris' });
    expect(summary.warnings.find((w) => w.code === 'zone_mismatch')?.message).toMatch(/^On 3 trips/);
  });
});

describe('Google Takeout location history, synthetic', () => {
  const records = () => new TextEncoder().encode(fixture('google/Records.json'));
  const semantic = () => new TextEncoder().encode(fixture('google/2022_MARCH.json'));

  it('Records.json: E7 coordinates, both timestamp styles, 32-bit overflow, a record without coordinates', async () => {
    const { records: got, dropped } = await importRecords({ name: 'Records.json', bytes: records() });
    expect(got.map((r) => [r.data.recorded_at, r.data.lat, r.data.lng, r.data.accuracy_m, r.data.source])).toEqual([
      ['2022-03-01T08:15:24.190Z', 41.4216106, 2.1684775, 20, 'google_records_wifi'],
      ['2022-03-01T08:16:00.000Z', 41.42163, 2.16849, 12, 'google_records_gps'],
      // 4294000000 − 2^32 = −967296 → −0.0967296°; timestampMs 1646122800000 = 08:20Z.
      ['2022-03-01T08:20:00.000Z', -0.0967296, -0.4967296, 50, 'google_records'],
      ['2022-03-01T09:00:00.123Z', 41.4, 2.16, null, 'google_records'],
    ]);
    expect(dropped).toEqual([{ file: 'Records.json', row: 4, reason: 'location record without valid coordinates' }]);
  });

  it('a Semantic Location History month: place visits and activity segments', async () => {
    const { records: got, dropped, summary } = await importRecords({ name: '2022_MARCH.json', bytes: semantic() });
    expect(got.map((r) => [r.data.recorded_at, r.data.lat, r.data.lng, r.data.source])).toEqual([
      ['2022-03-03T08:00:00.000Z', 41.408359, 2.1704229, 'google_semantic_place'],
      ['2022-03-03T12:22:24.000Z', 41.408359, 2.1704229, 'google_semantic_activity'],
      ['2022-03-03T12:43:34.000Z', 41.3961889, 2.1536695, 'google_semantic_activity'],
      ['2022-03-03T12:30:00.000Z', 41.4, 2.16, 'google_semantic_path'],
    ]);
    expect(dropped).toEqual([{ file: '2022_MARCH.json', row: 3, reason: 'timeline object without a timed location' }]);
    expect(summary.warnings.find((w) => w.code === 'waypoints_untimed')?.message).toBe('2 route waypoints carry no time and were not imported.');
  });

  it('inside a Takeout zip, whatever the folders are called', async () => {
    const bytes = zipBytes({
      'Takeout/Standortverlauf/Records.json': records(),
      'Takeout/Standortverlauf/Semantic Location History/2022/2022_MARCH.json': semantic(),
      'Takeout/archive_browser.html': '<html></html>',
    });
    const d = await detectFormat({ name: 'takeout-20240101.zip', bytes });
    expect(d.importer).toBe('google-location-history');
    const { summary } = await importRecords({ name: 'takeout.zip', bytes });
    expect(summary.counts.location_points).toBe(8);
    expect(summary.dropped.total).toBe(2);
    expect(summary.ignored).toEqual([{ file: 'takeout.zip › Takeout/archive_browser.html', reason: 'not a location history file' }]);
    expect(summary.datasets.location_points).toEqual({ records: 8, first: '2022-03-01T08:15:24.190Z', last: '2022-03-03T12:43:34.000Z' });
  });
});
