import { randomUUID } from 'node:crypto';
import { checkNewPassword, cleanDisplayName, ForbiddenError, normaliseEmail, ValidationError } from '@steward/core';
import type { Deps } from '../../context.ts';
import { hashPassword } from '../../security/passwords.ts';
import { startSession, type StartedSession } from './session.ts';

export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
}

/** Creates an account and signs it in. */
export async function signUp(deps: Deps, input: SignUpInput): Promise<StartedSession> {
  if (!deps.config.openSignUp) throw new ForbiddenError('Sign-up is closed on this server; ask a steward for an account.');
  const email = normaliseEmail(input.email);
  checkNewPassword(input.password);
  const displayName = cleanDisplayName(input.displayName);
  if (displayName.length < 1 || displayName.length > 120) throw ValidationError.field('displayName', 'must be 1–120 characters');
  const passwordHash = await hashPassword(input.password, deps.config.passwordCost);
  return deps.store.transact(async (tx) => {
    const user = await tx.users.create({ id: randomUUID(), email, displayName, passwordHash });
    return startSession(deps, tx, user);
  });
}
