import { NotFoundError } from '@steward/core';
import type { Deps } from '../../context.ts';
import { appendLog } from '../../log/append.ts';
import { publishCheckpoints } from './publish.ts';

/**
 * `steward log rotate-key`: a new signing key for the collective's log. The rotation is itself a
 * log entry naming the old and the new verifier key, signed into the tree under the old key
 * before the new key signs anything, so a witness can follow the change.
 */
export async function rotateLogKey(deps: Deps, input: { slug: string }) {
  const collective = await deps.store.read.collectives.bySlug(input.slug);
  if (!collective) throw new NotFoundError('collective', `No collective "${input.slug}".`);
  // Checkpoint everything so far under the old key first.
  await publishCheckpoints(deps);
  const { current, previous } = await deps.keys.rotate(collective.id);
  await deps.store.transact((tx) =>
    appendLog(tx, collective.id, deps.clock.now(), [{ type: 'log.key_rotated', actorUserId: 'system', refs: { vkey: current.vkey, previous: previous.vkey } }]),
  );
  await publishCheckpoints(deps);
  return { verifierKey: current.vkey, previousVerifierKey: previous.vkey };
}
