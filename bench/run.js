import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { machine } from './machine.js';
import { benchStartup } from './startup.js';

/** `npm run bench`: runs every benchmark and writes the results with the machine and the command. */
const results = [await benchStartup()];
const report = { date: new Date().toISOString(), command: 'npm run bench', machine: machine(), results };
const dir = join(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });
const file = join(dir, `bench-${report.date.slice(0, 10)}.json`);
await writeFile(file, JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, null, 2));
console.log(`written to ${file}`);
