import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { userView } from '../../views.ts';

/** People in the collective with their roles, for stewards; paginated. */
export async function listMembers(deps: Deps, input: { actor: Actor | null; slug: string; limit: number; cursor?: string }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'members.list');
  const page = await deps.store.read.memberships.list(collective.id, { limit: input.limit, cursor: input.cursor ?? null });
  return {
    items: page.items.map((m) => ({ user: userView(m.user), roles: m.roles, joinedAt: m.joinedAt.toISOString() })),
    next: page.next,
  };
}
