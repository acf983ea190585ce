import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, openImport } from '@steward/importers';
import { HAVE_REAL_DATA, importError, importRecords, real, zipBytes } from './helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const WOLT_HEADER = '"Task creation time ","Task completion time","Is pickup task","Completed with vehicle type","Arrived at","Started at","Arrival time","Departed at"';
const woltRow = (vehicle: string) => `"2020-04-24 16:19:34.025","2020-04-24 17:13:35.463",TRUE,"${vehicle}","2020-04-24 16:56:59.914","2020-04-24 16:55:03.975","2020-04-24 17:12:54",`;

/** Sets the uncompressed size a zip declares for its first member (local header and central directory). */
function lieAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  view.setUint32(22, size, true);
  for (let i = out.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x02014b50) {
      view.setUint32(i + 24, size, true);
      break;
    }
  }
  return out;
}

describe('bad input gives a typed error naming the file, row and column', () => {
  it('a truncated zip', async () => {
    const whole = zipBytes({ 'FR/02 - Driver Lifetime Trips.csv': 'status;request_timestamp_utc\r\ncompleted;2021-02-01T10:00:00Z\r\n' });
    const err = await importError(() => openImport({ name: 'cut.zip', bytes: whole.subarray(0, Math.floor(whole.length / 2)) }));
    expect(err).toBeInstanceOf(ImportError);
    expect(err.reason).toBe('corrupt_archive');
    expect(err.file).toBe('cut.zip');
    expect(err.message).toMatch(/cut\.zip: is not a readable zip archive \(truncated or damaged\?\)/);
    expect(err.code).toBe('validation_failed'); // still a core ValidationError: the HTTP edge maps it to 422
  });

  it.skipIf(!HAVE_REAL_DATA)('the real Paris export, cut in half', async () => {
    const bytes = readFileSync(real('hestialabs-agpl/uber-driver-fr-paris.zip'));
    const err = await importError(() => importRecords({ name: 'paris-cut.zip', bytes: bytes.subarray(0, bytes.length >> 1) }, { timezone: 'Europe/Paris' }));
    expect(err.reason).toBe('corrupt_archive');
  });

  it('a CSV with a missing required column', async () => {
    const bytes = zipBytes({ 'FR/02 - Driver Lifetime Trips.csv': 'city_id;request_timestamp_utc;dropoff_timestamp_utc\r\n3;2021-02-01T10:00:00Z;2021-02-01T10:20:00Z\r\n' });
    const err = await importError(() => importRecords({ name: 'x.zip', bytes }, { importer: 'uber-driver', timezone: 'Europe/Paris' }));
    expect(err.reason).toBe('missing_column');
    expect(err.file).toBe('x.zip › FR/02 - Driver Lifetime Trips.csv');
    expect(err.row).toBe(1);
    expect(err.column).toBe('status');
    expect(err.message).toContain('the header has: city_id, request_timestamp_utc, dropoff_timestamp_utc');
  });

  it('a file of another format, with what was detected', async () => {
    const bytes = enc('name;colour;size\nbolt;grey;12\n');
    const err = await importError(() => openImport({ name: 'parts.csv', bytes }));
    expect(err.reason).toBe('unsupported_format');
    expect(err.detected).toBe('CSV (delimiter ";", 3 columns: name, colour, size)');
    expect((await detectFormat({ name: 'parts.csv', bytes })).importer).toBeNull();
    const binary = await importError(() => openImport({ name: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2, 3, 0]) }));
    expect(binary.detected).toBe('a binary file');
  });

  it('an oversized field', async () => {
    const bytes = enc(`${WOLT_HEADER}\n${woltRow('x'.repeat(20_000))}\n`);
    const err = await importError(() => importRecords({ name: 'courier_tasks.csv', bytes }, { timezone: 'UTC' }));
    expect(err.reason).toBe('field_too_large');
    expect([err.file, err.row, err.column]).toEqual(['courier_tasks.csv', 2, 'Completed with vehicle type']);
  });

  it('an oversized record (an unclosed quote swallowing the file)', async () => {
    const bytes = enc(`${WOLT_HEADER}\n${woltRow('BICYCLE')}\n"2020-04-24 16:19:34.025,${'y,'.repeat(5000)}\n`);
    const err = await importError(() => importRecords({ name: 'courier_tasks.csv', bytes }, { timezone: 'UTC', limits: { maxRecordBytes: 4096 } }));
    expect(err.reason).toBe('record_too_large');
    expect(err.row).toBe(3);
  });

  it('malformed CSV names the row', async () => {
    const bytes = enc(`${WOLT_HEADER}\n${woltRow('BICYCLE')}\n"2020-04-24 16:19:34.025"x,"",TRUE,"",,,,\n`);
    const err = await importError(() => importRecords({ name: 'courier_tasks.csv', bytes }, { timezone: 'UTC' }));
    expect(err.reason).toBe('malformed_csv');
    expect(err.row).toBe(3);
  });

  it('a bad value names its column', async () => {
    const bytes = enc(`${WOLT_HEADER}\n${woltRow('BICYCLE').replace('2020-04-24 16:55:03.975', 'yesterday')}\n`);
    const err = await importError(() => importRecords({ name: 'courier_tasks.csv', bytes }, { timezone: 'UTC' }));
    expect([err.reason, err.row, err.column]).toEqual(['invalid_value', 2, 'Started at']);
    expect(err.message).toContain('"yesterday"');
  });

  it('a zip with a ../evil entry, or an absolute path', async () => {
    for (const name of ['../evil.csv', 'ok/../../evil.csv', '/etc/evil.csv']) {
      const err = await importError(() => openImport({ name: 'evil.zip', bytes: zipBytes({ 'fine.csv': 'a,b\n1,2\n', [name]: 'a,b\n1,2\n' }) }));
      expect(err.reason).toBe('unsafe_path');
      expect(err.file).toContain(name);
    }
  });

  it('a zip bomb, caught while streaming (ratio)', async () => {
    // 64 MiB of well-formed CSV lines that deflate about 1000:1; the header is honest.
    const member = 'FR/14 - Driver Dispatches Offered and Accepted.csv';
    const body = new Uint8Array(64 * 1024 * 1024).fill(0x30);
    for (let i = 3; i < body.length; i += 4) body[i] = 0x0a;
    body.set(enc('a\n'), 0);
    const bomb = zipBytes({ [member]: body }, 9);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const err = await importError(() => importRecords({ name: 'bomb.zip', bytes: bomb }, { importer: 'uber-driver', timezone: 'Europe/Paris' }));
    expect(err.reason).toBe('zip_bomb');
    expect(err.file).toBe(`bomb.zip › ${member}`);
    expect(err.message).toContain('expands more than 200 times');
  });

  it('a zip whose header understates a member’s size is refused (headers are not trusted)', async () => {
    const honest = zipBytes({ 'FR/19a - Driver Payments.csv': `amount_local;currency_code;classification;recognize_timestamp_local\n${'1.0;EUR;transport.misc.tip;2021-02-01 10:00:00\n'.repeat(20_000)}` }, 9);
    const lying = lieAboutSize(honest, 100);
    const err = await importError(() => importRecords({ name: 'liar.zip', bytes: lying }, { importer: 'uber-driver', timezone: 'Europe/Paris' }));
    expect(err.reason).toBe('corrupt_archive');
    expect(err.file).toBe('liar.zip › FR/19a - Driver Payments.csv');
  });

  it('total size, per-file size and entry count limits', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`FR/1${i} - Driver Online Offline.csv`] = `earner_state,begin_timestamp_utc,end_timestamp_utc\n${'open,2021-02-01T10:00:00Z,2021-02-01T10:05:00Z\n'.repeat(2000)}`;
    const bytes = zipBytes(files);
    const total = await importError(() => importRecords({ name: 'big.zip', bytes }, { importer: 'uber-driver', limits: { maxTotalBytes: 200_000 } }));
    expect(total.reason).toBe('total_too_large');
    const many = await importError(() => openImport({ name: 'big.zip', bytes }, { limits: { maxEntries: 3 } }));
    expect(many.reason).toBe('too_many_entries');
    const one = await importError(() => openImport({ name: 'big.zip', bytes }, { limits: { maxFileBytes: 50_000 } }));
    expect(one.reason).toBe('file_too_large');
    expect(one.file).toContain('Driver Online Offline.csv');
    const upload = await importError(() => openImport({ name: 'big.csv', bytes: new Uint8Array(2048) }, { limits: { maxFileBytes: 1024 } }));
    expect([upload.reason, upload.file]).toEqual(['file_too_large', 'big.csv']);
  });

  it('bad options are refused up front', async () => {
    const bytes = enc(`${WOLT_HEADER}\n${woltRow('BICYCLE')}\n`);
    expect((await importError(() => openImport({ name: 'w.csv', bytes }, { timezone: 'Mars/Olympus' }))).reason).toBe('invalid_option');
    expect((await importError(() => openImport({ name: 'w.csv', bytes }, { importer: 'myspace' }))).reason).toBe('invalid_option');
    expect((await importError(() => openImport({ name: 'w.csv', bytes }, { currency: 'EURO' }))).reason).toBe('invalid_option');
  });

  it('throws nothing but ImportError on garbage', async () => {
    const inputs: Uint8Array[] = [
      randomBytes(10_000),
      enc('PK\x03\x04garbage'),
      enc('{"locations": [ {"latitudeE7": 1, '),
      enc('{"timelineObjects": 42}'),
      enc('"unclosed'),
      Uint8Array.from([0xef, 0xbb, 0xbf, 0x2c, 0x2c, 0x0a]),
      zipBytes({ 'a/b/c.csv': randomBytes(5000) }),
    ];
    for (const bytes of inputs) {
      for (const importer of [undefined, 'uber-driver', 'wolt-courier', 'weclock', 'google-location-history']) {
        try {
          const run = await openImport({ name: 'garbage', bytes }, { importer, timezone: 'UTC' });
          for await (const _ of run) {
            // drain
          }
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
        }
      }
    }
  });
});

describe('empty input is a clear "no rows" result', () => {
  it('an empty file', async () => {
    for (const bytes of [new Uint8Array(0), enc('\uFEFF'), enc('\r\n\r\n')]) {
      const { records, summary } = await importRecords({ name: 'empty.csv', bytes });
      expect(records).toEqual([]);
      expect(summary.noRows).toBe(true);
      expect(summary.warnings.map((w) => w.code)).toEqual(['no_rows']);
      expect(summary.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('a header without rows, and an empty zip', async () => {
    const { summary } = await importRecords({ name: 'courier_tasks.csv', bytes: enc(`${WOLT_HEADER}\r\n`) }, { timezone: 'UTC' });
    expect(summary.importer.name).toBe('wolt-courier');
    expect(summary.noRows).toBe(true);
    expect(summary.warnings.find((w) => w.code === 'no_rows')?.message).toBe('The file has a header but no rows.');
    const zip = await importRecords({ name: 'nothing.zip', bytes: zipBytes({}) });
    expect(zip.summary.noRows).toBe(true);
  });
});
