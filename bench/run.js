import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchImport } from './import.js';
import { benchLog } from './log.js';
import { machine } from './machine.js';
import { benchQuery } from './query.js';
import { benchStartup } from './startup.js';

/**
 * `npm run bench`: runs every benchmark and writes the results with the machine and the command.
 * `npm run bench -- log` runs only the named ones (and writes bench-DATE-log.json instead).
 */
const BENCHMARKS = { startup: benchStartup, log: benchLog, import: benchImport, query: benchQuery };
const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in BENCHMARKS));
if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
const names = only.length ? only : Object.keys(BENCHMARKS);
const results = [];
for (const name of names) results.push(await BENCHMARKS[name]());
// The sizes the log benchmark was told to use are part of the command.
const env = Object.entries(process.env)
  .filter(([k]) => k.startsWith('BENCH_'))
  .map(([k, v]) => `${k}=${v} `)
  .join('');
const command = `${env}npm run bench${only.length ? ` -- ${only.join(' ')}` : ''}`;
const report = { date: new Date().toISOString(), command, machine: machine(), results };
const dir = join(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });
const file = join(dir, `bench-${report.date.slice(0, 10)}${only.length ? `-${only.join('-')}` : ''}.json`);
await writeFile(file, JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, null, 2));
console.log(`written to ${file}`);
