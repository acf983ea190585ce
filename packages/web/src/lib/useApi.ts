import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api.ts';
import { useSession } from './session.tsx';

export type Loadable<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ok'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown };

/**
 * Loads data for a screen. Re-runs when `key` changes; `reload` fetches again while keeping the
 * old data on screen (no flash, no layout shift). A 401 ends the session.
 */
export function useApi<T>(load: () => Promise<T>, key: string): Loadable<T> & { reload(): Promise<void> } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const { expire } = useSession();
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const run = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const data = await loadRef.current();
      if (mine === generation.current) setState({ status: 'ok', data });
    } catch (error) {
      if (mine !== generation.current) return;
      if (error instanceof ApiError && error.status === 401) expire();
      setState({ status: 'error', error });
    }
  }, [expire]);

  useEffect(() => {
    setState({ status: 'loading' });
    void run();
    return () => {
      generation.current++;
    };
  }, [key, run]);

  return { ...state, reload: run };
}
