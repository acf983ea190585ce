import { UnauthenticatedError } from '@steward/core';
import { requireActor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { myCollectiveView, userView } from '../../views.ts';

/** The signed-in user and the collectives they hold roles in. */
export async function getMe(deps: Deps, input: { actor: Actor | null }) {
  const actor = requireActor(input.actor);
  const user = await deps.store.read.users.byId(actor.userId);
  if (!user) throw new UnauthenticatedError();
  const mine = await deps.store.read.collectives.listForUser(actor.userId);
  return { user: userView(user), collectives: mine.map((m) => myCollectiveView(m.collective, m.roles)) };
}
