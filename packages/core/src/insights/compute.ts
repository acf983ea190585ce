import { insightsAccumulator } from './accumulate.ts';
import type { Insights, InsightsOptions, InsightsRecord } from './types.ts';

/**
 * A member's own insights from their records, per week or month in their time zone and in
 * total: a pure, single-pass computation (see types.ts for what each figure means).
 */
export function computeInsights(input: InsightsOptions & { records: Iterable<InsightsRecord> }): Insights {
  const acc = insightsAccumulator(input);
  for (const r of input.records) acc.add(r);
  return acc.finish();
}
