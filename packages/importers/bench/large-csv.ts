/**
 * Memory benchmark (not a test): generates a large Uber-style online/offline CSV, imports it as a
 * file and again inside a zip, and reports peak RSS growth over the baseline. The importer
 * streams, so growth should stay flat whatever the size.
 *
 *   npx node packages/importers/bench/large-csv.ts [megabytes=300]
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Zip, ZipDeflate } from 'fflate';
import { openImport } from '../src/index.ts';

const megabytes = Number(process.argv[2] ?? 300);
const HEADER = 'earner_state;city_id;begin_lat;begin_lng;end_lat;end_lng;begin_timestamp_utc;end_timestamp_utc;duration_ms;begin_timestamp_local;end_timestamp_local\r\n';
const STATES = ['open', 'enroute', 'ontrip', 'offline'];

function row(i: number): string {
  const begin = Date.UTC(2021, 0, 1) + i * 60_000;
  const end = begin + 45_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const lat = (48.8 + (i % 1000) / 10_000).toFixed(6);
  return `${STATES[i % 4]};3;${lat};2.3522;${lat};2.3601;${iso(begin)};${iso(end)};45000;${iso(begin + 3_600_000)};${iso(end + 3_600_000)}\r\n`;
}

async function writeCsv(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  out.write(HEADER);
  let written = HEADER.length;
  let i = 0;
  while (written < bytes) {
    let chunk = '';
    for (let k = 0; k < 2000; k++) chunk += row(i++);
    written += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return i;
}

async function zipFile(csvPath: string, zipPath: string, member: string): Promise<void> {
  const out = createWriteStream(zipPath);
  const pending: Promise<unknown>[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    if (!out.write(data)) pending.push(once(out, 'drain'));
  });
  const entry = new ZipDeflate(member, { level: 6 });
  zip.add(entry);
  const { createReadStream } = await import('node:fs');
  for await (const chunk of createReadStream(csvPath, { highWaterMark: 1 << 20 })) {
    entry.push(chunk as Uint8Array);
    await Promise.all(pending.splice(0));
  }
  entry.push(new Uint8Array(0), true);
  zip.end();
  await Promise.all(pending.splice(0));
  out.end();
  await once(out, 'finish');
}

async function measure(label: string, input: { name: string; path: string }): Promise<Record<string, unknown>> {
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const run = await openImport(input, { timezone: 'Europe/Paris', importer: 'uber-driver' });
  let records = 0;
  for await (const item of run) if (item.kind === 'record') records++;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const size = (await stat(input.path)).size;
  return {
    label,
    fileMB: +(size / 2 ** 20).toFixed(1),
    records,
    seconds: +seconds.toFixed(1),
    recordsPerSecond: Math.round(records / seconds),
    baselineRssMB: +(baseline / 2 ** 20).toFixed(1),
    peakRssGrowthMB: +((peak - baseline) / 2 ** 20).toFixed(1),
  };
}

const dir = await mkdtemp(join(tmpdir(), 'steward-bench-'));
try {
  const member = '10 - Driver Online Offline.csv';
  const csv = join(dir, member);
  const rows = await writeCsv(csv, megabytes * 2 ** 20);
  const zip = join(dir, 'export.zip');
  await zipFile(csv, zip, `FR/${member}`);
  const results = [await measure('csv file', { name: member, path: csv }), await measure('same csv inside a zip', { name: 'export.zip', path: zip })];
  console.log(JSON.stringify({ generatedRows: rows, node: process.version, results }, null, 2));
} finally {
  await rm(dir, { recursive: true, force: true });
}
