import { describe, expect, it } from 'vitest';
import { ImportError, validateMapping, type ColumnMapping } from '@steward/importers';
import { importError, importRecords } from './helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('generic CSV/JSON with a saved column mapping', () => {
  const germanCsv = ['\uFEFFDatum;Betrag;Art;Währung;Auftrag', '31.03.2024 02:30;12,50;Trinkgeld;EUR;A-1', '27.10.2024 02:30;-3,20;Provision;EUR;A-1', '15.06.2024 14:00;1.234,56;Fahrt;eur;A-2'].join('\r\n');
  const mapping: ColumnMapping = {
    dataset: 'pay_items',
    columns: { paid_at: 'Datum', amount: 'Betrag', kind: 'Art', currency: 'Währung', task_external_id: 'Auftrag' },
    constants: { platform: 'freenow' },
    values: { kind: { Trinkgeld: 'tip', Provision: 'commission', Fahrt: 'fare' } },
    timezone: 'Europe/Berlin',
    dateFormat: 'DD.MM.YYYY HH:mm',
    decimalSeparator: ',',
  };

  it('[DST] a semicolon CSV with comma decimals and local day-first dates', async () => {
    const { records, summary } = await importRecords({ name: 'auszug.csv', bytes: enc(germanCsv) }, { mapping });
    expect(summary.importer.name).toBe('generic');
    expect(records.map((r) => r.data)).toEqual([
      // 02:30 on 31 March 2024 never happened in Berlin: moved forward by the gap (03:30 CEST = 01:30Z).
      { platform: 'freenow', paid_at: '2024-03-31T01:30:00.000Z', kind: 'tip', amount: 1250, currency: 'EUR', task_external_id: 'A-1', description: null },
      // 02:30 on 27 October 2024 happened twice: the first (CEST) is taken.
      { platform: 'freenow', paid_at: '2024-10-27T00:30:00.000Z', kind: 'commission', amount: -320, currency: 'EUR', task_external_id: 'A-1', description: null },
      { platform: 'freenow', paid_at: '2024-06-15T12:00:00.000Z', kind: 'fare', amount: 123456, currency: 'EUR', task_external_id: 'A-2', description: null },
    ]);
    expect(summary.warnings.map((w) => w.code).sort()).toEqual(['ambiguous_local_time', 'skipped_local_time']);
  });

  it('a JSON array of objects, epoch times and nested keys', async () => {
    const json = JSON.stringify([
      { when: 1700000000000, pos: { lat: '48.8584', lon: 2.2945 }, acc: 12 },
      { when: 1700000060000, pos: { lat: 48.86, lon: 2.3 } },
    ]);
    const { records } = await importRecords(
      { name: 'points.json', bytes: enc(json) },
      { mapping: { dataset: 'location_points', columns: { recorded_at: 'when', lat: 'pos.lat', lng: 'pos.lon', accuracy_m: 'acc' }, constants: { source: 'my-tracker' }, dateFormat: 'epoch_ms' } },
    );
    expect(records.map((r) => r.data)).toEqual([
      { recorded_at: '2023-11-14T22:13:20.000Z', lat: 48.8584, lng: 2.2945, accuracy_m: 12, source: 'my-tracker' },
      { recorded_at: '2023-11-14T22:14:20.000Z', lat: 48.86, lng: 2.3, accuracy_m: null, source: 'my-tracker' },
    ]);
  });

  it('time segments get their duration from start and end when no column gives it', async () => {
    const csv = 'state,from,to\nonline,2024-05-01T08:00:00Z,2024-05-01T08:45:30Z\n';
    const { records } = await importRecords({ name: 's.csv', bytes: enc(csv) }, { mapping: { dataset: 'time_segments', columns: { state: 'state', started_at: 'from', ended_at: 'to' }, constants: { platform: 'deliveroo' } } });
    expect(records[0]!.data).toEqual({ platform: 'deliveroo', state: 'online', started_at: '2024-05-01T08:00:00.000Z', ended_at: '2024-05-01T08:45:30.000Z', duration_s: 2730 });
  });

  it('an invalid mapping is refused with every problem named', () => {
    let error: unknown;
    try {
      validateMapping({ dataset: 'pay_items', columns: { amount: 'Betrag', tips: 'x' }, timezone: 'Berlin', dateFormat: 'HH:mm' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    const issues = (error as ImportError).issues.map((i) => i.field);
    expect(issues).toEqual(
      expect.arrayContaining(['mapping.columns.tips', 'mapping.columns.platform', 'mapping.columns.paid_at', 'mapping.columns.kind', 'mapping.currency', 'mapping.timezone', 'mapping.dateFormat']),
    );
    expect((error as ImportError).reason).toBe('invalid_mapping');
    expect(() => validateMapping({ dataset: 'trips', columns: {} })).toThrow(/mapping.dataset/);
  });

  it('a mapped column missing from the file', async () => {
    const err = await importError(() => importRecords({ name: 'auszug.csv', bytes: enc(germanCsv.replace('Betrag', 'Summe')) }, { mapping }));
    expect([err.reason, err.file, err.row, err.column]).toEqual(['missing_column', 'auszug.csv', 1, 'Betrag']);
  });

  it('a bad value fails naming row and column, or is dropped with its reason when asked', async () => {
    const bad = germanCsv.replace('-3,20', 'drei Euro');
    const err = await importError(() => importRecords({ name: 'auszug.csv', bytes: enc(bad) }, { mapping }));
    expect([err.reason, err.row, err.column]).toEqual(['invalid_value', 3, 'Betrag']);
    const { records, dropped } = await importRecords({ name: 'auszug.csv', bytes: enc(bad) }, { mapping, onInvalidRow: 'drop' });
    expect(records).toHaveLength(2);
    expect(dropped).toEqual([{ file: 'auszug.csv', row: 3, reason: 'column "Betrag" must be an amount in EUR: "drei Euro" is not a decimal number' }]);
  });

  it('values that break the canonical schema (an unknown kind) are caught by core’s validator', async () => {
    const odd = germanCsv.replace('Trinkgeld', 'Bakschisch');
    const err = await importError(() => importRecords({ name: 'auszug.csv', bytes: enc(odd) }, { mapping }));
    expect([err.reason, err.row, err.column]).toEqual(['invalid_value', 2, 'kind']);
    expect(err.message).toContain('must be one of fare, tip');
  });
});
