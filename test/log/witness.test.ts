import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatCheckpoint,
  fromBase64,
  generateSignerKey,
  openNote,
  parseCheckpoint,
  signNote,
  storedHashes,
  storedHashIndex,
  toBase64,
  treeHash,
} from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.ts';
import { VerificationError } from '../../packages/cli/src/log-verify/errors.ts';
import { emptyState } from '../../packages/cli/src/log-verify/state.ts';
import { verifyLog } from '../../packages/cli/src/log-verify/verify.ts';
import { activeCollective, addMembers, appendFiller, flipBase64Char, flipBit, flipChar, logSize, steward, type ActiveCollective, type Run } from './helpers.ts';

/**
 * `steward log verify` as an outside witness: the real CLI process against the real server on a
 * real database, tampered with by editing the database behind the server's back.
 */

let stack: Stack;
let dir: string;
let n = 0;

beforeAll(async () => {
  stack = await startStack('pglite');
  dir = await mkdtemp(join(tmpdir(), 'steward-witness-'));
});
afterAll(async () => {
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh state file path per test. */
const newState = () => join(dir, `witness-${++n}.json`);

const verify = (url: string, state: string, ...more: string[]) => steward(['log', 'verify', url, '--state', state, ...more]);
const verifyJson = async (url: string, state: string, ...more: string[]) => {
  const run = await verify(url, state, '--json', ...more);
  return { ...run, json: JSON.parse(run.stdout) };
};

/** A failed verification: exit code 3 and exactly one `Error: …` line on stderr. */
function expectFailure(run: Run, message: RegExp): void {
  expect(run.code, run.stdout + run.stderr).toBe(3);
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^Error: /);
  expect(run.stderr).toMatch(message);
}

/** A collective whose published log has already verified once, pinning its key in `state`. */
async function verifiedOnce(slug: string): Promise<ActiveCollective & { state: string }> {
  const c = await activeCollective(stack, slug);
  await stack.app.publishCheckpoints();
  const state = newState();
  const ok = await verify(c.url, state);
  expect(ok.code, ok.stderr).toBe(0);
  return { ...c, state };
}

const kysely = () => stack.store.kysely;

/** A local port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function latestNote(collectiveId: string): Promise<{ size: number; note: string }> {
  const cp = await stack.store.read.log.latestCheckpoint(collectiveId);
  return { size: cp!.size, note: cp!.note };
}

async function setLatestNote(collectiveId: string, note: string): Promise<void> {
  const { size } = await latestNote(collectiveId);
  await kysely().updateTable('log_checkpoints').set({ note }).where('collective_id', '=', collectiveId).where('size', '=', size).execute();
}

async function flipStoredHash(collectiveId: string, index: number): Promise<void> {
  const row = await kysely().selectFrom('log_hashes').select('hash').where('collective_id', '=', collectiveId).where('idx', '=', index).executeTakeFirstOrThrow();
  await kysely()
    .updateTable('log_hashes')
    .set({ hash: flipBit(new Uint8Array(row.hash), 7) })
    .where('collective_id', '=', collectiveId)
    .where('idx', '=', index)
    .execute();
}

describe('steward log verify', () => {
  it('[T2] a fresh collective’s log verifies on first use; after more activity it verifies again, consistent with the size seen before', async () => {
    const c = await activeCollective(stack, 'wit-grow');
    await stack.app.publishCheckpoints();
    const size1 = await logSize(stack, c.id);
    expect(size1).toBeGreaterThanOrEqual(8);

    // No --state: the default is $XDG_STATE_HOME/steward/witness.json. No trailing slash either.
    const xdg = join(dir, 'xdg');
    const first = await steward(['log', 'verify', c.url.replace(/\/$/, '')], { XDG_STATE_HOME: xdg });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain(`Verified the transparency log ${c.origin}`);
    expect(first.stdout).toContain('trusted on first use');
    expect(first.stdout).toContain(`${size1} entries, all checked`);
    const statePath = join(xdg, 'steward', 'witness.json');
    const saved = JSON.parse(await readFile(statePath, 'utf8'));
    const overview = await stack.app.logOverview({ slug: c.slug });
    expect(saved.logs[c.origin]).toMatchObject({ url: c.url, vkey: overview.verifierKey, size: size1, root: overview.checkpoint!.rootHash });

    await addMembers(stack, c, 2);
    await c.steward.client.call('createDataset', { params: { slug: c.slug }, body: { canonical: 'pay_items' } });
    await stack.app.publishCheckpoints();
    const size2 = await logSize(stack, c.id);
    expect(size2).toBeGreaterThan(size1);

    const second = await steward(['log', 'verify', c.url, '--json'], { XDG_STATE_HOME: xdg });
    expect(second.code, second.stderr).toBe(0);
    const out = JSON.parse(second.stdout);
    expect(out).toMatchObject({
      ok: true,
      origin: c.origin,
      size: size2,
      key: { source: 'pinned', vkey: overview.verifierKey },
      checked: { entries: size2, hashTiles: 1, entryBundles: 1 },
      previous: { size: size1, root: overview.checkpoint!.rootHash, relation: 'extended', serverProof: 'verified' },
    });
    expect(out.root).toBe((await stack.app.logOverview({ slug: c.slug })).checkpoint!.rootHash);
    expect(JSON.parse(await readFile(statePath, 'utf8')).logs[c.origin].size).toBe(size2);
    // Written by rename: no temporary file is left behind.
    expect(await readdir(join(xdg, 'steward'))).toEqual(['witness.json']);

    // The same checkpoint again is fine, and says so.
    const again = await steward(['log', 'verify', c.url], { XDG_STATE_HOME: xdg });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`size ${size2}: the same checkpoint as before`);
  });

  it('[T2] a log of more than 256 entries verifies its level-1 tiles, and consistency across tile boundaries', async () => {
    const c = await verifiedOnce('wit-big');
    await appendFiller(stack, c.id, 300);
    await stack.app.publishCheckpoints();
    const size = await logSize(stack, c.id);
    const run = await verifyJson(c.url, c.state);
    expect(run.code, run.stderr).toBe(0);
    // Level 0: one full and one partial tile; level 1: one partial tile of one hash.
    expect(run.json).toMatchObject({ size, checked: { entries: size, hashTiles: 3, entryBundles: 2 }, previous: { relation: 'extended', serverProof: 'verified' } });
  });

  describe('[T2] tampering with the database behind the server is caught', () => {
    it('an entry body with one byte changed', async () => {
      const c = await verifiedOnce('wit-entry');
      const row = await kysely().selectFrom('log_entries').select('body').where('collective_id', '=', c.id).where('idx', '=', 3).executeTakeFirstOrThrow();
      const at = row.body.indexOf('"type":"') + 8;
      await kysely().updateTable('log_entries').set({ body: flipChar(row.body, at) }).where('collective_id', '=', c.id).where('idx', '=', 3).execute();
      const size = await logSize(stack, c.id);
      expectFailure(await verify(c.url, c.state), new RegExp(`^Error: entry 3 \\(tile/entries/000\\.p/${size}\\): its leaf hash \\S+ does not match the level-0 hash \\S+ in tile/0/000\\.p/${size}$`, 'm'));
    });

    it('a level-0 stored hash with one bit flipped', async () => {
      const c = await verifiedOnce('wit-h0');
      await flipStoredHash(c.id, storedHashIndex(0, 5));
      const size = await logSize(stack, c.id);
      expectFailure(
        await verify(c.url, c.state),
        new RegExp(`root mismatch: the level-0 hash tiles give root \\S+ for ${size} entries, the checkpoint says \\S+; the level-0 hash of entry 5 in tile/0/000\\.p/${size} does not match the entry`),
      );
    });

    it('a level-1 stored hash (tree level 8) with one bit flipped', async () => {
      const c = await activeCollective(stack, 'wit-h8');
      await appendFiller(stack, c.id, 300);
      await stack.app.publishCheckpoints();
      const state = newState();
      expect((await verify(c.url, state)).code).toBe(0);
      await flipStoredHash(c.id, storedHashIndex(8, 0));
      expectFailure(await verify(c.url, state), /tile\/1\/000\.p\/1: hash 0 \(the subtree of entries 0–255\) is \S+, but the level-0 hashes below it give \S+$/m);
    });

    it('the checkpoint note’s signature with one byte changed', async () => {
      const c = await verifiedOnce('wit-sig');
      const { note } = await latestNote(c.id);
      const sigLine = note.lastIndexOf('\n— ');
      const b64 = note.indexOf(' ', sigLine + 3) + 1;
      // Well inside the signature (after the 4-byte key hash), so the key still matches.
      await setLatestNote(c.id, flipBase64Char(note, b64 + 40));
      expectFailure(await verify(c.url, c.state), new RegExp(`checkpoint signature does not verify: invalid signature for key ${c.origin.replace(/\./g, '\\.')}\\+[0-9a-f]{8} \\(the pinned key\\)`));
    });

    it('the checkpoint’s root line changed and re-signed by a different key: key mismatch', async () => {
      const c = await verifiedOnce('wit-resign');
      const { note } = await latestNote(c.id);
      const cp = parseCheckpoint(note.slice(0, note.indexOf('\n\n') + 1));
      const forger = generateSignerKey(c.origin);
      const forged = signNote(formatCheckpoint({ ...cp, root: flipBit(cp.root, 0) }), forger.skey);
      await setLatestNote(c.id, forged);
      const forgerId = forger.vkey.split('+').slice(0, 2).join('+');
      expectFailure(await verify(c.url, c.state), new RegExp(`key mismatch: the checkpoint is not signed by the pinned key \\S+; it is signed by ${forgerId.replace(/[.+]/g, '\\$&')}$`, 'm'));
    });

    it('the checkpoint’s root line changed without re-signing: signature failure', async () => {
      const c = await verifiedOnce('wit-rootline');
      const { note } = await latestNote(c.id);
      const lines = note.split('\n');
      const rootAt = lines[0]!.length + 1 + lines[1]!.length + 1;
      await setLatestNote(c.id, flipBase64Char(note, rootAt + 10));
      expectFailure(await verify(c.url, c.state), /checkpoint signature does not verify: invalid signature for key/);
    });

    it('a checkpoint over a wrong root signed with the log’s own (stolen) key: the tiles disagree', async () => {
      const c = await verifiedOnce('wit-stolen');
      const { note } = await latestNote(c.id);
      const cp = parseCheckpoint(note.slice(0, note.indexOf('\n\n') + 1));
      const key = await stack.app.deps.keys.current(c.id);
      await setLatestNote(c.id, signNote(formatCheckpoint({ ...cp, root: flipBit(cp.root, 31) }), key!.skey));
      expectFailure(await verify(c.url, newState()), /root mismatch: the level-0 hash tiles give root \S+ for \d+ entries, the checkpoint says \S+$/m);
    });
    it('an entry rewritten as non-canonical JSON, with every hash and the checkpoint redone under the log’s own key: the canonical-JSON check', async () => {
      const c = await activeCollective(stack, 'wit-canon');
      await stack.app.publishCheckpoints();
      const bodies = (await stack.store.read.log.list(c.id, 0, 1000)).map((e) => e.body);
      // The same JSON value, but not the canonical bytes.
      bodies[2] = bodies[2]!.replace('{', '{ ');
      const made = new Map<number, Uint8Array>();
      const read = (indexes: number[]) => indexes.map((i) => made.get(i)!);
      for (let i = 0; i < bodies.length; i++) {
        const hashes = await storedHashes(i, new TextEncoder().encode(bodies[i]!), read);
        hashes.forEach((h, j) => made.set(storedHashIndex(0, i) + j, h));
      }
      const root = await treeHash(bodies.length, read);
      const key = (await stack.app.deps.keys.current(c.id))!;
      await kysely()
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('log_entries').set({ body: bodies[2]! }).where('collective_id', '=', c.id).where('idx', '=', 2).execute();
          await trx.deleteFrom('log_hashes').where('collective_id', '=', c.id).execute();
          await trx
            .insertInto('log_hashes')
            .values([...made].map(([idx, hash]) => ({ collective_id: c.id, idx, hash })))
            .execute();
          await trx
            .updateTable('log_checkpoints')
            .set({ root, note: signNote(formatCheckpoint({ origin: key.name, size: bodies.length, root }), key.skey) })
            .where('collective_id', '=', c.id)
            .where('size', '=', bodies.length)
            .execute();
        });
      expectFailure(await verify(c.url, newState()), new RegExp(`entry 2 \\(tile/entries/000\\.p/${bodies.length}\\) is not canonical JSON: re-encoding it gives different bytes$`, 'm'));
    });
  });

  describe('verifyLog, with someone in the middle of the connection', () => {
    /** The real server, with one response replaced on the way. */
    const tampering = (match: (url: string) => boolean, change: (body: Uint8Array) => Uint8Array | string) => async (url: string) => {
      const res = await fetch(url);
      if (!match(url)) return res;
      const changed = change(new Uint8Array(await res.arrayBuffer()));
      return new Response(changed as BodyInit, { status: res.status });
    };
    const failure = async (p: Promise<unknown>): Promise<string> => {
      const e = await p.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(VerificationError);
      return (e as Error).message;
    };

    it('returns what it verified and the state to save, and saves nothing itself', async () => {
      const c = await activeCollective(stack, 'wit-pure');
      await stack.app.publishCheckpoints();
      const state = emptyState();
      const r = await verifyLog({ url: c.url, fetch: (u) => fetch(u), state, now: new Date('2026-01-02T03:04:05Z') });
      const size = await logSize(stack, c.id);
      expect(r).toMatchObject({ origin: c.origin, size, key: { source: 'first-use' }, previous: null, checked: { entries: size } });
      expect(r.state.logs[c.origin]).toMatchObject({ url: c.url, size, root: r.root, verifiedAt: '2026-01-02T03:04:05.000Z' });
      expect(state).toEqual(emptyState());
    });

    it('a level-0 tile cut short, an entry bundle missing an entry, a key swapped in transit', async () => {
      const c = await activeCollective(stack, 'wit-mitm');
      await stack.app.publishCheckpoints();
      const size = await logSize(stack, c.id);
      const run = (fetch: (u: string) => Promise<Response>) => verifyLog({ url: c.url, fetch, state: emptyState() });

      expect(await failure(run(tampering((u) => u.includes('/tile/0/'), (d) => d.slice(0, -32))))).toBe(
        `tile/0/000.p/${size}: ${(size - 1) * 32} bytes, expected ${size * 32} (${size} hashes)`,
      );
      expect(await failure(run(tampering((u) => u.includes('/tile/entries/'), (d) => d.slice(0, 2 + ((d[0]! << 8) | d[1]!)))))).toBe(
        `tile/entries/000.p/${size}: entry bundle holds 1 entries, expected ${size}`,
      );
      const other = generateSignerKey(c.origin).vkey;
      expect(await failure(run(tampering((u) => u.endsWith('/key'), () => other + '\n')))).toMatch(
        /^key mismatch: the checkpoint is not signed by the server's key \S+; it is signed by \S+$/,
      );
    });
  });

  describe('[T2] the witness state catches rollbacks and forks', () => {
    it('a state that saw a larger log than the server now serves: rollback, and the state is left as it was', async () => {
      const c = await verifiedOnce('wit-rollback');
      const state = JSON.parse(await readFile(c.state, 'utf8'));
      const size = state.logs[c.origin].size as number;
      state.logs[c.origin].size = size + 5;
      const text = JSON.stringify(state);
      await writeFile(c.state, text);
      expectFailure(await verify(c.url, c.state), new RegExp(`rollback: the server's checkpoint has size ${size}, smaller than the size ${size + 5} this witness verified on `));
      expect(await readFile(c.state, 'utf8')).toBe(text);
      // For programs: the same failure as JSON on stdout, still exit code 3.
      const json = await verify(c.url, c.state, '--json');
      expectFailure(json, /rollback: /);
      expect(JSON.parse(json.stdout)).toEqual({ ok: false, error: expect.stringMatching(/^rollback: the server's checkpoint has size /) });
    });

    it('a state that saw another root at the same size: fork', async () => {
      const c = await verifiedOnce('wit-fork');
      const state = JSON.parse(await readFile(c.state, 'utf8'));
      const size = state.logs[c.origin].size as number;
      state.logs[c.origin].root = toBase64(flipBit(fromBase64(state.logs[c.origin].root)!, 0));
      await writeFile(c.state, JSON.stringify(state));
      expectFailure(await verify(c.url, c.state), new RegExp(`fork: the server's checkpoint of size ${size} has root \\S+, but this witness verified root \\S+ for that size on `));
    });

    it('a state whose smaller tree is not a prefix of the new one: fork', async () => {
      const c = await verifiedOnce('wit-fork-prefix');
      const state = JSON.parse(await readFile(c.state, 'utf8'));
      state.logs[c.origin].root = toBase64(flipBit(fromBase64(state.logs[c.origin].root)!, 0));
      await writeFile(c.state, JSON.stringify(state));
      const oldSize = state.logs[c.origin].size as number;
      await appendFiller(stack, c.id, 3);
      await stack.app.publishCheckpoints();
      expectFailure(await verify(c.url, c.state), new RegExp(`fork: the first ${oldSize} entries of the log now have root \\S+, but the checkpoint this witness verified on \\S+ has root \\S+$`, 'm'));
    });
  });

  describe('[T2] key rotation', () => {
    it('a rotation recorded in the log is followed from the pinned old key, and the new key is pinned', async () => {
      const c = await verifiedOnce('wit-rotate');
      const old = (await stack.app.logOverview({ slug: c.slug })).verifierKey;
      const rotated = await stack.app.rotateLogKey({ slug: c.slug });
      expect(rotated.previousVerifierKey).toBe(old);
      const [entry] = await stack.store.read.log.list(c.id, 0, 1, 'log.key_rotated');

      const human = await verify(c.url, c.state);
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout).toContain(`the log rotated to it from the trusted key (log.key_rotated entry ${entry!.index}); now pinned`);
      expect(JSON.parse(await readFile(c.state, 'utf8')).logs[c.origin].vkey).toBe(rotated.verifierKey);

      const next = await verifyJson(c.url, c.state);
      expect(next.code).toBe(0);
      expect(next.json.key).toEqual({ vkey: rotated.verifierKey, id: expect.any(String), source: 'pinned' });

      // A witness holding only the old key (--key, no state) follows the rotation too.
      const fresh = await verifyJson(c.url, newState(), '--key', old);
      expect(fresh.code, fresh.stderr).toBe(0);
      expect(fresh.json.key).toMatchObject({ source: 'rotated', rotatedFrom: old, vkey: rotated.verifierKey, rotationEntries: [entry!.index] });
    });

    it('a key swapped without a rotation entry in the log is refused', async () => {
      const c = await verifiedOnce('wit-swap');
      const old = (await stack.app.logOverview({ slug: c.slug })).verifierKey;
      // The key file is replaced behind the log's back: no log.key_rotated entry.
      const { current } = await stack.app.deps.keys.rotate(c.id, generateSignerKey(c.origin));
      await appendFiller(stack, c.id, 2);
      await stack.app.publishCheckpoints();
      const id = (vkey: string) => vkey.split('+').slice(0, 2).join('+').replace(/[.+]/g, '\\$&');
      const before = await readFile(c.state, 'utf8');
      expectFailure(
        await verify(c.url, c.state),
        new RegExp(`key changed without a logged rotation: the server's key ${id(current.vkey)} is not the pinned key ${id(old)}, and the verified log holds no log\\.key_rotated entry leading from ${id(old)} to it$`, 'm'),
      );
      expect(await readFile(c.state, 'utf8')).toBe(before);
    });

    it('--key with another key of the same name is refused; with a key for another log too', async () => {
      const c = await verifiedOnce('wit-otherkey');
      const other = generateSignerKey(c.origin).vkey;
      expectFailure(await verify(c.url, newState(), '--key', other), /key changed without a logged rotation: the server's key \S+ is not the key given with --key \S+, and the verified log holds no log\.key_rotated entry/);
      const elsewhere = generateSignerKey('steward.test/collectives/someone-else').vkey;
      expectFailure(await verify(c.url, newState(), '--key', elsewhere), /is for "steward\.test\/collectives\/wit-otherkey", but the key given with --key is for "steward\.test\/collectives\/someone-else"/);
      expectFailure(await verify(c.url, newState(), '--key', 'not-a-key'), /--key is not a valid verifier key/);
    });
  });

  it('explains itself with --help', async () => {
    const help = await steward(['log', 'verify', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['<url>', '--state', '--key', '--json', 'XDG_STATE_HOME']) expect(help.stdout).toContain(flag);
    expect((await steward(['log', '--help'])).stdout).toContain('verify');
  });

  it('an unreachable server or an unknown log fails with exit code 3 and one line', async () => {
    expectFailure(await verify(`${stack.url}/collectives/no-such-collective/log/`, newState()), /collectives\/no-such-collective\/log\/key answered 404/);
    const port = await closedPort();
    expectFailure(await verify(`http://127.0.0.1:${port}/collectives/x/log/`, newState()), new RegExp(`^Error: cannot fetch http://127\\.0\\.0\\.1:${port}/collectives/x/log/key: .*ECONNREFUSED`));
    expectFailure(await verify('ftp://example.org/log/', newState()), /only http and https logs can be fetched/);
    const state = newState();
    await writeFile(state, '{"not":"a state"}');
    expectFailure(await verify(`${stack.url}/collectives/x/log/`, state), /is not a version 1 witness state/);
    expect(existsSync(newState())).toBe(false);
  });
});

describe('the checkpoint the witness pins', () => {
  it('is the server’s signed note, verifiable with the pinned key', async () => {
    const c = await verifiedOnce('wit-evidence');
    const pinned = JSON.parse(await readFile(c.state, 'utf8')).logs[c.origin];
    const cp = parseCheckpoint(openNote(pinned.checkpoint, pinned.vkey).text);
    expect([cp.origin, cp.size, toBase64(cp.root)]).toEqual([c.origin, pinned.size, pinned.root]);
  });
});
