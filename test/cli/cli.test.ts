import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, startStack } from '../helpers/stack.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'packages/cli/bin/steward.js');

function steward(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Runs the CLI without blocking the event loop, so an in-process server can answer it. */
function stewardAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the steward command against a running server', () => {
  it('whoami uses an API token through the typed client, and rejects a bad one clearly', async () => {
    const stack = await startStack('pglite');
    try {
      const b = await signedUp(stack, 'cli-user');
      await b.client.call('createCollective', { body: { slug: 'cli-co', name: 'CLI Co', kind: 'community' } });
      const { token } = await b.client.call('createToken', { body: { name: 'cli' } });
      const ok = await stewardAsync(['whoami', '--server', stack.url, '--json'], { STEWARD_TOKEN: token });
      expect(ok.code).toBe(0);
      const me = JSON.parse(ok.stdout);
      expect(me.user.email).toBe(b.email);
      expect(me.collectives.map((c: { slug: string }) => c.slug)).toEqual(['cli-co']);
      const human = await stewardAsync(['whoami', '--server', stack.url], { STEWARD_TOKEN: token });
      expect(human.stdout).toMatch(/cli-co\s+CLI Co \((steward, member|member, steward)\)/);
      const bad = await stewardAsync(['whoami', '--server', stack.url], { STEWARD_TOKEN: 'stw_wrong' });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/401 invalid_token/);
    } finally {
      await stack.close();
    }
  });
});

describe('the steward command', () => {
  let data: string;
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'steward-cli-'));
  });
  afterAll(() => rm(data, { recursive: true, force: true }));

  it('explains itself with --help, for every command', () => {
    const top = steward(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['serve', 'init', 'user']) expect(top.stdout).toContain(cmd);
    const serve = steward(['serve', '--help']);
    for (const flag of ['--port', '--host', '--data', '--demo']) expect(serve.stdout).toContain(flag);
    expect(steward(['user', 'create', '--help']).stdout).toContain('--email');
  });

  it('init creates a collective and its steward; user create makes an account; --json is machine-readable', () => {
    const init = steward(
      ['init', '--data', data, '--slug', 'riders', '--name', 'Riders Union', '--kind', 'union', '--email', 'chair@riders.example', '--json'],
      { STEWARD_PASSWORD: 'a long enough password' },
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const out = JSON.parse(init.stdout);
    expect(out).toMatchObject({ stewardEmail: 'chair@riders.example', createdAccount: true, collective: { slug: 'riders', myRoles: ['steward', 'member'] } });

    const user = steward(['user', 'create', '--data', data, '--email', 'new@riders.example', '--json']);
    expect(user.code).toBe(0);
    const created = JSON.parse(user.stdout);
    expect(created.user.email).toBe('new@riders.example');
    expect(created.generatedPassword).toMatch(/^[\w-]{20}$/);
  });

  it('log rotate-key gives the collective’s log a new key and logs it', () => {
    const res = steward(['log', 'rotate-key', '--data', data, '--collective', 'riders', '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.verifierKey).toMatch(/^localhost\/collectives\/riders\+[0-9a-f]{8}\+/);
    expect(out.previousVerifierKey).toMatch(/^localhost\/collectives\/riders\+/);
    expect(out.verifierKey).not.toBe(out.previousVerifierKey);
    const unknown = steward(['log', 'rotate-key', '--data', data, '--collective', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No collective "nope"/);
  });

  it('gives a clear error naming the field, and a non-zero exit', () => {
    const bad = steward(['init', '--data', data, '--slug', 'Bad Slug!', '--name', 'X', '--kind', 'union', '--email', 'not-an-email'], { STEWARD_PASSWORD: 'a long enough password' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/email|slug/);
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
    const kind = steward(['init', '--data', data, '--slug', 'x', '--name', 'X', '--kind', 'club', '--email', 'a@b.example']);
    expect(kind.code).not.toBe(0);
    expect(kind.stderr).toMatch(/kind/);
  });

  it('serve refuses a data folder another Steward process holds', async () => {
    const first = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', data], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        first.stdout.on('data', (d) => {
          out += d;
          if (/Steward is running at/.test(out)) resolve();
        });
        first.on('exit', (code) => reject(new Error(`serve exited early (${code}): ${out}`)));
      });
      const second = steward(['serve', '--port', '0', '--data', data]);
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/in use by another Steward process/);
    } finally {
      first.kill('SIGTERM');
      await new Promise((r) => first.once('exit', r));
    }
  });
});
