import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectFormat, openImport } from '@steward/importers';
import { HAVE_REAL_DATA, importRecords, real } from './helpers.ts';

/** Feeds bytes as a one-shot stream in small chunks, as an HTTP upload would arrive. */
function streamOf(bytes: Uint8Array, chunk = 7919): Readable {
  return Readable.from((function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield Buffer.from(bytes.subarray(i, i + chunk));
  })());
}

describe.skipIf(!HAVE_REAL_DATA)('streams, detection by content, provenance', () => {
  it('a CSV upload as a stream gives the same records, and its SHA-256 once read', async () => {
    const bytes = readFileSync(real('weclock/weclock-export-data.csv'));
    const fromPath = await importRecords({ name: 'w.csv', path: real('weclock/weclock-export-data.csv') }, { timezone: 'America/New_York' });
    const fromStream = await importRecords({ name: 'w.csv', stream: streamOf(bytes) }, { timezone: 'America/New_York' });
    expect(fromStream.records).toEqual(fromPath.records);
    expect(fromStream.summary.files).toEqual([{ file: 'w.csv', role: 'upload', bytes: bytes.length, sha256: '0f4b39cd8fc99c578bb069a00ee040418f0605e9fa19a556fb62ee92fadba5a8' }]);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(fromStream.summary.files[0]!.sha256);
  });

  it('a zip upload as a stream is spooled to a private temporary file and read the same', async () => {
    const path = real('hestialabs-agpl/uber-eats-sample.zip');
    const a = await importRecords({ name: 'e.zip', stream: streamOf(readFileSync(path), 65536) }, { timezone: 'Europe/Zurich' });
    const b = await importRecords({ name: 'e.zip', path }, { timezone: 'Europe/Zurich' });
    expect(a.summary.counts).toEqual(b.summary.counts);
    expect(a.summary.files).toEqual(b.summary.files);
    expect(a.summary.files[0]!.sha256).toBe('0631c1595fef379b2cfba284d4a74ab597f61923bcc3a585048e6928b5e4b314');
  });

  it('formats are recognised from content, not names', async () => {
    const cases: Array<[string, string]> = [
      ['hestialabs-agpl/uber-driver-fr-paris.zip', 'uber-driver'],
      ['hestialabs-agpl/uber-eats-sample.zip', 'uber-eats-courier'],
      ['hestialabs-agpl/wolt.zip', 'wolt-courier'],
      ['weclock/weclock-export-data.csv', 'weclock'],
    ];
    for (const [path, importer] of cases) {
      // Misleading names: content decides.
      const d = await detectFormat({ name: 'holiday-photos.bin', bytes: readFileSync(real(path)) });
      expect([path, d.importer]).toEqual([path, importer]);
      expect(d.confidence).toBeGreaterThan(0.8);
    }
  });

  it('a run reads once, closes its files, and reports importer name and version', async () => {
    const run = await openImport({ name: 'wolt.zip', path: real('hestialabs-agpl/wolt.zip') }, { timezone: 'UTC' });
    expect(run.importer).toMatchObject({ name: 'wolt-courier', version: '1.0.0' });
    let n = 0;
    for await (const item of run) if (item.kind === 'record') n++;
    expect(run.summary()).toMatchObject({ complete: true, counts: { work_tasks: n } });
    await expect(async () => {
      for await (const _ of run) {
        // a second read
      }
    }).rejects.toMatchObject({ reason: 'read_failed' });
  });

  it('stopping early is fine (the archive is closed)', async () => {
    const run = await openImport({ name: 'p.zip', path: real('hestialabs-agpl/uber-driver-fr-paris.zip') }, { timezone: 'Europe/Paris' });
    for await (const item of run) {
      expect(item.kind).toBe('record');
      break;
    }
    expect(run.summary().complete).toBe(false);
  });
});
