import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, rememberCsrf } from './api.ts';
import type { Me } from './types.ts';

/** Who is signed in. `me` answers 401 when nobody is: then the app shows sign-in. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'error'; error: unknown }
  | { status: 'signed-in'; me: Me };

interface Session {
  state: SessionState;
  /** Reloads `me` (after joining or creating a collective). */
  refresh(): Promise<Me | null>;
  signIn(email: string, password: string): Promise<Me | null>;
  signUp(displayName: string, email: string, password: string): Promise<Me | null>;
  signOut(): Promise<void>;
  /** The server said 401 to some call: the session ended. */
  expire(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const me = await api.call('me');
      setState({ status: 'signed-in', me });
      return me;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setState({ status: 'signed-out' });
        return null;
      }
      setState({ status: 'error', error: e });
      return null;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const res = await api.call('signIn', { body: { email, password } });
      rememberCsrf(res.csrfToken);
      return refresh();
    },
    [refresh],
  );
  const signUp = useCallback(
    async (displayName: string, email: string, password: string) => {
      const res = await api.call('signUp', { body: { displayName, email, password } });
      rememberCsrf(res.csrfToken);
      return refresh();
    },
    [refresh],
  );
  const signOut = useCallback(async () => {
    try {
      await api.call('signOut');
    } catch (e) {
      // Already signed out is fine; anything else the caller shows.
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    }
    rememberCsrf(undefined);
    setState({ status: 'signed-out' });
  }, []);
  // Stable, so data hooks that depend on it do not refetch when the session changes.
  const expire = useCallback(() => {
    rememberCsrf(undefined);
    setState({ status: 'signed-out' });
  }, []);

  const value = useMemo<Session>(() => ({ state, refresh, signIn, signUp, signOut, expire }), [state, refresh, signIn, signUp, signOut, expire]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user's data; only for pages behind the sign-in gate. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe on a page that does not require sign-in');
  return state.me;
}
