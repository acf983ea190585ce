import { randomUUID } from 'node:crypto';
import {
  charterDigest,
  ConflictError,
  decidedFields,
  evaluateRequest,
  applicableVetoRights,
  outcomeStatus,
  tallyRecord,
  validateCharter,
  type AccessRequestTerms,
  type Ballot,
  type Delegation,
  type Proposal,
  type Repositories,
  type TallyResult,
  type Veto,
} from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog, scopedPseudonym, type LogEvent } from '../../log/append.ts';
import { proposalDetail } from './read.ts';
import { charterVersion, proposalIn } from './support.ts';

/**
 * Closing a vote and deciding it. One transaction moves the proposal open → closed FIRST — the
 * store then accepts no more ballots for it, and of two closers only one gets past this step —
 * then reads the electorate, the ballots, the delegations in force at the close (when the charter
 * allowed them at the opening) and the vetoes cast in time, counts them with the pure tally, and
 * records the outcome. Only a passed proposal changes anything (rule G2): a passed amendment is
 * adopted as the next charter version, a passed access request is marked approved in its payload
 * (`payload.decision`) for the grant that issue 7 will issue from it.
 *
 * The tally is run on the voters' per-proposal pseudonyms, exactly as a recount from the log
 * runs it (rule G3), and its digest is logged with the outcome.
 */

const DAY_MS = 86_400_000;

/** What a decided proposal changed, kept in its payload as `decision`. */
export type Effect =
  | { effect: 'none' }
  | { effect: 'charter_adopted'; charterVersion: number; digest: string }
  | { effect: 'charter_invalid'; reason: string }
  | { effect: 'request_approved'; charterVersion: number; rule: string }
  | { effect: 'request_refused_by_charter'; charterVersion: number; rule: string; reason: string };

async function effectOf(tx: Repositories, p: Proposal, status: string, now: Date, events: LogEvent[], actorUserId: string | 'system'): Promise<Effect> {
  if (status !== 'passed') return { effect: 'none' };
  const current = await tx.governance.currentCharter(p.collectiveId);
  if (!current) return { effect: 'none' };
  if (p.kind === 'charter_amendment') {
    let charter;
    try {
      charter = validateCharter(p.payload.charter);
    } catch (error) {
      // Validated when drafted and opened; a newer validator refusing it must not adopt it.
      return { effect: 'charter_invalid', reason: (error as Error).message };
    }
    const digest = charterDigest(charter);
    const version = current.version + 1;
    await tx.governance.adoptCharter({ collectiveId: p.collectiveId, version, charter, digest, adoptedAt: now, proposalId: p.id });
    events.push({ type: 'charter.adopted', actorUserId, refs: { kind: charter.kind, proposal: p.id }, counts: { version }, digests: { charter: digest } });
    return { effect: 'charter_adopted', charterVersion: version, digest };
  }
  if (p.kind === 'access_request') {
    // G1: even a passed request is approved only if the charter in force still lets it be voted on.
    const decision = evaluateRequest(current.charter, p.payload.terms as AccessRequestTerms);
    if (decision.outcome === 'forbidden') return { effect: 'request_refused_by_charter', charterVersion: current.version, rule: decision.rule, reason: decision.reason };
    return { effect: 'request_approved', charterVersion: current.version, rule: decision.rule };
  }
  return { effect: 'none' };
}

/**
 * Decides one open proposal whose period has ended. Returns false when another closer got there
 * first (nothing is written then).
 */
