import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createClient, type RouteOutput, type Routes } from '@steward/contract';
import type { RuntimeConfig } from '../config.ts';
import { print } from '../output.ts';
import { confirm } from '../prompt.ts';
import { openRuntime } from '../runtime.ts';

export interface ImportFlags {
  collective: string;
  member?: string;
  tz?: string;
  importer?: string;
  currency?: string;
  yes?: boolean;
  json?: boolean;
  server?: string;
  token?: string;
}

type Preview = Omit<RouteOutput<Routes['previewImport']>, 'uploadId' | 'fileName'>;
type Result = RouteOutput<Routes['confirmImport']>;

/** A file read with a progress bar on the terminal (stderr, only when it is a terminal). */
function meteredFile(path: string, label: string) {
  const total = statSync(path).size;
  const tty = process.stderr.isTTY;
  async function* stream() {
    let read = 0;
    let shown = -1;
    for await (const chunk of createReadStream(path)) {
      read += (chunk as Buffer).byteLength;
      const pct = total ? Math.floor((read / total) * 100) : 100;
      if (tty && pct !== shown) {
        shown = pct;
        const bar = '#'.repeat(Math.floor(pct / 4)).padEnd(25, '.');
        process.stderr.write(`\r${label} [${bar}] ${pct}%`);
      }
      yield chunk as Uint8Array;
    }
    if (tty) process.stderr.write('\n');
  }
  return { name: basename(path), stream: stream() };
}

function describePreview(file: string, p: Preview): string {
  const lines = [`${file}: ${p.importer.title} (${p.detected})`];
  if (p.noRows) lines.push('  The file holds no rows.');
  for (const d of p.datasets) {
    lines.push(`  ${d.name.padEnd(16)} ${String(d.records).padStart(8)} records  ${d.first?.slice(0, 10) ?? '?'} → ${d.last?.slice(0, 10) ?? '?'}${d.declared ? '' : '  (the collective has no such dataset yet: cannot store)'}`);
  }
  for (const m of p.money) lines.push(`  ${`${m.dataset}.${m.field}${m.kind ? ` (${m.kind})` : ''}`.padEnd(32)} ${(m.total / 100).toFixed(2).padStart(12)} ${m.currency} over ${m.lines} lines`);
  if (p.dropped.total) {
    lines.push(`  Dropped ${p.dropped.total} rows:`);
    for (const [reason, n] of Object.entries(p.dropped.byReason)) lines.push(`    ${n} × ${reason}`);
  }
  for (const w of p.warnings) lines.push(`  Note: ${w.message}${w.count > 1 ? ` (${w.count} times)` : ''}`);
  for (const f of p.files) lines.push(`  sha256 ${f.sha256}  ${f.file}`);
  return lines.join('\n');
}

/**
 * `steward import FILE…`: preview each export, then store it on confirmation (or with --yes).
 * Locally (--data / DATABASE_URL) as the member named by --member; or through a server's API
 * with a personal token (--server / STEWARD_SERVER and STEWARD_TOKEN), as the token's owner.
 */
export async function importFiles(config: RuntimeConfig, files: string[], flags: ImportFlags): Promise<void> {
  const choices = { timezone: flags.tz, importer: flags.importer, currency: flags.currency };
  const server = flags.server ?? process.env.STEWARD_SERVER;
  const outcomes: Array<{ file: string; preview: Preview; result: Result | null }> = [];
  const report = (file: string, preview: Preview) => {
    if (!flags.json) process.stdout.write(describePreview(file, preview) + '\n');
  };
  const done = (file: string, result: Result | null) => {
    if (flags.json) return;
    process.stdout.write(
      result
        ? `  Stored ${result.added} new records (${result.duplicates} already held, ${result.dropped} dropped); log entry ${result.logIndex}.\n`
        : '  Not stored. Run again with --yes to store these records.\n',
    );
  };

  if (server) {
    const token = flags.token ?? process.env.STEWARD_TOKEN;
    if (!token) throw new Error('Give a personal API token: STEWARD_TOKEN or --token.');
    const client = createClient({ baseUrl: server.replace(/\/+$/, ''), token });
    for (const path of files) {
      const bytes = new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(path)));
      const preview = await client.call('previewImport', { params: { slug: flags.collective }, query: choices, file: bytes, fileName: basename(path) });
      report(path, preview);
      const result = (await confirm(`Store these records from ${path}?`, flags.yes)) ? await client.call('confirmImport', { params: { slug: flags.collective, uploadId: preview.uploadId }, body: {} }) : null;
      done(path, result);
      outcomes.push({ file: path, preview, result });
    }
  } else {
    if (!flags.member) throw new Error('Say whose data this is: --member EMAIL (or import through a server with --server and a token).');
    const runtime = await openRuntime(config);
    try {
      const actor = await runtime.app.localActor({ email: flags.member, field: '--member' });
      for (const path of files) {
        const preview = await runtime.app.previewImport({ actor, slug: flags.collective, file: meteredFile(path, 'Reading'), choices });
        report(path, preview);
        const result = (await confirm(`Store these records from ${path}?`, flags.yes)) ? await runtime.app.confirmImport({ actor, slug: flags.collective, file: meteredFile(path, 'Storing'), choices }) : null;
        done(path, result);
        outcomes.push({ file: path, preview, result });
      }
    } finally {
      await runtime.close();
    }
  }
  if (flags.json) print(true, { imports: outcomes }, () => '');
}
