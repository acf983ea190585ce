import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type Actor, type App } from '@steward/app';
import { generateSignerKey } from '@steward/core';
import { fileKeyStore, openStore } from '@steward/store';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, testClock, type Stack } from '../helpers/stack.ts';
import { collectiveWith } from '../governance/helpers.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'packages/cli/bin/steward.js');
const PASSWORD = 'correct horse battery staple';

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

/** A union with a steward and three members, one decided motion and one still open; built in-process. */
async function seedUnion(app: App, clock: ReturnType<typeof testClock>) {
  const made = await app.initCollective({ slug: 'cli-union', name: 'CLI union', kind: 'union', steward: { email: 'steward@cli.example', password: PASSWORD }, canonicalDatasets: false });
  const steward: Actor = { userId: (await app.deps.store.read.users.byEmail('steward@cli.example'))!.id, via: 'session' };
  const members: Actor[] = [];
  for (let i = 0; i < 3; i++) {
    const user = await app.createUserAccount({ email: `m${i}@cli.example`, password: PASSWORD });
    const inv = await app.createInvitation({ actor: steward, slug: 'cli-union', role: 'member', expiresInDays: 7, note: '' });
    const actor: Actor = { userId: user.id, via: 'session' };
    await app.acceptInvitation({ actor, token: inv.token });
    members.push(actor);
  }
  const decided = await app.createProposal({ actor: steward, slug: 'cli-union', proposal: { kind: 'motion', title: 'Meet on Tuesdays' } });
  const open = await app.createProposal({ actor: steward, slug: 'cli-union', proposal: { kind: 'motion', title: 'Meet on Fridays' } });
  await app.openProposal({ actor: steward, slug: 'cli-union', proposalId: decided.id });
  await app.openProposal({ actor: steward, slug: 'cli-union', proposalId: open.id });
  await app.castBallot({ actor: members[0]!, slug: 'cli-union', proposalId: decided.id, choice: { method: 'majority', vote: 'yes' } });
  await app.castBallot({ actor: members[1]!, slug: 'cli-union', proposalId: decided.id, choice: { method: 'majority', vote: 'no' } });
  await app.castBallot({ actor: steward, slug: 'cli-union', proposalId: decided.id, choice: { method: 'majority', vote: 'yes' } });
  clock.advanceDays(8);
  await app.closeProposal({ actor: steward, slug: 'cli-union', proposalId: decided.id });
  clock.advanceDays(-8);
  return { collectiveId: made.collective.id, decided: decided.id, open: open.id };
}

describe('steward governance on the local store', () => {
  let dir: string;
  let ids: Awaited<ReturnType<typeof seedUnion>>;
  const local = (args: string[], member = 'steward@cli.example') => steward(['governance', ...args, '--data', dir, '--collective', 'cli-union', '--member', member]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'steward-governance-cli-'));
    const store = await openStore({ dataDir: dir });
    try {
      const clock = testClock();
      const app = createApp({ store, keys: fileKeyStore(join(dir, 'keys'), (n) => generateSignerKey(n)), clock, config: { passwordCost: { logN: 12, r: 8, p: 1 } } });
      ids = await seedUnion(app, clock);
    } finally {
      await store.close();
    }
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('shows the charter in plain language and the proposals', async () => {
    const charter = await local(['charter']);
    expect(charter.stderr).toBe('');
    expect(charter.stdout).toMatch(/^Union data charter — version 1/);
    expect(charter.stdout).toMatch(/• Delegation: a member may let another member vote for them/);
    const list = await local(['proposals']);
    expect(list.stdout).toMatch(/^open\s+motion .* Meet on Fridays/m);
    expect(list.stdout).toMatch(/^passed\s+motion .* Meet on Tuesdays/m);
    const one = await local(['proposals', ids.decided]);
    expect(one.stdout).toMatch(/Result: passed/);
  });

  it('votes as a member, delegates, and refuses a loop', async () => {
    const vote = await local(['vote', ids.open, 'yes'], 'm2@cli.example');
    expect(vote.stderr).toBe('');
    expect(vote.stdout).toMatch(/^Ballot recorded .* your pseudonym on this proposal v:/);
    const wrong = await local(['vote', ids.open, 'hall>park'], 'm2@cli.example');
    expect([wrong.code, wrong.stderr]).toEqual([1, expect.stringMatching(/say yes, no or abstain/)]);
    expect((await local(['delegate', '--topic', 'motion', '--to', 'm1@cli.example'], 'm0@cli.example')).stdout).toMatch(/now votes for you on motion/);
    const loop = await local(['delegate', '--topic', '*', '--to', 'm0@cli.example'], 'm1@cli.example');
    expect([loop.code, loop.stderr]).toEqual([2, expect.stringMatching(/would make a loop/)]);
    expect((await local(['delegate'], 'm0@cli.example')).stdout).toMatch(/^motion\s+→ m1/m);
  });

  it('[G3] verify recounts every tally from the log: exit 0 when all match, 3 after a stored result is tampered with', async () => {
    const ok = await local(['verify']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/cli-union: 1 decided proposal\(s\) recounted from the log\./);
    expect(ok.stdout).toMatch(/^✓ passed\s+= passed\s+turnout 3\/4 {2}Meet on Tuesdays/m);
    const json = JSON.parse((await local(['verify', '--json'])).stdout);
    expect(json).toMatchObject({ checked: 1, mismatches: 0 });

    const store = await openStore({ dataDir: dir });
    try {
      await sql`update proposals set result = jsonb_set(result, '{counts,yes}', '3'::jsonb) where id = ${ids.decided}`.execute(store.kysely);
    } finally {
      await store.close();
    }
    const bad = await local(['verify']);
    expect(bad.code).toBe(3);
    expect(bad.stdout).toMatch(/^✗ passed\s+≠ passed/m);
    expect(bad.stdout).toMatch(/the stored result differs from the recount from the log/);
    expect(bad.stderr).toMatch(/1 of 1 tallies do not match the log \(rule G3\)/);
  });
});

describe('steward governance through a server', () => {
  const clock = testClock();
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack('pglite', { clock, config: { sessionTtlHours: 24 * 30 } });
    const c = await collectiveWith(stack, 'cli-remote', 'union', 2);
    const p = await c.steward.client.call('createProposal', { params: { slug: c.slug }, body: { kind: 'motion', title: 'Remote motion' } });
    await c.steward.client.call('openProposal', { params: { slug: c.slug, proposalId: p.id } });
    await c.members[0]!.client.call('castBallot', { params: { slug: c.slug, proposalId: p.id }, body: { choice: { method: 'majority', vote: 'yes' } } });
    clock.advanceDays(8);
    await stack.app.closeDueProposals();
    token = (await c.members[1]!.client.call('createToken', { body: { name: 'cli' } })).token;
  }, 120_000);
  afterAll(() => stack?.close());

  it('[G3] verify through the API with a member’s token', async () => {
    const res = await steward(['governance', 'verify', '--collective', 'cli-remote', '--json'], { STEWARD_SERVER: stack.url, STEWARD_TOKEN: token });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ checked: 1, mismatches: 0, proposals: [{ title: 'Remote motion', status: 'passed', recomputed: 'passed', match: true }] });
    const member = await steward(['governance', 'verify', '--collective', 'cli-remote', '--member', 'x@y.example'], { STEWARD_SERVER: stack.url, STEWARD_TOKEN: token });
    expect(member.stderr).toMatch(/--member works only with the local store/);
  });
});
