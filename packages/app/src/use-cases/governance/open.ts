import { randomUUID } from 'node:crypto';
import { canonicalJson, closesAt, ConflictError, ForbiddenError, openedFields, validateCharter, ValidationError, type AccessRequestTerms } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog, scopedPseudonym } from '../../log/append.ts';
import { optionIssues, requireVote, ruleKind } from './proposal-input.ts';
import { proposalDetail } from './read.ts';
import { charterInForce, contentDigest, currentMembers, proposalIn } from './support.ts';

/**
 * Opens a draft for voting (its author, or a steward). The charter's rule for its kind is copied
 * into the proposal with the charter's version, so a later amendment cannot change a running vote;
 * the electorate is fixed as the members of the collective now; voting closes after the rule's
 * period. The opening entry logs the rule as numbers and the electorate's size and digest, which
 * with the ballots' entries is enough to recount the vote from the log (rule G3).
 */
export async function openProposal(deps: Deps, input: { actor: Actor | null; slug: string; proposalId: string }) {
  const { collective, roles, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'proposals.create');
  const p = await proposalIn(deps.store.read, collective, input.proposalId);
  if (p.createdBy !== actor.userId && !roles.includes('steward')) throw new ForbiddenError('Only the author or a steward can open a proposal.');
  if (p.status !== 'draft') throw new ConflictError('proposal_not_draft', `This proposal is already ${p.status}.`);
  const charter = await charterInForce(deps.store.read, collective);

  // Checked again against the charter in force now: it may have been amended since the draft.
  let evaluation;
  if (p.kind === 'access_request') evaluation = requireVote(charter.charter, p.payload.terms as AccessRequestTerms);
  if (p.kind === 'charter_amendment') {
    const next = validateCharter(p.payload.charter);
    if (canonicalJson(next) === canonicalJson(charter.charter)) throw new ConflictError('amendment_changes_nothing', 'The charter in force already says exactly this.');
  }
  const rule = charter.charter.decisions[ruleKind(p.kind, evaluation)];
  const problems = optionIssues(rule, p.options);
  if (problems.length > 0) throw new ValidationError(problems);

  const now = deps.clock.now();
  const changes = { rule, charterVersion: charter.version, openedAt: now, closesAt: closesAt(now, rule) };
  await deps.store.transact(async (tx) => {
    if (!(await tx.governance.transition(collective.id, p.id, 'draft', 'open', changes))) throw new ConflictError('proposal_not_draft', 'This proposal was opened meanwhile.');
    const members = await currentMembers(tx, collective.id);
    await tx.governance.setElectorate(p.id, members);
    const salt = await tx.collectives.logSalt(collective.id);
    const fields = openedFields({
      proposalId: p.id,
      topic: p.kind,
      rule,
      options: p.options,
      electorate: members.map((m) => scopedPseudonym(salt, p.id, m)),
      delegation: charter.charter.delegation.allowed,
      charterVersion: charter.version,
      contentDigest: contentDigest(p),
    });
    await appendLog(tx, collective.id, now, [{ type: 'proposal.opened', actorUserId: actor.userId, ...fields }]);
    await tx.governance.addNotifications(
      members.map((userId) => ({ id: randomUUID(), userId, collectiveId: collective.id, kind: 'proposal.opened' as const, proposalId: p.id, createdAt: now, readAt: null })),
    );
  });
  return proposalDetail(deps, collective, roles, actor, { ...p, ...changes, status: 'open' });
}
