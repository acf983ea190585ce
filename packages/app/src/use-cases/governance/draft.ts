import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, type Proposal } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog } from '../../log/append.ts';
import { validateDraft, type DraftInput } from './proposal-input.ts';
import { charterInForce, contentDigest, proposalIn } from './support.ts';
import { proposalDetail } from './read.ts';

/**
 * Drafting a proposal: a member or steward writes it; only its author edits it while it is a
 * draft. Only a digest of what it says enters the log (rule T3: no free text in the log).
 */
export async function createProposal(deps: Deps, input: { actor: Actor | null; slug: string; proposal: DraftInput }) {
  const { collective, roles, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'proposals.create');
  const charter = await charterInForce(deps.store.read, collective);
  const draft = validateDraft(input.proposal, charter.charter);
  const now = deps.clock.now();
  const proposal: Proposal = {
    id: randomUUID(),
    collectiveId: collective.id,
    kind: draft.kind,
    title: draft.title,
    body: draft.body,
    options: draft.options,
    payload: draft.payload,
    status: 'draft',
    rule: null,
    charterVersion: null,
    createdBy: actor.userId,
    createdAt: now,
    openedAt: null,
    closesAt: null,
    closedAt: null,
    result: null,
  };
  await deps.store.transact(async (tx) => {
    await tx.governance.createProposal(proposal);
    await appendLog(tx, collective.id, now, [
      { type: 'proposal.created', actorUserId: actor.userId, refs: { proposal: proposal.id, kind: proposal.kind }, digests: { content: contentDigest(proposal) } },
    ]);
  });
  return proposalDetail(deps, collective, roles, actor, proposal);
}

/** Changes a draft; only its author may, and only while it is a draft. */
export async function updateProposal(deps: Deps, input: { actor: Actor | null; slug: string; proposalId: string; changes: Partial<Omit<DraftInput, 'kind'>> }) {
  const { collective, roles, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'proposals.create');
  const current = await proposalIn(deps.store.read, collective, input.proposalId);
  if (current.createdBy !== actor.userId) throw new ForbiddenError('Only the author of a draft can change it.');
  if (current.status !== 'draft') throw new ConflictError('proposal_not_draft', 'This proposal is no longer a draft; it cannot be changed.');
  const charter = await charterInForce(deps.store.read, collective);
  const draft = validateDraft(
    {
      kind: current.kind,
      title: input.changes.title ?? current.title,
      body: input.changes.body ?? current.body,
      options: input.changes.options ?? current.options,
      payload: input.changes.payload ?? current.payload,
    },
    charter.charter,
  );
  const now = deps.clock.now();
  const changes = { title: draft.title, body: draft.body, options: draft.options, payload: draft.payload };
  await deps.store.transact(async (tx) => {
    if (!(await tx.governance.transition(collective.id, current.id, 'draft', 'draft', changes))) {
      throw new ConflictError('proposal_not_draft', 'This proposal was opened meanwhile; it cannot be changed.');
    }
    await appendLog(tx, collective.id, now, [{ type: 'proposal.edited', actorUserId: actor.userId, refs: { proposal: current.id }, digests: { content: contentDigest({ ...current, ...changes }) } }]);
  });
  return proposalDetail(deps, collective, roles, actor, { ...current, ...changes });
}
