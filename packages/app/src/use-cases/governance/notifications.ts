import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { iso } from './support.ts';

const LIMIT = 100;

/** The actor's notices in the collective (a vote opened, closes soon, was decided), newest first. */
export async function listNotifications(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'collective.view');
  const items = await deps.store.read.governance.notifications(actor.userId, collective.id, LIMIT);
  const proposals = new Map<string, { title: string; status: string }>();
  for (const id of new Set(items.map((n) => n.proposalId))) {
    const p = await deps.store.read.governance.proposal(collective.id, id);
    if (p) proposals.set(id, { title: p.title, status: p.status });
  }
  return {
    unread: items.filter((n) => n.readAt === null).length,
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      proposalId: n.proposalId,
      title: proposals.get(n.proposalId)?.title ?? '',
      status: proposals.get(n.proposalId)?.status ?? '',
      createdAt: n.createdAt.toISOString(),
      readAt: iso(n.readAt),
    })),
  };
}

/** Marks all the actor's notices in the collective read. */
export async function markNotificationsRead(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'collective.view');
  const marked = await deps.store.transact((tx) => tx.governance.markNotificationsRead(actor.userId, collective.id, deps.clock.now()));
  return { marked };
}
