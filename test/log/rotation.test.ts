import { openNote, parseCheckpoint } from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, startStack, type Stack } from '../helpers/stack.ts';

describe('[T2] rotating a log signing key', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('pglite');
  });
  afterAll(() => stack?.close());

  it('logs the rotation and has both keys sign the first checkpoint that contains it', async () => {
    const steward = await signedUp(stack, 'rot');
    const c = await steward.client.call('createCollective', { body: { slug: 'rot', name: 'Rotation', kind: 'union' } });
    await stack.app.publishCheckpoints();
    const before = await stack.app.logOverview({ slug: 'rot' });

    const rotated = await stack.app.rotateLogKey({ slug: 'rot' });
    expect(rotated.previousVerifierKey).toBe(before.verifierKey);
    const after = await stack.app.logOverview({ slug: 'rot' });
    expect(after.verifierKey).toBe(rotated.verifierKey);
    expect(after.verifierKeys).toEqual([rotated.verifierKey, before.verifierKey]);

    // The rotation entry names both keys and is covered by the latest checkpoint…
    const entries = await stack.store.read.log.list(c.id, 0, 100, 'log.key_rotated');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.body).refs).toEqual({ vkey: rotated.verifierKey, previous: before.verifierKey });
    const cp = after.checkpoint!;
    expect(cp.size).toBe(entries[0]!.index + 1);
    // …which each key verifies on its own: the old key vouches for the new one.
    for (const key of [before.verifierKey, rotated.verifierKey]) {
      const opened = openNote(cp.note, key);
      expect(parseCheckpoint(opened.text).size).toBe(cp.size);
    }
  });
});
