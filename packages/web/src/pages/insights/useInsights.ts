import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import type { MemberInsights, PeriodKind } from '../../lib/insights.ts';
import { useSession } from '../../lib/session.tsx';

export interface InsightsQuery {
  period: PeriodKind;
  timeZone: string;
  expensesPerKmMinor?: number;
  currency?: string;
  /** `lat,lng` of the workplace the member chose; without it, the suggested one. */
  workplace?: string;
}

export interface InsightsState {
  /** The latest answer; kept on screen while a changed choice loads (no flash, no jump). */
  data: MemberInsights | null;
  /** The query `data` answers. */
  dataQuery: InsightsQuery | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Loads the member's insights for a query; a 401 ends the session, as everywhere. */
export function useInsights(slug: string, query: InsightsQuery): InsightsState {
  const { expire } = useSession();
  const [data, setData] = useState<{ ins: MemberInsights; query: InsightsQuery } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const key = JSON.stringify([slug, query.period, query.timeZone, query.expensesPerKmMinor ?? null, query.currency ?? null, query.workplace ?? null]);
  const queryRef = useRef(query);
  queryRef.current = query;

  const run = useCallback(async () => {
    const mine = ++generation.current;
    const q = queryRef.current;
    setLoading(true);
    try {
      const ins = await api.call('memberInsights', { params: { slug }, query: { ...q } });
      if (mine !== generation.current) return;
      setData({ ins, query: q });
      setError(null);
    } catch (e) {
      if (mine !== generation.current) return;
      if (e instanceof ApiError && e.status === 401) expire();
      setError(e);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [slug, expire]);

  useEffect(() => {
    void run();
    return () => {
      generation.current++;
    };
    // `key` stands for the query's values.
  }, [key, run]);

  return { data: data?.ins ?? null, dataQuery: data?.query ?? null, error, loading, reload: () => void run() };
}
