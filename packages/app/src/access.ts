import { authorize, NotFoundError, UnauthenticatedError, type Action, type Collective, type Readers, type Role } from '@steward/core';
import type { Actor } from './context.ts';

/** Throws UnauthenticatedError unless someone is signed in. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/**
 * Loads a collective by slug and checks that the actor may perform `action` in it. Unknown
 * collectives are 404 for everyone; known ones are 403 for those without the role.
 */
export async function collectiveFor(
  read: Pick<Readers, 'collectives' | 'memberships'>,
  actor: Actor | null,
  slug: string,
  action: Action,
): Promise<{ collective: Collective; roles: Role[]; actor: Actor }> {
  const who = requireActor(actor);
  const collective = await read.collectives.bySlug(slug.trim().toLowerCase());
  if (!collective) throw new NotFoundError('collective', `No collective "${slug}".`);
  const roles = await read.memberships.rolesOf(collective.id, who.userId);
  authorize(roles, action);
  return { collective, roles, actor: who };
}
