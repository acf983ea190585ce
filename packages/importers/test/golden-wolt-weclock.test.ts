import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, openImport } from '@steward/importers';
import { HAVE_REAL_DATA, byDataset, importError, importRecords, member, periodOf, quotedCsv, real, unzipAll } from './helpers.ts';

/** `2020-04-24 16:19:34.57` (UTC wall time) → ISO with the fraction padded to milliseconds. */
const iso = (s: string) => {
  const [date, time] = s.split(' ');
  const [hms, frac = ''] = time!.split('.');
  return `${date}T${hms}.${frac.padEnd(3, '0').slice(0, 3)}Z`;
};

describe.skipIf(!HAVE_REAL_DATA)('golden: Wolt courier tasks', () => {
  const ZIP = real('hestialabs-agpl/wolt.zip');

  it('maps every task; trailing-space header, TRUE/FALSE, variable ms digits and a quoted newline', async () => {
    const { records, dropped, summary } = await importRecords({ name: 'wolt.zip', path: ZIP }, { timezone: 'UTC' });
    const rows = quotedCsv(member(unzipAll(ZIP), 'courier_tasks.csv'));
    const header = rows[0]!;
    expect(header[0]).toBe('Task creation time '); // the trailing space is in the file
    const data = rows.slice(1);
    expect(data).toHaveLength(814);
    const tasks = byDataset(records, 'work_tasks');
    expect(tasks).toHaveLength(data.length);
    expect(dropped).toEqual([]);
    expect(tasks.filter((t) => t.data.status === 'completed')).toHaveLength(data.filter((r) => r[1] !== '').length);
    expect(tasks.filter((t) => t.data.status === 'other')).toHaveLength(10);
    // Pickup and drop-off tasks of one order share a creation time; TRUE/FALSE keeps their ids apart.
    expect(new Set(tasks.map((t) => t.data.external_id)).size).toBe(814);
    const starts = data.map((r) => iso(r[5] || r[0]!)).sort();
    expect(periodOf(tasks)).toEqual({ first: starts[0], last: starts[starts.length - 1] });
    expect(periodOf(tasks)).toEqual({ first: '2020-04-10T10:53:23.560Z', last: '2021-02-02T18:48:03.934Z' });
    // Spreadsheet row 790 holds "BIC\nYCLE" and a started-at time with two fraction digits.
    const odd = data.findIndex((r) => r[3]!.includes('\n'));
    expect(odd + 2).toBe(790);
    const task = tasks.find((t) => t.source.row === 790)!;
    expect(task.data.product).toBe('BICYCLE');
    expect(data[odd]![5]).toBe('2020-12-29 18:44:36.33');
    expect(task.data.started_at).toBe('2020-12-29T18:44:36.330Z');
    expect(summary.warnings.find((w) => w.code === 'value_repaired')).toMatchObject({ count: 1, firstRow: 790 });
  });

  it('refuses to guess the zone of its wall-clock times', async () => {
    const err = await importError(() => importRecords({ name: 'wolt.zip', path: ZIP }));
    expect(err.reason).toBe('missing_option');
    expect(err.message).toContain('time zone');
  });
});

describe.skipIf(!HAVE_REAL_DATA)('golden: WeClock export (Boston, March 2022)', () => {
  const CSV = real('weclock/weclock-export-data.csv');

  it('geologging rows → location_points, street addresses dropped, other rows counted', async () => {
    const { records, dropped, summary } = await importRecords({ name: 'weclock-export-data.csv', path: CSV }, { timezone: 'America/New_York' });
    const lines = readFileSync(CSV, 'utf8').split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(336);
    const geo = lines.map((l, i) => ({ cells: l.split(','), row: i + 1 })).filter((l) => l.cells[2] === 'geologging');
    const withCoords = geo.filter((l) => l.cells.length === 7);
    const points = byDataset(records, 'location_points');
    expect(points).toHaveLength(withCoords.length);
    expect(points).toHaveLength(192);
    expect(dropped).toEqual(
      geo.filter((l) => l.cells.length !== 7).map((l) => ({ file: 'weclock-export-data.csv', row: l.row, reason: 'location is a street address, not coordinates' })),
    );
    expect(dropped.map((d) => d.row)).toEqual([331, 335]);
    const count = (type: string) => lines.filter((l) => l.split(',')[2] === type).length;
    expect(Object.fromEntries(summary.extras.map((e) => [e.kind, e.rows]))).toEqual({ weclock_battery_reading: count('battery reading'), weclock_work_log: count('work log') });
    expect(count('battery reading')).toBe(141);
  });

  it('[DST] local M/D/YY h:mm A times convert with the 2022 US DST change (13 March, 02:00)', async () => {
    const { records } = await importRecords({ name: 'weclock-export-data.csv', path: CSV }, { timezone: 'America/New_York' });
    const byRow = new Map(records.map((r) => [r.source.row, r]));
    const lines = readFileSync(CSV, 'utf8').split('\n').filter((l) => l !== '');
    let checked = 0;
    lines.forEach((line, i) => {
      const c = line.split(',');
      if (c[2] !== 'geologging' || c.length !== 7) return;
      const [m, d, y] = c[3]!.split('/').map(Number);
      const [, h, min, ampm] = /(\d+):(\d+) (AM|PM)/.exec(c[4]!)!;
      const hour = (Number(h) % 12) + (ampm === 'PM' ? 12 : 0);
      // Hand rule, not Intl: EST (UTC−5) before Sunday 13 March 2022 02:00, EDT (UTC−4) after.
      const dst = d! > 13 || (d === 13 && hour >= 3);
      const utc = Date.UTC(2000 + y!, m! - 1, d!, hour + (dst ? 4 : 5), Number(min));
      const r = byRow.get(i + 1)!;
      expect(r.data.recorded_at).toBe(new Date(utc).toISOString());
      expect(r.data.lat).toBe(Number(c[5]));
      expect(r.data.lng).toBe(Number(c[6]));
      checked++;
    });
    expect(checked).toBe(192);
    // Newest row first in the file; the period is still first → last in time.
    expect(periodOf(records)).toEqual({ first: '2022-03-01T12:30:00.000Z', last: '2022-03-21T21:50:00.000Z' });
  });
});

describe.skipIf(!HAVE_REAL_DATA)('a file of another format', () => {
  it('the vega-datasets employment CSV is "not a supported format", saying what was found', async () => {
    const path = real('vega-datasets/us-employment.csv');
    const detection = await detectFormat({ name: 'us-employment.csv', path });
    expect(detection.importer).toBeNull();
    expect(detection.detected).toMatch(/^CSV \(delimiter ",", 24 columns: month, nonfarm/);
    const err = await importError(() => openImport({ name: 'us-employment.csv', path }));
    expect(err.reason).toBe('unsupported_format');
    expect(err.file).toBe('us-employment.csv');
    expect(err.message).toContain('not a supported format');
    expect(err.detected).toContain('nonfarm');
  });

  it('its datapackage.json is not taken for location history either', async () => {
    const detection = await detectFormat({ name: 'datapackage.json', path: real('vega-datasets/datapackage.json') });
    expect(detection.importer).toBeNull();
    expect(detection.detected).toMatch(/^JSON/);
  });
});
