import { formatCheckpoint, signNote, treeHash } from '@steward/core';
import type { Deps } from '../../context.ts';

/**
 * Signs and keeps a checkpoint for every log that has grown since its last one. Run every few
 * seconds by the server; safe to run concurrently (a checkpoint of a given size is kept once).
 * Returns how many were published.
 */
export async function publishCheckpoints(deps: Deps): Promise<number> {
  const due = await deps.store.read.log.uncheckpointed();
  let published = 0;
  for (const { collectiveId, size } of due) {
    if (await publishCheckpoint(deps, collectiveId, size)) published++;
  }
  return published;
}

/**
 * Signs the checkpoint of the collective's log at `size` with the current key (and any extra
 * signer keys, for a rotation); false when it has no signing key.
 */
export async function publishCheckpoint(deps: Deps, collectiveId: string, size: number, extraSigners: string[] = []): Promise<boolean> {
  const key = await deps.keys.current(collectiveId);
  if (!key) return false;
  const root = await treeHash(size, (indexes) => deps.store.read.log.readHashes(collectiveId, indexes));
  const note = signNote(formatCheckpoint({ origin: key.name, size, root }), [key.skey, ...extraSigners]);
  await deps.store.transact((tx) => tx.log.addCheckpoint({ collectiveId, size, root, note }));
  return true;
}
