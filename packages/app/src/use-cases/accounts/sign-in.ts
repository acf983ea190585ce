import { InvalidCredentialsError, normaliseEmail } from '@steward/core';
import type { Deps } from '../../context.ts';
import { verifyAgainstDummy, verifyPassword } from '../../security/passwords.ts';
import { startSession, type StartedSession } from './session.ts';

export interface SignInInput {
  email: string;
  password: string;
  /** The client's network address, for rate limiting; never stored or logged. */
  client: string;
}

/**
 * Signs in with e-mail and password. Failures are rate-limited per e-mail and per client, and
 * take as long for unknown e-mails as for wrong passwords.
 */
export async function signIn(deps: Deps, input: SignInInput): Promise<StartedSession> {
  const now = deps.clock.now();
  const email = normaliseEmail(input.email);
  const emailKey = `email:${email}`;
  const clientKey = `client:${input.client}`;
  deps.limits.signInPerEmail.check(emailKey, now);
  deps.limits.signInPerClient.check(clientKey, now);
  const user = await deps.store.read.users.byEmail(email);
  const ok = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : (await verifyAgainstDummy(input.password, deps.config.passwordCost), false);
  if (!user || !ok) {
    deps.limits.signInPerEmail.fail(emailKey, now);
    deps.limits.signInPerClient.fail(clientKey, now);
    throw new InvalidCredentialsError();
  }
  deps.limits.signInPerEmail.reset(emailKey);
  return deps.store.transact((tx) => startSession(deps, tx, user));
}
