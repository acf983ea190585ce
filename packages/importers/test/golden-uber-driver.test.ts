import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DroppedRow, ImportedRecord, ImportSummary } from '@steward/importers';
import { HAVE_REAL_DATA, byDataset, cents, importRecords, member, naiveCsv, periodOf, real, unzipAll } from './helpers.ts';

/**
 * Golden test for the real Paris Uber driver export (AGPL sample, read from ../shared). Every
 * expected figure is derived here from the CSV text, read with fflate and a naive split (the
 * files have no quotes), or is a number checked by hand with awk/Python and explained.
 */
const ZIP = real('hestialabs-agpl/uber-driver-fr-paris.zip');

describe.skipIf(!HAVE_REAL_DATA)('golden: Uber driver EU export (Paris, Feb 2021)', () => {
  let records: ImportedRecord[];
  let dropped: DroppedRow[];
  let summary: ImportSummary;
  let files: Record<string, string>;
  let trips: Array<Record<string, string>>;
  let pays: Array<Record<string, string>>;
  let segs: Array<Record<string, string>>;

  beforeAll(async () => {
    ({ records, dropped, summary } = await importRecords({ name: 'uber-driver-fr-paris.zip', path: ZIP }, { timezone: 'Europe/Paris' }));
    files = unzipAll(ZIP);
    trips = naiveCsv(member(files, '02 - Driver Lifetime Trips.csv'), ';');
    pays = naiveCsv(member(files, '19a - Driver Payments.csv'), ';');
    segs = naiveCsv(member(files, '10 - Driver Online Offline.csv'), ';');
  });

  it('detects the importer from the content and reports provenance', () => {
    expect(summary.importer).toEqual({ name: 'uber-driver', version: '1.0.0' });
    expect(summary.detection.importer).toBe('uber-driver');
    const upload = summary.files.find((f) => f.role === 'upload')!;
    // The digest published in real-data/README.md, and the digest of the bytes on disk.
    expect(upload.sha256).toBe('1b7b302dbbfbb46a8d5466f4c3705ad1a260f85123a19b01c129a8ebec50d9bc');
    expect(upload.sha256).toBe(createHash('sha256').update(readFileSync(ZIP)).digest('hex'));
    const raw = unzipSync(readFileSync(ZIP));
    const usedMembers = summary.files.filter((f) => f.role === 'member');
    // Trips, payments, online/offline, dispatches, restrictions and the empty badges file are read.
    expect(usedMembers).toHaveLength(6);
    for (const f of usedMembers) {
      const path = f.file.split(' › ')[1]!;
      expect(f.sha256).toBe(createHash('sha256').update(raw[path]!).digest('hex'));
      expect(f.bytes).toBe(raw[path]!.length);
    }
  });

  it('trips → work_tasks: counts, statuses, period and fares', () => {
    const tasks = byDataset(records, 'work_tasks');
    expect(tasks).toHaveLength(trips.length);
    expect(trips.length).toBe(262);
    const completed = trips.filter((t) => t.status === 'completed').length;
    expect(tasks.filter((t) => t.data.status === 'completed')).toHaveLength(completed);
    expect(tasks.filter((t) => t.data.status === 'cancelled')).toHaveLength(trips.filter((t) => /cancel/.test(t.status!)).length);
    expect(completed).toBe(243);
    // occurredAt is the begin-trip time, or the request time for trips that never began (ISO strings sort by time).
    const starts = trips.map((t) => t.begintrip_timestamp_utc || t.request_timestamp_utc).sort();
    expect(periodOf(tasks)).toEqual({ first: starts[0], last: starts[starts.length - 1] });
    expect(periodOf(tasks)).toEqual({ first: '2021-02-01T10:12:04.000Z', last: '2021-02-28T23:23:56.000Z' });
    const fare = summary.money.find((m) => m.dataset === 'work_tasks' && m.currency === 'EUR')!;
    expect(fare.total).toBe(cents(trips.map((t) => t.original_fare_local!)));
    expect(fare.total).toBe(419842); // 4198.42 EUR, summed with Python's Decimal
    const ids = new Set(tasks.map((t) => t.data.external_id));
    expect(ids.size).toBe(262);
  });

  it('payments → pay_items: totals per kind in EUR cents, VAT pairs cancel out', () => {
    const items = byDataset(records, 'pay_items');
    expect(items).toHaveLength(pays.length);
    expect(pays.length).toBe(1047);
    // Hand-written reading of the labels in this file.
    const KIND: Record<string, string> = {
      'intermediary.commission': 'commission',
      'transport.fare.base': 'fare',
      'transport.fare.cancellation_fee': 'fare',
      'transport.fare.charges.wait_time': 'fare',
      'transport.fare.distance': 'fare',
      'transport.fare.driver_upfront_fare': 'fare',
      'transport.fare.surge': 'fare',
      'transport.fare.time': 'fare',
      'transport.misc.tip': 'tip',
      'transport.tax.vat': 'tax',
      'transport.toll': 'fee',
    };
    const expected: Record<string, number> = {};
    for (const p of pays) expected[KIND[p.classification!]!] = (expected[KIND[p.classification!]!] ?? 0) + cents([p.amount_local!]);
    const got = Object.fromEntries(summary.money.filter((m) => m.dataset === 'pay_items').map((m) => [m.kind, m.total]));
    expect(got).toEqual(expected);
    // Checked by hand (awk over the CSV): commission −1030.81, fares 4122.01, tips 37.00, one toll 8.90,
    // and 244 VAT lines of −x matched by 244 of +x.
    expect(got).toEqual({ commission: -103081, fare: 412201, tip: 3700, fee: 890, tax: 0 });
    expect(items.every((i) => i.data.currency === 'EUR')).toBe(true);
  });

  it('payments without trip keys are joined to the trip booked at the same local time', () => {
    const items = byDataset(records, 'pay_items');
    const tasks = new Map(byDataset(records, 'work_tasks').map((t) => [t.data.external_id, t]));
    // Every payment time in this file equals exactly one trip's request_timestamp_local (checked with
    // `comm` on the two columns): all lines join. The trip's requested_at comes from the file's UTC
    // column, the line's paid_at from local time + Europe/Paris, so equality also checks the zone.
    expect(items.every((i) => typeof i.data.task_external_id === 'string')).toBe(true);
    for (const i of items) expect(tasks.get(i.data.task_external_id)!.data.requested_at).toBe(i.data.paid_at);
    expect(summary.warnings.find((w) => w.code === 'payments_unjoined')).toBeUndefined();
  });

  it('online/offline → time_segments, one open-ended row dropped with its reason', () => {
    const kept = segs.filter((s) => s.end_timestamp_utc !== '');
    const got = byDataset(records, 'time_segments');
    expect(got).toHaveLength(kept.length);
    expect(got).toHaveLength(1526);
    const states = (names: string[]) => kept.filter((s) => names.includes(s.earner_state!)).length;
    expect(got.filter((s) => s.data.state === 'online')).toHaveLength(states(['open']));
    expect(got.filter((s) => s.data.state === 'engaged')).toHaveLength(states(['enroute', 'ontrip']));
    expect(got.filter((s) => s.data.state === 'offline')).toHaveLength(states(['offline']));
    const seconds = got.reduce((a, s) => a + (s.data.duration_s as number), 0);
    expect(seconds).toBe(kept.reduce((a, s) => a + Math.round(Number(s.duration_ms) / 1000), 0));
    const begins = kept.map((s) => s.begin_timestamp_utc!).sort();
    expect(periodOf(got)).toEqual({ first: begins[0], last: begins[begins.length - 1] });
    // Line 834 of the file (header = row 1) is an offline period with no end.
    const openEnded = segs.findIndex((s) => s.end_timestamp_utc === '') + 2;
    expect(openEnded).toBe(834);
    expect(dropped).toEqual([{ file: 'uber-driver-fr-paris.zip › FR-Paris/10 - Driver Online Offline.csv', row: 834, reason: 'segment without an end time' }]);
  });

  it('dispatches, app restrictions and the empty badges file are counted as extras; macOS junk is ignored', () => {
    const extras = Object.fromEntries(summary.extras.map((e) => [e.kind, e.rows]));
    expect(extras).toEqual({
      uber_dispatches: naiveCsv(member(files, '14 - Driver Dispatches Offered and Accepted.csv'), ';').length,
      uber_app_restrictions: naiveCsv(member(files, '11 - Driver App Restrictions.csv'), ';').length,
      uber_performance_badges: 0,
    });
    expect(extras.uber_dispatches).toBe(319);
    expect(extras.uber_app_restrictions).toBe(109);
    const junk = Object.keys(files).filter((n) => n.includes('__MACOSX') || n.endsWith('.DS_Store'));
    expect(summary.ignored.map((i) => i.file.split(' › ')[1]).sort()).toEqual(junk.sort());
    expect(summary.warnings.find((w) => w.code === 'no_rows')?.file).toContain('05 - Driver Performance Badges.csv');
    expect(summary.warnings.find((w) => w.code === 'trip_without_start')?.count).toBe(19);
    expect(summary.warnings.find((w) => w.code === 'zone_mismatch')).toBeUndefined();
  });

  it('without a zone, uses the zone the trips file names, and says so', async () => {
    const { summary: s } = await importRecords({ name: 'uber.zip', path: ZIP });
    expect(s.warnings.find((w) => w.code === 'timezone_from_file')?.message).toContain('Europe/Paris');
    expect(s.counts.pay_items).toBe(1047);
  });

  it('a wrong zone is reported against the file’s own UTC columns', async () => {
    const { summary: s } = await importRecords({ name: 'uber.zip', path: ZIP }, { timezone: 'America/New_York' });
    expect(s.warnings.find((w) => w.code === 'zone_mismatch')?.message).toContain('262 trips');
  });
});
