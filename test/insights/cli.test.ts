import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, DEMO_PASSWORD, seedDemo } from '@steward/app';
import { generateSignerKey } from '@steward/core';
import { fileKeyStore, openStore } from '@steward/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'packages/cli/bin/steward.js');

/** A small demo (three members, three weeks) keeps the test quick; member 0 is the one who signs in. */
const SMALL_DEMO = { seed: 7, members: 3, start: new Date('2026-01-05T00:00:00Z'), weeks: 3 };

/** Runs the CLI without blocking the event loop, so an in-process server can answer it. */
function steward(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', STEWARD_SERVER: '', STEWARD_TOKEN: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('steward insights through a server', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack('pglite');
    await seedDemo(stack.app.deps, SMALL_DEMO);
    const b = stack.browser();
    await b.client.call('signIn', { body: { email: 'member@demo.example', password: DEMO_PASSWORD } });
    token = (await b.client.call('createToken', { body: { name: 'cli' } })).token;
  }, 180_000);
  afterAll(() => stack?.close());

  it('prints the token owner’s insights as JSON, the same as the API gives, and as a table', async () => {
    const args = ['insights', '--server', stack.url, '--collective', 'demo', '--tz', 'Europe/Paris', '--expenses-per-km', '0.12', '--currency', 'EUR'];
    const json = await steward([...args, '--json'], { STEWARD_TOKEN: token });
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ period: 'week', timeZone: 'Europe/Paris', expensesPerKm: { amountMinor: 12, currency: 'EUR' } });
    const viaApi = await stack.app.memberInsights({
      actor: { userId: (await stack.store.read.users.byEmail('member@demo.example'))!.id, via: 'token' },
      slug: 'demo',
      period: 'week',
      timeZone: 'Europe/Paris',
      expensesPerKm: { amountMinor: 12, currency: 'EUR' },
    });
    expect(out).toEqual(JSON.parse(JSON.stringify(viaApi)));

    const human = await steward(args, { STEWARD_TOKEN: token });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Week\s+Cur\s+Net\s+Fares\s+Comm\./m);
    expect(human.stdout).toMatch(/^2026-W02\s+EUR\s+[\d,]+\.\d\d\s/m);
    expect(human.stdout).toMatch(/^Total\s+EUR\s/m);
    expect(human.stdout).toContain('Net after');

    const member = await steward([...args, '--member', 'someone@demo.example'], { STEWARD_TOKEN: token });
    expect(member.code).not.toBe(0);
    expect(member.stderr).toMatch(/--member works only with the local store/);
  });
});

describe('steward insights on the local store', () => {
  let dir: string;
  let expected: unknown;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'steward-insights-'));
    const store = await openStore({ dataDir: dir });
    try {
      const app = createApp({ store, keys: fileKeyStore(join(dir, 'keys'), (n) => generateSignerKey(n)), config: { passwordCost: { logN: 12, r: 8, p: 1 } } });
      await seedDemo(app.deps, SMALL_DEMO);
      const user = await store.read.users.byEmail('member@demo.example');
      expected = await app.memberInsights({ actor: { userId: user!.id, via: 'session' }, slug: 'demo', period: 'month', timeZone: 'America/New_York' });
    } finally {
      await store.close();
    }
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs as the member named by --member and prints --json', async () => {
    const res = await steward(['insights', '--data', dir, '--collective', 'demo', '--member', 'member@demo.example', '--period', 'month', '--tz', 'America/New_York', '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(out.periods.map((p: { key: string }) => p.key)).toEqual(['2026-01']);
    expect(out.totals.money[0].netMinor).toBeGreaterThan(0);
  });

  it('explains what is missing or wrong, with a non-zero exit', async () => {
    const noMember = await steward(['insights', '--data', dir, '--collective', 'demo']);
    expect(noMember.code).not.toBe(0);
    expect(noMember.stderr).toMatch(/--member EMAIL/);
    const zone = await steward(['insights', '--data', dir, '--collective', 'demo', '--member', 'member@demo.example', '--tz', 'Europe/Atlantis']);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toMatch(/timeZone: must be an IANA time zone/);
    const money = await steward(['insights', '--data', dir, '--collective', 'demo', '--member', 'member@demo.example', '--expenses-per-km', '0.125', '--currency', 'EUR']);
    expect(money.code).not.toBe(0);
    expect(money.stderr).toMatch(/EUR has 2 decimals/);
    const noCurrency = await steward(['insights', '--data', dir, '--collective', 'demo', '--member', 'member@demo.example', '--expenses-per-km', '0.12']);
    expect(noCurrency.stderr).toMatch(/--currency/);
    const requester = await steward(['insights', '--data', dir, '--collective', 'demo', '--member', 'requester@demo.example']);
    expect(requester.code).toBe(2);
    expect(requester.stderr).toMatch(/records\.own\.view/);
  });
});
