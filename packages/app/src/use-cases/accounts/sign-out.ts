import type { Deps } from '../../context.ts';
import { digestToken } from '../../security/tokens.ts';

/** Ends a session; unknown or expired sessions are simply gone already. */
export async function signOut(deps: Deps, input: { sessionToken: string }): Promise<void> {
  await deps.store.transact((tx) => tx.sessions.deleteByTokenHash(digestToken(input.sessionToken)));
}
