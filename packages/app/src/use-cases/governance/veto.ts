import { acceptsBallots, applicableVetoRights, ConflictError, ForbiddenError, ValidationError, type AccessRequestTerms } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog } from '../../log/append.ts';
import { charterVersion, proposalIn } from './support.ts';
import { heldVetoRights } from './veto-rights.ts';

const MAX_REASON = 2000;

/**
 * Vetoes an open proposal: only a holder of a veto right the charter (the version the vote opened
 * under) gives over this proposal, while the vote is open, with a stated reason. The reason is
 * stored for members to read but never logged (member free text, rule T3); the log says which
 * body vetoed. A vetoed proposal yields nothing (rule G2).
 */
export async function vetoProposal(deps: Deps, input: { actor: Actor | null; slug: string; proposalId: string; reason: string; holder?: string }) {
  const { collective, roles, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'proposals.veto');
  const p = await proposalIn(deps.store.read, collective, input.proposalId);
  const now = deps.clock.now();
  if (!p.rule || !p.openedAt || !p.charterVersion || !acceptsBallots(p.status, p.openedAt, p.rule, now)) {
    throw new ConflictError('proposal_not_open', 'A veto is possible only while the vote is open.');
  }
  const charter = (await charterVersion(deps.store.read, collective.id, p.charterVersion)).charter;
  const terms = p.kind === 'access_request' ? (p.payload.terms as AccessRequestTerms) : undefined;
  const held = heldVetoRights(applicableVetoRights(charter, p.kind, terms), roles, actor.userId);
  if (held.length === 0) throw new ForbiddenError('The charter gives you no veto over this proposal.');
  const right = input.holder === undefined ? held[0]! : held.find((v) => v.holder === input.holder);
  if (!right) throw ValidationError.field('holder', `you hold a veto as ${held.map((v) => v.holder).join(', ')} only`);
  const reason = input.reason.trim();
  if (reason === '' || reason.length > MAX_REASON) throw ValidationError.field('reason', `a veto must say why, in 1–${MAX_REASON} characters`);

  await deps.store.transact(async (tx) => {
    // A no-op move open → open locks the proposal's row until this commits, so a closer either
    // decides before this veto (which then fails here) or after it (and counts it).
    if (!(await tx.governance.transition(collective.id, p.id, 'open', 'open', {}))) throw new ConflictError('proposal_not_open', 'Voting on this proposal has closed.');
    const earlier = await tx.governance.vetoes(p.id);
    if (earlier.some((v) => v.vetoerId === actor.userId && v.holder === right.holder)) {
      throw new ConflictError('already_vetoed', `You have already vetoed this proposal as ${right.holder}.`);
    }
    await tx.governance.addVeto({ proposalId: p.id, holder: right.holder, vetoerId: actor.userId, reason, at: now });
    await appendLog(tx, collective.id, now, [{ type: 'proposal.vetoed', actorUserId: actor.userId, refs: { proposal: p.id, holder: right.holder } }]);
  });
  return { holder: right.holder, at: now.toISOString() };
}
