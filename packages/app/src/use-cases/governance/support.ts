import { digestOf, NotFoundError, validateCharter, type Charter, type Collective, type Proposal, type Readers, type StoredCharter } from '@steward/core';

/** Shared reads of the governance use-cases. */

/**
 * A stored charter in the validator's fixed key order (the database keeps JSON in its own order),
 * so descriptions and diffs read in the document's order. Stored charters were validated.
 */
export const inOrder = (charter: unknown): Charter => validateCharter(charter);

const ordered = (c: StoredCharter): StoredCharter => ({ ...c, charter: inOrder(c.charter) });

/** The charter in force; every collective has one from its creation. */
export async function charterInForce(read: Pick<Readers, 'governance'>, collective: Collective): Promise<StoredCharter> {
  const c = await read.governance.currentCharter(collective.id);
  if (!c) throw new NotFoundError('charter', `The collective "${collective.slug}" has no charter yet.`);
  return ordered(c);
}

/** Every version, oldest first, in the document's order. */
export async function allCharterVersions(read: Pick<Readers, 'governance'>, collectiveId: string): Promise<StoredCharter[]> {
  return (await read.governance.charterVersions(collectiveId)).map(ordered);
}

/** The charter version a proposal opened under (the rules of a running vote never change). */
export async function charterVersion(read: Pick<Readers, 'governance'>, collectiveId: string, version: number): Promise<StoredCharter> {
  const c = (await allCharterVersions(read, collectiveId)).find((v) => v.version === version);
  if (!c) throw new NotFoundError('charter', `No charter version ${version}.`);
  return c;
}

export async function proposalIn(read: Pick<Readers, 'governance'>, collective: Collective, proposalId: string): Promise<Proposal> {
  const p = await read.governance.proposal(collective.id, proposalId);
  if (!p) throw new NotFoundError('proposal', 'No such proposal in this collective.');
  return p;
}

/** Digest of what a proposal says (logged when it is drafted, edited and opened; never the text itself). */
export function contentDigest(p: Pick<Proposal, 'kind' | 'title' | 'body' | 'options' | 'payload'>): string {
  return digestOf({ kind: p.kind, title: p.title, body: p.body, options: p.options, payload: p.payload });
}

/** Everyone who holds the member role now: the electorate of a proposal that opens now. */
export async function currentMembers(read: Pick<Readers, 'memberships'>, collectiveId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await read.memberships.list(collectiveId, { limit: 1000, cursor });
    for (const m of page.items) if (m.roles.includes('member')) ids.push(m.user.id);
    cursor = page.next;
  } while (cursor);
  return ids;
}

export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
