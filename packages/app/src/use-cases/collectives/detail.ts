import type { Collective, Readers, Role } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { collectiveView } from '../../views.ts';

export async function collectiveDetail(read: Readers, collective: Collective, myRoles: Role[]) {
  const counts = await read.memberships.countByRole(collective.id);
  return { ...collectiveView(collective), myRoles, counts };
}

/** A collective the actor belongs to, with their roles and head counts. */
export async function getCollective(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective, roles } = await collectiveFor(deps.store.read, input.actor, input.slug, 'collective.view');
  return collectiveDetail(deps.store.read, collective, roles);
}
