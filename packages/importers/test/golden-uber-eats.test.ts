import { beforeAll, describe, expect, it } from 'vitest';
import type { DroppedRow, ImportedRecord, ImportSummary } from '@steward/importers';
import { HAVE_REAL_DATA, byDataset, cents, importRecords, member, naiveCsv, periodOf, real, unzipAll } from './helpers.ts';

/**
 * Golden test for the real Lausanne Uber Eats courier export (2023–2025, AGPL sample). Expected
 * figures come from the CSV text (fflate + naive split: no quotes in these files) or from hand
 * checks, never from the importer.
 */
const ZIP = real('hestialabs-agpl/uber-eats-sample.zip');

/** `2023-11-10 11:36:35` read as if it were UTC: a zone-free number for wall-time arithmetic. */
const wall = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

describe.skipIf(!HAVE_REAL_DATA)('golden: Uber Eats courier export (Lausanne)', () => {
  let records: ImportedRecord[];
  let dropped: DroppedRow[];
  let summary: ImportSummary;
  let trips: Array<Record<string, string>>;
  let pays: Array<Record<string, string>>;
  let segs: Array<Record<string, string>>;

  beforeAll(async () => {
    ({ records, dropped, summary } = await importRecords({ name: 'uber-eats-sample.zip', path: ZIP }, { timezone: 'Europe/Zurich' }));
    const files = unzipAll(ZIP);
    trips = naiveCsv(member(files, '31 - Courier Lifetime Trip Data.csv'), ',');
    pays = naiveCsv(member(files, '23a - Driver Payments.csv'), ',');
    segs = naiveCsv(member(files, '11 - Driver Online Offline.csv'), ',');
  });

  it('is detected as a courier export although its files are numbered differently', () => {
    expect(summary.importer.name).toBe('uber-eats-courier');
    expect(summary.detection.reason).toContain('31 - Courier Lifetime Trip Data.csv');
    expect(summary.ignored.map((i) => i.file)).toEqual(['uber-eats-sample.zip › RelevantFiles/__MACOSX/._user_data.json']);
  });

  it('deliveries → work_tasks with statuses', () => {
    const tasks = byDataset(records, 'work_tasks');
    expect(tasks).toHaveLength(trips.length);
    expect(trips.length).toBe(3886);
    const count = (statuses: string[]) => trips.filter((t) => statuses.includes(t.delivery_status!)).length;
    expect(tasks.filter((t) => t.data.status === 'completed')).toHaveLength(count(['completed']));
    expect(tasks.filter((t) => t.data.status === 'cancelled')).toHaveLength(count(['canceled', 'driver_canceled', 'unfulfilled']));
    expect(tasks.filter((t) => t.data.status === 'other')).toHaveLength(count(['failed']));
    // By hand: 3864 completed, 7 canceled + 3 driver_canceled + 2 unfulfilled, 10 failed.
    expect([count(['completed']), count(['canceled', 'driver_canceled', 'unfulfilled']), count(['failed'])]).toEqual([3864, 12, 10]);
    expect(new Set(tasks.map((t) => t.data.external_id)).size).toBe(3886);
  });

  it('[DST] local times convert to UTC across the 2024 and 2025 DST changes, checked against the file’s own UTC column', () => {
    const tasks = byDataset(records, 'work_tasks');
    // The file gives the accept time both local and UTC; their difference is the offset that day
    // (+1 h in winter, +2 h in summer). The pickup (begintrip) time is only local: the importer
    // must convert it with Europe/Zurich to the same offset.
    const offsets = new Set<number>();
    let checked = 0;
    for (const task of tasks) {
      const t = trips[task.source.row - 2]!;
      expect(task.data.requested_at).toBe(new Date(wall(t.courier_accept_timestamp_utc!)).toISOString());
      if (!t.courier_begintrip_timestamp_local) continue;
      const offset = wall(t.courier_accept_timestamp_local!) - wall(t.courier_accept_timestamp_utc!);
      offsets.add(offset / 3_600_000);
      expect(task.data.started_at).toBe(new Date(wall(t.courier_begintrip_timestamp_local) - offset).toISOString());
      checked++;
    }
    expect(checked).toBe(3875);
    expect([...offsets].sort()).toEqual([1, 2]);
    expect(summary.warnings.find((w) => w.code === 'zone_mismatch')).toBeUndefined();
    const starts = tasks.map((t) => t.data.started_at as string).sort();
    expect(periodOf(tasks)).toEqual({ first: starts[0], last: starts[starts.length - 1] });
    expect(periodOf(tasks)).toEqual({ first: '2023-11-10T10:45:20.000Z', last: '2025-05-06T10:43:03.000Z' });
  });

  it('payments → pay_items: CHF totals per kind; VAT positive; empty categories still classified', () => {
    const items = byDataset(records, 'pay_items');
    expect(items).toHaveLength(pays.length);
    expect(pays.length).toBe(15118);
    const KIND: Record<string, string> = {
      'delivery.courier.tax.vat': 'tax',
      'delivery.fare.batch_discount': 'fare',
      'delivery.fare.distance': 'fare',
      'delivery.fare.dropoff': 'fare',
      'delivery.fare.pickup': 'fare',
      'eats.mp.charges.location_change_fee': 'fee',
      'intermediary.delivery.charge.courier.fraud.fare': 'adjustment',
      'intermediary.fare.delivery.courier_adjust': 'adjustment',
      'transport.misc.tip': 'tip',
    };
    const expected: Record<string, number> = {};
    for (const p of pays) expected[KIND[p.classification!]!] = (expected[KIND[p.classification!]!] ?? 0) + cents([p.amount_local!]);
    const got = Object.fromEntries(summary.money.filter((m) => m.dataset === 'pay_items').map((m) => [m.kind, m.total]));
    expect(got).toEqual(expected);
    // Python Decimal sums: fares 53783.47 (incl. −77.92 batch discounts), VAT 3922.47, tips 888.90,
    // location-change fees 4.97, adjustments −18.18 (two fraud lines net 0.00). No commission lines.
    expect(got).toEqual({ fare: 5378347, tax: 392247, tip: 88890, fee: 497, adjustment: -1818 });
    const vat = items.filter((i) => i.data.kind === 'tax');
    expect(vat.filter((i) => (i.data.amount as number) > 0)).toHaveLength(pays.filter((p) => p.classification!.includes('vat') && !p.amount_local!.startsWith('-')).length);
    const blankCategory = pays.filter((p) => p.category === '').length;
    expect(blankCategory).toBe(57);
    expect(summary.warnings.find((w) => w.code === 'payment_kind_unknown')).toBeUndefined();
  });

  it('payments join a delivery only when exactly one was accepted at that second or the one before', () => {
    // Independent re-reading of the rule on the raw columns.
    const byWall = new Map<number, number>();
    for (const t of trips) {
      const w = wall(t.courier_accept_timestamp_local!);
      byWall.set(w, (byWall.get(w) ?? 0) + 1);
    }
    let expected = 0;
    for (const p of pays) {
      const w = wall(p.recognize_timestamp_local!);
      const hits = [w, w - 1000].map((k) => byWall.get(k) ?? 0);
      if (hits[0]! + hits[1]! === 1) expected++;
    }
    const joined = byDataset(records, 'pay_items').filter((i) => i.data.task_external_id !== null).length;
    expect(joined).toBe(expected);
    expect(summary.warnings.find((w) => w.code === 'payments_unjoined')?.message).toContain(`${pays.length - expected} of ${pays.length}`);
  });

  it('online/offline → time_segments; offline rows without an end are dropped with a reason', () => {
    const kept = segs.filter((s) => s.end_timestamp_utc !== '');
    expect(byDataset(records, 'time_segments')).toHaveLength(kept.length);
    expect(kept.length).toBe(9387);
    expect(dropped).toHaveLength(segs.length - kept.length);
    expect(new Set(dropped.map((d) => d.reason))).toEqual(new Set(['segment without an end time']));
    expect(summary.dropped.byReason).toEqual({ 'segment without an end time': 63 });
  });
});
