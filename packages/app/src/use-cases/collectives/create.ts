import { randomBytes, randomUUID } from 'node:crypto';
import { validateNewCollective, type NewCollectiveInput } from '@steward/core';
import { requireActor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog } from '../../log/append.ts';
import { adoptFirstCharter } from '../governance/first-charter.ts';
import { createLogKey } from '../log/origin.ts';
import { collectiveDetail } from './detail.ts';

/**
 * Creates a collective; its creator becomes its first steward and a member, and the starter
 * charter for its kind becomes charter version 1.
 */
export async function createCollective(deps: Deps, input: NewCollectiveInput & { actor: Actor | null }) {
  const actor = requireActor(input.actor);
  const fields = validateNewCollective(input);
  const now = deps.clock.now();
  const collective = { id: randomUUID(), createdAt: now, ...fields };
  // The key file is written before the transaction; if the transaction fails, the orphan key
  // names a collective id that never existed and signs nothing.
  const keyEvent = await createLogKey(deps, collective);
  await deps.store.transact(async (tx) => {
    await tx.collectives.create({ ...collective, logSalt: randomBytes(32).toString('base64url') });
    await tx.memberships.add({ collectiveId: collective.id, userId: actor.userId, role: 'steward', joinedAt: now });
    await tx.memberships.add({ collectiveId: collective.id, userId: actor.userId, role: 'member', joinedAt: now });
    const charterEvent = await adoptFirstCharter(tx, { collectiveId: collective.id, kind: collective.kind, actorUserId: actor.userId, now });
    await appendLog(tx, collective.id, now, [
      { type: 'collective.created', actorUserId: actor.userId, refs: { kind: collective.kind } },
      { ...keyEvent, actorUserId: 'system' },
      { type: 'role.granted', actorUserId: actor.userId, subjectUserId: actor.userId, refs: { role: 'steward' } },
      { type: 'role.granted', actorUserId: actor.userId, subjectUserId: actor.userId, refs: { role: 'member' } },
      charterEvent,
    ]);
  });
  return collectiveDetail(deps.store.read, collective, ['steward', 'member']);
}
