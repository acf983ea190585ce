import { randomUUID } from 'node:crypto';
import { checkNewPassword, cleanDisplayName, normaliseEmail, ValidationError } from '@steward/core';
import type { Deps } from '../../context.ts';
import { hashPassword } from '../../security/passwords.ts';
import { userView } from '../../views.ts';

/**
 * Creates an account from the server's own command line (`steward user create`, `steward init`).
 * Whoever can run it already controls the data folder, so it needs no signed-in actor.
 */
export async function createUserAccount(deps: Deps, input: { email: string; displayName?: string; password: string }) {
  const email = normaliseEmail(input.email);
  checkNewPassword(input.password);
  const displayName = cleanDisplayName(input.displayName ?? email.split('@')[0] ?? email);
  if (displayName.length < 1 || displayName.length > 120) throw ValidationError.field('displayName', 'must be 1–120 characters');
  const passwordHash = await hashPassword(input.password, deps.config.passwordCost);
  const user = await deps.store.transact((tx) => tx.users.create({ id: randomUUID(), email, displayName, passwordHash }));
  return userView(user);
}
