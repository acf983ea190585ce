import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, DEMO_PASSWORD, seedDemo } from '@steward/app';
import { generateSignerKey } from '@steward/core';
import { fileKeyStore, openStore } from '@steward/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'packages/cli/bin/steward.js');
const SMALL_DEMO = { seed: 3, members: 3, start: new Date('2026-01-05T00:00:00Z'), weeks: 1 };

/** Runs the CLI without a terminal on standard input (as CI and scripts do). */
function steward(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '', STEWARD_SERVER: '', STEWARD_TOKEN: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('steward consent on the local store', () => {
  let dir: string;
  let vkeys: string[];
  const local = (args: string[]) => steward(['consent', ...args, '--data', dir, '--collective', 'demo', '--member', 'member@demo.example']);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'steward-consent-cli-'));
    const store = await openStore({ dataDir: dir });
    try {
      const keys = fileKeyStore(join(dir, 'keys'), (n) => generateSignerKey(n));
      const app = createApp({ store, keys, config: { passwordCost: { logN: 12, r: 8, p: 1 } } });
      await seedDemo(app.deps, SMALL_DEMO);
      vkeys = await keys.verifierKeys((await store.read.collectives.bySlug('demo'))!.id);
    } finally {
      await store.close();
    }
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('[C1] shows that nobody may use the data before any decision', async () => {
    const res = await local(['show']);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/Nobody may use your data/);
  });

  it('prints the notice and records nothing without --yes when there is no terminal', async () => {
    const res = await local(['set', '--preset', 'research_public_interest']);
    expect(res.stdout).toMatch(/^Consent notice/m);
    expect(res.stdout).toMatch(/Research and public interest only/);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/Nothing recorded.*--yes/);
    expect(JSON.parse((await local(['show', '--json'])).stdout).history).toEqual([]);
  });

  it('records a preset with --yes, shows it, and gives a receipt that verifies offline; a changed receipt fails', async () => {
    const set = await local(['set', '--preset', 'research_public_interest', '--expires', '2099-01-01', '--yes', '--json']);
    expect(set.stderr).toBe('');
    const recorded = JSON.parse(set.stdout);
    expect(recorded.records.map((r: { status: string }) => r.status)).toEqual(['withdrawn', 'given']);
    expect(recorded.records[1].method).toBe('cli');
    const shown = await local(['show']);
    expect(shown.stdout).toMatch(/University research \(dpv:AcademicResearch\): academic, public_body, non_profit/);
    expect(shown.stdout).toMatch(/ends 2099-01-01/);

    const file = join(dir, 'receipt.json');
    const receipt = await local(['receipt', recorded.records[1].id, '--out', file]);
    expect(receipt.code).toBe(0);
    const ok = await steward(['consent', 'verify', file, ...vkeys.flatMap((k) => ['--key', k])]);
    expect(ok.stdout).toMatch(/^✓ valid receipt/);
    expect(ok.code).toBe(0);
    // The file is never overwritten.
    expect((await local(['receipt', recorded.records[1].id, '--out', file])).code).not.toBe(0);

    const text = await readFile(file, 'utf8');
    const forged = join(dir, 'forged.json');
    await writeFile(forged, text.replace('"given"', '"refused"'));
    const bad = await steward(['consent', 'verify', forged, ...vkeys.flatMap((k) => ['--key', k])]);
    expect(bad.code).toBe(3);
    expect(bad.stdout).toMatch(/^✗ not valid \(digest\)/);
  });

  it('withdraws one purpose in detail and names bad input by field', async () => {
    const res = await local(['set', '--withdraw', '--purpose', 'dpv:AcademicResearch', '--recipient', 'academic', '--dataset', 'work_tasks', '--yes', '--json']);
    expect(res.stderr).toBe('');
    const mine = JSON.parse((await local(['show', '--json'])).stdout);
    const tasks = JSON.parse((await local(['options', '--json'])).stdout).datasets.find((d: { slug: string }) => d.slug === 'work_tasks').id;
    const cell = (datasetId: string) => mine.cells.find((c: { datasetId: string; purpose: string; category: string }) => c.datasetId === datasetId && c.purpose === 'dpv:AcademicResearch' && c.category === 'academic');
    expect(cell(tasks)).toMatchObject({ allowed: false, reason: 'withdrawn' });
    expect(mine.cells.filter((c: { allowed: boolean }) => c.allowed).length).toBeGreaterThan(0);

    const bad = await local(['set', '--give', '--purpose', 'dpv:Gossip', '--recipient', 'academic', '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/changes\.0\.scope\.purposes\.0: not a known purpose/);
    const unknown = await local(['set', '--give', '--purpose', 'dpv:AcademicResearch', '--recipient', 'academic', '--dataset', 'nope', '--yes']);
    expect(unknown.stderr).toMatch(/--dataset: no dataset "nope"/);
  });
});

describe('steward consent through a server', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack('pglite');
    await seedDemo(stack.app.deps, SMALL_DEMO);
    const b = stack.browser();
    await b.client.call('signIn', { body: { email: 'steward@demo.example', password: DEMO_PASSWORD } });
    token = (await b.client.call('createToken', { body: { name: 'cli' } })).token;
  }, 180_000);
  afterAll(() => stack?.close());

  it('decides as the token’s owner and shows coverage counts to a steward', async () => {
    const env = { STEWARD_TOKEN: token };
    const set = await steward(['consent', 'set', '--server', stack.url, '--collective', 'demo', '--preset', 'collective_only', '--yes', '--json'], env);
    expect(set.stderr).toBe('');
    expect(JSON.parse(set.stdout).records[1].method).toBe('api');
    const cov = await steward(['consent', 'coverage', '--server', stack.url, '--collective', 'demo'], env);
    expect(cov.code).toBe(0);
    expect(cov.stdout).toMatch(/^Members: \d+/);
    expect(cov.stdout).toMatch(/work_tasks\s+stw:CollectiveBargaining\s+1\s/);
    expect(cov.stdout).not.toMatch(/@demo\.example/);
  });
});
