import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/** Spawns a command and resolves with the ms until `ready(url)` first succeeds. */
async function timeToHealthy(args, healthPath) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /running at (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    for (;;) {
      const res = await fetch(url + healthPath).catch(() => null);
      if (res?.ok) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const BASELINE = `
import { createServer } from 'node:http';
const s = createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1', () => console.log('running at http://127.0.0.1:' + s.address().port));
process.on('SIGTERM', () => process.exit(0));
`;

/**
 * `steward serve --demo` on a fresh data folder until /healthz answers, against the floor of
 * starting a bare Node HTTP server in the same run.
 */
export async function benchStartup(runs = 3) {
  const fresh = [];
  const warm = [];
  const floor = [];
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(join(tmpdir(), 'steward-bench-'));
    try {
      fresh.push(await timeToHealthy(['packages/cli/bin/steward.js', 'serve', '--demo', '--port', '0', '--data', dir], '/healthz'));
      warm.push(await timeToHealthy(['packages/cli/bin/steward.js', 'serve', '--demo', '--port', '0', '--data', dir], '/healthz'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    floor.push(await timeToHealthy(['--input-type=module', '-e', BASELINE], '/'));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    name: 'startup',
    what: 'ms from spawning `steward serve --demo` until GET /healthz answers',
    freshDataFolderMs: Math.round(median(fresh)),
    existingDataFolderMs: Math.round(median(warm)),
    bareNodeServerMs: Math.round(median(floor)),
    freshVsBare: +(median(fresh) / median(floor)).toFixed(1),
    runs: { fresh: fresh.map(Math.round), warm: warm.map(Math.round), bare: floor.map(Math.round) },
    target: 'fresh data folder < 15000 ms',
  };
}
