import { normaliseEmail, type NewCollectiveInput } from '@steward/core';
import type { Deps } from '../../context.ts';
import { createUserAccount } from '../accounts/create-user.ts';
import { createCollective } from './create.ts';

/**
 * `steward init`: creates a collective and its first steward (a new account, or an existing one
 * by e-mail, whose password is then left unchanged).
 */
export async function initCollective(
  deps: Deps,
  input: NewCollectiveInput & { steward: { email: string; displayName?: string; password?: string } },
) {
  const email = normaliseEmail(input.steward.email, 'steward.email');
  const existing = await deps.store.read.users.byEmail(email);
  let userId: string;
  let createdAccount = false;
  if (existing) userId = existing.id;
  else {
    if (!input.steward.password) throw new Error('A password is needed to create the steward account.');
    userId = (await createUserAccount(deps, { email, displayName: input.steward.displayName, password: input.steward.password })).id;
    createdAccount = true;
  }
  const collective = await createCollective(deps, { ...input, actor: { userId, via: 'session' } });
  return { collective, stewardEmail: email, createdAccount };
}
