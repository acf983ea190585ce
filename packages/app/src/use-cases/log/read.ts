import {
  ConflictError,
  createReceipt,
  NotFoundError,
  proveRecord,
  proveTree,
  toBase64,
  leafHash,
  ValidationError,
  type Collective,
  type StoredLogEntry,
} from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { pseudonym } from '../../log/append.ts';
import { publishCheckpoint } from './publish.ts';

/**
 * Reading a collective's transparency log. The log is public — anyone may audit it — and holds
 * no personal data (rule T3), so these use-cases need no actor, except "entries about me".
 */

const encoder = new TextEncoder();

async function publicCollective(deps: Deps, slug: string): Promise<Collective> {
  const c = await deps.store.read.collectives.bySlug(slug.trim().toLowerCase());
  if (!c) throw new NotFoundError('collective', `No collective "${slug}".`);
  return c;
}

const entryView = (e: StoredLogEntry) => ({ index: e.index, body: e.body, createdAt: e.createdAt.toISOString() });
const checkpointView = (c: { size: number; root: Uint8Array; note: string; createdAt: Date }, origin: string) => ({
  origin,
  size: c.size,
  rootHash: toBase64(c.root),
  note: c.note,
  createdAt: c.createdAt.toISOString(),
});

/** Origin, keys, size and the latest signed checkpoint. */
export async function logOverview(deps: Deps, input: { slug: string }) {
  const c = await publicCollective(deps, input.slug);
  const [key, vkeys, size, cp] = await Promise.all([
    deps.keys.current(c.id),
    deps.keys.verifierKeys(c.id),
    deps.store.read.log.size(c.id),
    deps.store.read.log.latestCheckpoint(c.id),
  ]);
  if (!key) throw new NotFoundError('log key', 'This collective’s log has no signing key.');
  return { origin: key.name, verifierKey: key.vkey, verifierKeys: vkeys, size, checkpoint: cp ? checkpointView(cp, key.name) : null };
}

/** Entries from an index, optionally of one type. */
export async function logEntries(deps: Deps, input: { slug: string; from: number; limit: number; type?: string }) {
  const c = await publicCollective(deps, input.slug);
  const items = await deps.store.read.log.list(c.id, input.from, input.limit + 1, input.type);
  const page = items.slice(0, input.limit);
  return { items: page.map(entryView), next: items.length > input.limit ? items[input.limit]!.index : null };
}

/** The entries whose subject is the actor, found by their pseudonym in this collective. */
export async function myLogEntries(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'collective.view');
  const me = pseudonym(await deps.store.read.collectives.logSalt(collective.id), actor.userId);
  const items = await deps.store.read.log.listBySubject(collective.id, me, 1000);
  return { pseudonym: me, items: items.map(entryView) };
}

async function checkSize(deps: Deps, collectiveId: string, size: number, field: string) {
  const logSize = await deps.store.read.log.size(collectiveId);
  if (size > logSize) throw ValidationError.field(field, `the log has only ${logSize} entries`);
}

const hashReader = (deps: Deps, collectiveId: string) => (indexes: number[]) => deps.store.read.log.readHashes(collectiveId, indexes);

/** Inclusion proof of entry `index` in the tree of `size` entries (RFC 9162 §2.1.3). */
export async function inclusionProof(deps: Deps, input: { slug: string; index: number; size: number }) {
  const c = await publicCollective(deps, input.slug);
  await checkSize(deps, c.id, input.size, 'size');
  if (input.index >= input.size) throw ValidationError.field('index', 'must be smaller than size');
  const [entry] = await deps.store.read.log.list(c.id, input.index, 1);
  const proof = await proveRecord(input.index, input.size, hashReader(deps, c.id));
  return { index: input.index, size: input.size, leafHash: toBase64(leafHash(encoder.encode(entry!.body))), proof: proof.map(toBase64) };
}

/** Consistency proof between the trees of `from` and `to` entries (RFC 9162 §2.1.4). */
export async function consistencyProof(deps: Deps, input: { slug: string; from: number; to: number }) {
  const c = await publicCollective(deps, input.slug);
  await checkSize(deps, c.id, input.to, 'to');
  if (input.from > input.to) throw ValidationError.field('from', 'must not be larger than to');
  const proof = await proveTree(input.from, input.to, hashReader(deps, c.id));
  return { from: input.from, to: input.to, proof: proof.map(toBase64) };
}

/**
 * A receipt for one entry: the entry, its inclusion proof and the signed checkpoint it verifies
 * against. An entry newer than the latest checkpoint gets a checkpoint made for it now.
 */
export async function logReceipt(deps: Deps, input: { slug: string; index: number }) {
  const c = await publicCollective(deps, input.slug);
  const [entry] = await deps.store.read.log.list(c.id, input.index, 1);
  if (!entry || entry.index !== input.index) throw new NotFoundError('log entry', `The log has no entry ${input.index}.`);
  let cp = await deps.store.read.log.latestCheckpoint(c.id);
  if (!cp || cp.size <= input.index) {
    await publishCheckpoint(deps, c.id, await deps.store.read.log.size(c.id));
    cp = await deps.store.read.log.latestCheckpoint(c.id);
    if (!cp || cp.size <= input.index) throw new ConflictError('not_checkpointed', 'This entry is not in a signed checkpoint yet; try again in a few seconds.');
  }
  const proof = await proveRecord(input.index, cp.size, hashReader(deps, c.id));
  return {
    ...createReceipt({ entry: entry.body, index: entry.index, proof, checkpoint: cp.note }),
    entry: { text: entry.body },
    leafHash: toBase64(leafHash(encoder.encode(entry.body))),
    loggedAt: entry.createdAt.toISOString(),
    verifierKeys: await deps.keys.verifierKeys(c.id),
  };
}
