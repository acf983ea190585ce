import { acceptsBallots, ballotFields, ConflictError, ForbiddenError, validateBallot } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog, scopedPseudonym } from '../../log/append.ts';
import { proposalIn } from './support.ts';

/**
 * Casts or changes the actor's ballot. A member of the proposal's electorate may vote while the
 * period runs and change their ballot until the close (the latest counts). Each ballot is logged
 * under the voter's pseudonym for this proposal only, with the choice as ids and numbers (never
 * an objection's reason), so the vote can be recounted from the log (G3) without linking ballots
 * to anything else the voter did (T3).
 */
export async function castBallot(deps: Deps, input: { actor: Actor | null; slug: string; proposalId: string; choice: unknown }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'proposals.vote');
  const p = await proposalIn(deps.store.read, collective, input.proposalId);
  const now = deps.clock.now();
  if (!p.rule || !p.openedAt || !acceptsBallots(p.status, p.openedAt, p.rule, now)) {
    throw new ConflictError('proposal_not_open', p.status === 'draft' ? 'This proposal is not open for voting yet.' : 'Voting on this proposal has closed.');
  }
  const electorate = await deps.store.read.governance.electorate(p.id);
  if (!electorate.includes(actor.userId)) throw new ForbiddenError('You were not a member when this vote opened, so you cannot vote on it.');
  const choice = validateBallot(input.choice, p.rule, p.options);
  return deps.store.transact(async (tx) => {
    // addBallot refuses unless the proposal is still open, and holds it open until this commits:
    // a closer that moved it on first makes this fail; otherwise the closer counts this ballot.
    const stored = await tx.governance.addBallot({ proposalId: p.id, voterId: actor.userId, choice, castAt: now });
    const fields = ballotFields(p.id, choice, p.options);
    const logIndex = await appendLog(tx, collective.id, now, [{ type: 'ballot.cast', actorUserId: actor.userId, scope: p.id, ...fields }]);
    const salt = await tx.collectives.logSalt(collective.id);
    return { choice: stored.choice, castAt: stored.castAt.toISOString(), pseudonym: scopedPseudonym(salt, p.id, actor.userId), logIndex };
  });
}
