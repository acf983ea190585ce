import type { Actor, Deps } from '../../context.ts';
import { csrfTokenFor, digestToken } from '../../security/tokens.ts';

/** The actor behind a session cookie, or null when it is unknown or expired. */
export async function authenticateSession(deps: Deps, sessionToken: string): Promise<Actor | null> {
  const session = await deps.store.read.sessions.byTokenHash(digestToken(sessionToken), deps.clock.now());
  return session ? { userId: session.userId, via: 'session' } : null;
}

/** True when `csrfToken` belongs to the session (double-submit check for cookie-authenticated writes). */
export function csrfMatches(sessionToken: string, csrfToken: string | undefined): boolean {
  return csrfToken !== undefined && csrfToken === csrfTokenFor(sessionToken);
}

/** The actor behind a personal API token, or null when it is unknown, revoked or expired. */
export async function authenticateApiToken(deps: Deps, token: string): Promise<Actor | null> {
  const now = deps.clock.now();
  const found = await deps.store.read.apiTokens.byTokenHash(digestToken(token), now);
  if (!found) return null;
  // Last-used time is a convenience for the owner; losing one update under a race is harmless.
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) {
    await deps.store.transact((tx) => tx.apiTokens.touch(found.id, now));
  }
  return { userId: found.userId, via: 'token' };
}
