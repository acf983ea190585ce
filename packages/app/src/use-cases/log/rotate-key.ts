import { generateSignerKey, NotFoundError } from '@steward/core';
import type { Deps } from '../../context.ts';
import { appendLog } from '../../log/append.ts';
import { publishCheckpoint, publishCheckpoints } from './publish.ts';

/**
 * `steward log rotate-key`: a new signing key for the collective's log. The rotation is itself a
 * log entry naming the old and the new verifier key, and the first checkpoint that contains it
 * is signed by both keys: a witness that trusts the old key sees the old key vouch for the
 * change, and from then on the new key alone signs.
 */
export async function rotateLogKey(deps: Deps, input: { slug: string }) {
  const collective = await deps.store.read.collectives.bySlug(input.slug);
  if (!collective) throw new NotFoundError('collective', `No collective "${input.slug}".`);
  const previous = await deps.keys.current(collective.id);
  if (!previous) throw new NotFoundError('log key', 'This collective’s log has no signing key to rotate.');
  // Checkpoint everything so far under the old key first.
  await publishCheckpoints(deps);
  const next = generateSignerKey(previous.name);
  await deps.store.transact((tx) =>
    appendLog(tx, collective.id, deps.clock.now(), [{ type: 'log.key_rotated', actorUserId: 'system', refs: { vkey: next.vkey, previous: previous.vkey } }]),
  );
  // If the process dies here, the old key stays in force and the logged rotation never takes
  // effect: a witness following rotations would keep trusting the old key, which still signs.
  await deps.keys.rotate(collective.id, next);
  await publishCheckpoint(deps, collective.id, await deps.store.read.log.size(collective.id), [previous.skey]);
  return { verifierKey: next.vkey, previousVerifierKey: previous.vkey };
}
