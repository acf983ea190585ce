import { normaliseEmail, NotFoundError } from '@steward/core';
import type { Actor, Deps } from '../../context.ts';

/**
 * The account named by an e-mail, as an actor, for the server's own CLI: whoever runs it controls
 * the data folder and the keys, so acting as a member there grants nothing they lack. Every
 * use-case still checks that actor's roles as it would for a signed-in member.
 */
export async function localActor(deps: Deps, input: { email: string; field?: string }): Promise<Actor> {
  const email = normaliseEmail(input.email, input.field ?? 'member');
  const user = await deps.store.read.users.byEmail(email);
  if (!user) throw new NotFoundError('user', `No account with the e-mail ${email}.`);
  return { userId: user.id, via: 'session' };
}