export async function decideProposal(deps: Deps, p: Proposal, actorUserId: string | 'system'): Promise<boolean> {
  const now = deps.clock.now();
  if (!p.rule || !p.openedAt || !p.closesAt || !p.charterVersion) throw new ConflictError('proposal_not_open', 'This proposal was never opened.');
  const rule = p.rule;
  const closes = p.closesAt;
  const charter = (await charterVersion(deps.store.read, p.collectiveId, p.charterVersion)).charter;
  return deps.store.transact(async (tx) => {
    if (!(await tx.governance.transition(p.collectiveId, p.id, 'open', 'closed', { closedAt: now }))) return false;
    const salt = await tx.collectives.logSalt(p.collectiveId);
    const alias = (userId: string) => scopedPseudonym(salt, p.id, userId);
    const [members, stored, vetoRows] = await Promise.all([tx.governance.electorate(p.id), tx.governance.ballots(p.id), tx.governance.vetoes(p.id)]);
    const inElectorate = new Set(members);
    const ballots: Ballot[] = stored.filter((b) => b.castAt.getTime() < closes.getTime()).map((b) => ({ voterId: alias(b.voterId), choice: b.choice, castAt: b.castAt }));

    // Delegations in force at the close, on this topic or on everything, between members of the
    // electorate; none when the charter did not allow delegation when the vote opened.
    const live = charter.delegation.allowed ? await tx.governance.activeDelegations(p.collectiveId, closes) : [];
    const counted = live.filter((d) => (d.topic === p.kind || d.topic === '*') && inElectorate.has(d.delegatorId) && inElectorate.has(d.delegateId));
    const delegations: Delegation[] = counted.map((d) => ({ delegatorId: alias(d.delegatorId), delegateId: alias(d.delegateId), topic: d.topic, createdAt: now }));

    // Only holders of a right the charter gives over this proposal, within the period.
    const terms = p.kind === 'access_request' ? (p.payload.terms as AccessRequestTerms) : undefined;
    const holders = new Set(applicableVetoRights(charter, p.kind, terms).map((v) => v.holder));
    const vetoes: Veto[] = vetoRows
      .filter((v) => holders.has(v.holder) && v.at.getTime() >= p.openedAt!.getTime() && v.at.getTime() < closes.getTime())
      .map((v) => ({ holder: v.holder, vetoerId: v.vetoerId, reason: v.reason, at: v.at }));

    const result: TallyResult = tallyRecord({ rule, topic: p.kind, options: p.options, electorate: members.map(alias), ballots, delegations, vetoes });
    const status = outcomeStatus(result);
    const adoption: LogEvent[] = [];
    const effect = await effectOf(tx, p, status, now, adoption, actorUserId);
    const moved = await tx.governance.transition(p.collectiveId, p.id, 'closed', status, { result, payload: { ...p.payload, decision: effect } });
    if (!moved) throw new ConflictError('proposal_decided', 'This proposal was decided meanwhile.');
    await appendLog(tx, p.collectiveId, now, [
      ...counted.map((d): LogEvent => ({ type: 'delegation.counted', actorUserId: d.delegatorId, subjectUserId: d.delegateId, scope: p.id, refs: { proposal: p.id, topic: d.topic } })),
      { type: 'proposal.decided', actorUserId, ...decidedFields(p.id, result, effect.effect) },
      ...adoption,
    ]);
    const notify = new Set([...members, p.createdBy]);
    await tx.governance.addNotifications([...notify].map((userId) => ({ id: randomUUID(), userId, collectiveId: p.collectiveId, kind: 'proposal.decided' as const, proposalId: p.id, createdAt: now, readAt: null })));
    return true;
  });
}

/** A steward closes a vote whose period has ended (the server also does this on its own). */
export async function closeProposal(deps: Deps, input: { actor: Actor | null; slug: string; proposalId: string }) {
  const { collective, roles, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'proposals.close');
  const p = await proposalIn(deps.store.read, collective, input.proposalId);
  if (p.status !== 'open') throw new ConflictError(p.status === 'draft' ? 'proposal_is_draft' : 'proposal_decided', `This proposal is ${p.status}; only an open vote can be closed.`);
  if (p.closesAt && deps.clock.now().getTime() < p.closesAt.getTime()) {
    throw new ConflictError('voting_still_open', `Voting runs until ${p.closesAt.toISOString()}; it can be closed after that.`);
  }
  if (!(await decideProposal(deps, p, actor.userId))) throw new ConflictError('proposal_decided', 'This proposal was decided meanwhile.');
  return proposalDetail(deps, collective, roles, actor, await proposalIn(deps.store.read, collective, p.id));
}

/**
 * The closing job, run by the server every few seconds: decides every open proposal whose period
 * has ended, then sends the closing-soon notices (24 hours before a close). A failure on one
 * proposal does not stop the others; the failures are returned for the caller to report.
 */
export async function closeDueProposals(deps: Deps): Promise<{ decided: number; notified: number; failures: Array<{ proposalId: string; error: string }> }> {
  const now = deps.clock.now();
  const failures: Array<{ proposalId: string; error: string }> = [];
  let decided = 0;
  for (const p of await deps.store.read.governance.dueToClose(now)) {
    try {
      if (await decideProposal(deps, p, 'system')) decided += 1;
    } catch (error) {
      failures.push({ proposalId: p.id, error: (error as Error).message });
    }
  }
  let notified = 0;
  for (const p of await deps.store.read.governance.closingSoon(now, new Date(now.getTime() + DAY_MS))) {
    await deps.store.transact(async (tx) => {
      const members = await tx.governance.electorate(p.id);
      await tx.governance.addNotifications(members.map((userId) => ({ id: randomUUID(), userId, collectiveId: p.collectiveId, kind: 'proposal.closing_soon' as const, proposalId: p.id, createdAt: now, readAt: null })));
      await tx.governance.markClosingSoonSent(p.id);
    });
    notified += 1;
  }
  return { decided, notified, failures };
}
