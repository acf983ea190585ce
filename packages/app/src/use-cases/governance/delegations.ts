import { randomUUID } from 'node:crypto';
import { ConflictError, DECISION_KINDS, normaliseEmail, NotFoundError, ValidationError, wouldCreateCycle, type DecisionKind, type Repositories } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog, type LogEvent } from '../../log/append.ts';
import { charterInForce } from './support.ts';

/**
 * Delegation (liquid democracy): a member lets another member vote for them on one kind of
 * decision, or on everything (`*`); voting directly always overrides it, and it can be revoked at
 * any time. Refused when the charter does not allow delegation, to oneself, to someone who is not
 * a member, or when it would close a loop.
 *
 * The log says that the member set or revoked a delegation on a topic, not to whom: who carries
 * whom is logged only per proposal, under that proposal's pseudonyms, when a vote is counted.
 */

type Topic = DecisionKind | '*';

function topicOf(value: string): Topic {
  if (value === '*' || (DECISION_KINDS as readonly string[]).includes(value)) return value as Topic;
  throw ValidationError.field('topic', `must be * (everything) or one of ${DECISION_KINDS.join(', ')}`);
}

/** The actor's delegations (live and past), and how many members delegate to them now, per topic. */
export async function myDelegations(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'delegation.manage');
  const read = deps.store.read;
  const [charter, mine, active] = await Promise.all([
    charterInForce(read, collective),
    read.governance.delegationsOf(collective.id, actor.userId),
    read.governance.activeDelegations(collective.id, deps.clock.now()),
  ]);
  const names = new Map<string, string>();
  for (const id of new Set(mine.map((d) => d.delegateId))) names.set(id, (await read.users.byId(id))?.displayName ?? 'A former member');
  const incoming: Record<string, number> = {};
  for (const d of active) if (d.delegateId === actor.userId) incoming[d.topic] = (incoming[d.topic] ?? 0) + 1;
  return {
    allowed: charter.charter.delegation.allowed,
    items: mine.map((d) => ({
      id: d.id,
      topic: d.topic,
      delegate: names.get(d.delegateId)!,
      createdAt: d.createdAt.toISOString(),
      revokedAt: d.revokedAt ? d.revokedAt.toISOString() : null,
    })),
    incoming: Object.entries(incoming).map(([topic, members]) => ({ topic, members })),
  };
}

/** Lets the member with `delegateEmail` vote for the actor on `topic`, replacing any delegation on it. */
export async function setDelegation(deps: Deps, input: { actor: Actor | null; slug: string; topic: string; delegateEmail: string }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'delegation.manage');
  const topic = topicOf(input.topic);
  const charter = await charterInForce(deps.store.read, collective);
  if (!charter.charter.delegation.allowed) throw new ConflictError('delegation_not_allowed', 'The charter does not allow delegation: every member votes for themself.');
  const email = normaliseEmail(input.delegateEmail, 'delegateEmail');
  const delegate = await deps.store.read.users.byEmail(email);
  // One answer for "no account" and "not a member", so this reveals nobody's account.
  const isMember = delegate ? (await deps.store.read.memberships.rolesOf(collective.id, delegate.id)).includes('member') : false;
  if (!delegate || !isMember) throw ValidationError.field('delegateEmail', 'no member of this collective has this e-mail address');
  if (delegate.id === actor.userId) throw ValidationError.field('delegateEmail', 'you cannot delegate to yourself');
  const now = deps.clock.now();
  const id = randomUUID();
  await deps.store.transact(async (tx) => {
    await tx.governance.lockDelegations(collective.id);
    const active = await tx.governance.activeDelegations(collective.id, now);
    if (wouldCreateCycle(active, actor.userId, delegate.id, topic)) {
      throw new ConflictError('delegation_cycle', 'This delegation would make a loop: that member already passes their vote back to you, directly or through others.');
    }
    const events: LogEvent[] = [];
    const previous = active.find((d) => d.delegatorId === actor.userId && d.topic === topic);
    if (previous && (await tx.governance.revokeDelegation(collective.id, actor.userId, topic, now))) {
      events.push({ type: 'delegation.revoked', actorUserId: actor.userId, subjectUserId: actor.userId, refs: { delegation: previous.id, topic } });
    }
    await tx.governance.addDelegation({ id, collectiveId: collective.id, delegatorId: actor.userId, delegateId: delegate.id, topic, createdAt: now });
    events.push({ type: 'delegation.set', actorUserId: actor.userId, subjectUserId: actor.userId, refs: { delegation: id, topic } });
    await appendLog(tx, collective.id, now, events);
  });
  return { id, topic, delegate: delegate.displayName, createdAt: now.toISOString(), revokedAt: null };
}

/** Takes back the actor's delegation on `topic`; from now on they vote for themself on it. */
export async function revokeDelegation(deps: Deps, input: { actor: Actor | null; slug: string; topic: string }): Promise<void> {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'delegation.manage');
  const topic = topicOf(input.topic);
  const now = deps.clock.now();
  await deps.store.transact(async (tx) => {
    await tx.governance.lockDelegations(collective.id);
    const live = (await tx.governance.delegationsOf(collective.id, actor.userId)).find((d) => d.topic === topic && d.revokedAt === null);
    if (!live || !(await tx.governance.revokeDelegation(collective.id, actor.userId, topic, now))) {
      throw new NotFoundError('delegation', `You do not delegate ${topic === '*' ? 'everything' : topic}.`);
    }
    await appendLog(tx, collective.id, now, [{ type: 'delegation.revoked', actorUserId: actor.userId, subjectUserId: actor.userId, refs: { delegation: live.id, topic } }]);
  });
}

/**
 * Every live delegation from or to a member who leaves is revoked in the same transaction: a
 * former member neither votes through someone nor carries anyone's vote. Returns the log events.
 */
export async function revokeDelegationsOnLeave(tx: Repositories, input: { collectiveId: string; memberId: string; now: Date }): Promise<LogEvent[]> {
  await tx.governance.lockDelegations(input.collectiveId);
  const live = (await tx.governance.activeDelegations(input.collectiveId, input.now)).filter((d) => d.delegatorId === input.memberId || d.delegateId === input.memberId);
  const events: LogEvent[] = [];
  for (const d of live) {
    if (await tx.governance.revokeDelegation(input.collectiveId, d.delegatorId, d.topic, input.now)) {
      events.push({ type: 'delegation.revoked', actorUserId: input.memberId, subjectUserId: d.delegatorId, refs: { delegation: d.id, topic: d.topic } });
    }
  }
  return events;
}
