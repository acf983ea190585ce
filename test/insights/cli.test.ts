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

/**
 * A small WeClock log (headerless, newest first) in Berlin, early March 2026, after the small
 * demo's three weeks: home H 52.52,13.40 and work W 52.50,13.45 (4 km apart).
 * Mon 2: H 07:00, W 08:30 → W 17:00 (8.5 h), H 18:00 → H 23:30 → Tue 3 H 07:30 (13.5 h at home),
 * W 08:30 → W 16:30 (8 h), H 17:30. Work: 16.5 h, all weekday daytime; home has the night point.
 */
const WECLOCK = [
  '3/3/26, 5:30 PM,52.52, 13.40',
  '3/3/26, 4:30 PM,52.50, 13.45',
  '3/3/26, 8:30 AM,52.50, 13.45',
  '3/3/26, 7:30 AM,52.52, 13.40',
  '3/2/26, 11:30 PM,52.52, 13.40',
  '3/2/26, 6:00 PM,52.52, 13.40',
  '3/2/26, 5:00 PM,52.50, 13.45',
  '3/2/26, 8:30 AM,52.50, 13.45',
  '3/2/26, 7:00 AM,52.52, 13.40',
]
  .map((line, i) => `${i},${1000 + i},geologging,${line}`)
  .join('\n');

describe('steward insights: places and time at the workplace, through a server', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack('pglite');
    await seedDemo(stack.app.deps, SMALL_DEMO);
    const b = stack.browser();
    await b.client.call('signIn', { body: { email: 'member@demo.example', password: DEMO_PASSWORD } });
    const preview = await b.client.call('previewImport', { params: { slug: 'demo' }, query: { timezone: 'Europe/Berlin' }, file: new TextEncoder().encode(WECLOCK), fileName: 'weclock.csv' });
    await b.client.call('confirmImport', { params: { slug: 'demo', uploadId: preview.uploadId }, body: {} });
    token = (await b.client.call('createToken', { body: { name: 'cli' } })).token;
  }, 180_000);
  afterAll(() => stack?.close());

  const args = ['insights', '--server', '', '--collective', 'demo', '--tz', 'Europe/Berlin'];
  const run = (extra: string[]) => steward([...args.map((a) => a || stack.url), ...extra], { STEWARD_TOKEN: token });

  it('suggests the workplace, --workplace and --workplace-radius choose another, and the tables show places, weeks and days', async () => {
    const suggested = JSON.parse((await run(['--json'])).stdout);
    expect(suggested.workplace).toEqual({ lat: 52.5, lng: 13.45, radiusM: 150, suggested: true });
    expect(suggested.totals.workplace).toEqual({ atWorkplaceSeconds: 59400, atWorkplaceHours: 16.5, daysAtWorkplace: 2 });

    // Home instead: Mon 18:00 → 24:00 (6 h) and Tue 00:00 → 07:30 (7.5 h).
    const home = JSON.parse((await run(['--workplace', '52.52,13.4', '--workplace-radius', '200', '--json'])).stdout);
    expect(home.workplace).toEqual({ lat: 52.52, lng: 13.4, radiusM: 200, suggested: false });
    expect(home.periods.flatMap((p: { days: Array<{ date: string; atWorkplaceSeconds: number }> }) => p.days.filter((d) => d.atWorkplaceSeconds > 0).map((d) => [d.date, d.atWorkplaceSeconds]))).toEqual([
      ['2026-03-02', 21600],
      ['2026-03-03', 27000],
    ]);

    const table = await run(['--workplace', '52.52,13.4']);
    expect(table.code).toBe(0);
    // The demo member's own points (pick-ups and drop-offs) are places too, without time.
    expect(table.stdout).toMatch(/^Your places \(from \d+ location points/m);
    // Mostly: 4/5 of 16.5 h is 13.2 h; 09:00–16:00 holds 14 h (2 h an hour), no 6-hour run does.
    expect(table.stdout).toMatch(/^1\s+52\.5,13\.45\s+16\.50\s+2\s+09:00-16:00\s+suggested workplace$/m);
    // Home: 4/5 of 13.5 h is 10.8 h; 11 hours from 18:00 hold 11 h, as do those from 19 and 20: the earliest.
    expect(table.stdout).toMatch(/^2\s+52\.52,13\.4\s+13\.50\s+2\s+18:00-05:00\s+probably home, your workplace$/m);
    expect(table.stdout).not.toMatch(/^2026-W10\s+—/m);
    expect(table.stdout).toContain('Workplace: 52.52,13.4 within 150 m.');
    // The member has platform time, so hours worked stay the platform's: this is time at the workplace.
    expect(table.stdout).toMatch(/^Week\s+At workplace h\s+Days$/m);
    expect(table.stdout).toMatch(/^2026-W10\s+13\.50\s+2$/m);
    expect(table.stdout).toMatch(/^2026-03-02\s+6\.00$/m);
    expect(table.stdout).toMatch(/^2026-03-03\s+7\.50$/m);

    const bad = await run(['--workplace', 'the depot']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--workplace: "the depot" is not a latitude and a longitude/);
    const radius = await run(['--workplace-radius', '5000']);
    expect(radius.stderr).toMatch(/--workplace-radius: "5000" is not a number of metres from 10 to 2000/);
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
