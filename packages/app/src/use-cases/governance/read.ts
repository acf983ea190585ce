import {
  acceptsBallots,
  applicableVetoRights,
  charterDiff,
  evaluateRequest,
  isDecided,
  latestBallots,
  PROPOSAL_STATUSES,
  ValidationError,
  type AccessRequestTerms,
  type Charter,
  type Collective,
  type Proposal,
  type ProposalStatus,
  type Role,
  type TallyResult,
} from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { scopedPseudonym } from '../../log/append.ts';
import { heldVetoRights } from './veto-rights.ts';
import { charterInForce, charterVersion, inOrder, iso, proposalIn } from './support.ts';

/**
 * Reading proposals. While a vote is open nobody sees individual ballots, only how many members
 * have voted; each member sees their own ballot. A decided proposal shows its result and why.
 */

export const proposalSummary = (p: Proposal) => ({
  id: p.id,
  kind: p.kind,
  title: p.title,
  status: p.status,
  createdAt: p.createdAt.toISOString(),
  openedAt: iso(p.openedAt),
  closesAt: iso(p.closesAt),
  closedAt: iso(p.closedAt),
});

/** A result as shown to people: everything but each voter's weight (kept in the log under pseudonyms). */
function resultView(r: TallyResult) {
  return {
    outcome: r.outcome,
    method: r.method,
    electorate: r.electorate,
    turnout: r.turnout,
    quorumMet: r.quorumMet,
    counts: Object.fromEntries(Object.entries(r.counts).filter(([k]) => !k.startsWith('cost:'))),
    winners: r.winners ?? null,
    reasons: r.reasons,
  };
}

/** Proposals of the collective, newest first, optionally only some statuses. */
export async function listProposals(deps: Deps, input: { actor: Actor | null; slug: string; status?: string; limit: number; cursor?: string }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'governance.view');
  let statuses: ProposalStatus[] | undefined;
  if (input.status) {
    const wanted = input.status.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = wanted.filter((s) => !(PROPOSAL_STATUSES as readonly string[]).includes(s));
    if (bad.length > 0) throw ValidationError.field('status', `not a status: ${bad.join(', ')}; use ${PROPOSAL_STATUSES.join(', ')}`);
    statuses = wanted as ProposalStatus[];
  }
  const page = await deps.store.read.governance.listProposals(collective.id, statuses ? { statuses } : {}, { limit: input.limit, cursor: input.cursor ?? null });
  return { items: page.items.map(proposalSummary), next: page.next };
}

/** The charter the proposal is judged by: the version it opened under, else the one in force. */
async function judgingCharter(deps: Deps, collective: Collective, p: Proposal): Promise<Charter> {
  return p.charterVersion ? (await charterVersion(deps.store.read, collective.id, p.charterVersion)).charter : (await charterInForce(deps.store.read, collective)).charter;
}

/** Everything about one proposal a member of the collective may see. */
export async function proposalDetail(deps: Deps, collective: Collective, roles: Role[], actor: Actor, p: Proposal) {
  const read = deps.store.read;
  const now = deps.clock.now();
  const [author, electorate, ballots, vetoes, comments, charter, inForce] = await Promise.all([
    read.users.byId(p.createdBy),
    read.governance.electorate(p.id),
    read.governance.ballots(p.id),
    read.governance.vetoes(p.id),
    read.governance.comments(p.id),
    judgingCharter(deps, collective, p),
    charterInForce(read, collective),
  ]);
  const commenters = new Map<string, string>();
  for (const id of new Set(comments.map((c) => c.authorId))) commenters.set(id, (await read.users.byId(id))?.displayName ?? 'A former member');
  const terms = p.kind === 'access_request' ? (p.payload.terms as AccessRequestTerms) : undefined;
  const open = p.status === 'open' && p.openedAt && p.rule ? acceptsBallots(p.status, p.openedAt, p.rule, now) : false;
  const mine = p.createdBy === actor.userId;
  const inElectorate = electorate.includes(actor.userId);
  const held = p.status === 'open' ? heldVetoRights(applicableVetoRights(charter, p.kind, terms), roles, actor.userId) : [];
  let changes = null;
  let payload = p.payload;
  if (p.kind === 'charter_amendment') {
    // Against the charter it would replace: the one in force, or once adopted the version before it.
    const proposed = inOrder(p.payload.charter);
    payload = { ...p.payload, charter: proposed };
    const adopted = (await read.governance.charterVersions(collective.id)).find((v) => v.proposalId === p.id);
    const before = adopted ? (await charterVersion(read, collective.id, adopted.version - 1)).charter : inForce.charter;
    changes = charterDiff(before, proposed);
  }
  return {
    ...proposalSummary(p),
    body: p.body,
    options: p.options,
    payload,
    author: author?.displayName ?? 'A former member',
    mine,
    rule: p.rule,
    charterVersion: p.charterVersion,
    electorate: electorate.length,
    ballotsCast: latestBallots(ballots).size,
    vetoes: vetoes.map((v) => ({ holder: v.holder, reason: v.reason, at: v.at.toISOString() })),
    comments: comments.map((c) => ({ id: c.id, author: commenters.get(c.authorId)!, mine: c.authorId === actor.userId, body: c.body, createdAt: c.createdAt.toISOString() })),
    result: isDecided(p.status) && p.result ? resultView(p.result) : null,
    changes,
    evaluation: terms && !isDecided(p.status) ? evaluateRequest(inForce.charter, terms) : null,
    can: {
      edit: mine && p.status === 'draft',
      open: p.status === 'draft' && (mine || roles.includes('steward')),
      vote: open && inElectorate && roles.includes('member'),
      veto: open ? [...new Set(held.map((v) => v.holder))] : [],
      close: p.status === 'open' && roles.includes('steward') && !!p.closesAt && now.getTime() >= p.closesAt.getTime(),
    },
  };
}

export async function getProposal(deps: Deps, input: { actor: Actor | null; slug: string; proposalId: string }) {
  const { collective, roles, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'governance.view');
  const p = await proposalIn(deps.store.read, collective, input.proposalId);
  return proposalDetail(deps, collective, roles, actor, p);
}

/**
 * The actor's own ballot on a proposal (the latest counts) and their pseudonym on it, with which
 * they can find their ballot in the public log and check it was counted as cast.
 */
export async function myBallot(deps: Deps, input: { actor: Actor | null; slug: string; proposalId: string }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'governance.view');
  const p = await proposalIn(deps.store.read, collective, input.proposalId);
  const [electorate, ballots, salt] = await Promise.all([
    deps.store.read.governance.electorate(p.id),
    deps.store.read.governance.ballots(p.id),
    deps.store.read.collectives.logSalt(collective.id),
  ]);
  const own = latestBallots(ballots.filter((b) => b.voterId === actor.userId)).get(actor.userId);
  return {
    inElectorate: electorate.includes(actor.userId),
    pseudonym: electorate.includes(actor.userId) ? scopedPseudonym(salt, p.id, actor.userId) : null,
    ballot: own ? { choice: own.choice, castAt: own.castAt.toISOString(), changes: ballots.filter((b) => b.voterId === actor.userId).length - 1 } : null,
  };
}
