import { ConflictError } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog } from '../../log/append.ts';
import { methodOf } from '../consent/context.ts';
import { withdrawAllOnLeave } from '../consent/decide.ts';
import { revokeDelegationsOnLeave } from '../governance/delegations.ts';

/**
 * The actor leaves the collective, giving up every role in it. The last steward cannot leave:
 * a collective without a steward could not be governed. Every consent the member gave is
 * withdrawn in the same transaction: consent must not outlive membership (rule C1); so are the
 * delegations they gave and received.
 */
export async function leaveCollective(deps: Deps, input: { actor: Actor | null; slug: string }): Promise<void> {
  const { collective, roles, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'collective.view');
  const now = deps.clock.now();
  await deps.store.transact(async (tx) => {
    if (roles.includes('steward')) {
      const counts = await tx.memberships.countByRole(collective.id);
      if (counts.steward <= 1) {
        throw new ConflictError('last_steward', 'You are the only steward. Make someone else a steward before you leave.');
      }
    }
    await withdrawAllOnLeave(deps, tx, { collective, memberId: actor.userId, method: methodOf(actor), now });
    const revoked = await revokeDelegationsOnLeave(tx, { collectiveId: collective.id, memberId: actor.userId, now });
    const removed = await tx.memberships.removeAll(collective.id, actor.userId);
    const events = [...revoked];
    if (removed > 0) events.push({ type: 'member.left', actorUserId: actor.userId, subjectUserId: actor.userId, counts: { roles: removed } });
    if (events.length > 0) await appendLog(tx, collective.id, now, events);
  });
}
