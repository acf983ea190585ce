import { randomUUID } from 'node:crypto';
import type { Repositories, User } from '@steward/core';
import type { Deps } from '../../context.ts';
import { csrfTokenFor, digestToken, newSecretToken } from '../../security/tokens.ts';
import { userView } from '../../views.ts';

/** A new session: the secret goes into an HttpOnly cookie and is stored only as a digest. */
export interface StartedSession {
  user: ReturnType<typeof userView>;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function startSession(deps: Deps, tx: Repositories, user: User): Promise<StartedSession> {
  const now = deps.clock.now();
  const sessionToken = newSecretToken('sts');
  const expiresAt = new Date(now.getTime() + deps.config.sessionTtlHours * 3600_000);
  await tx.sessions.create({ id: randomUUID(), userId: user.id, tokenHash: digestToken(sessionToken), createdAt: now, expiresAt });
  return { user: userView(user), sessionToken, csrfToken: csrfTokenFor(sessionToken), expiresAt };
}
