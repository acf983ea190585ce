export { computeInsights } from './compute.ts';
export { insightsAccumulator, checkInsightsOptions } from './accumulate.ts';
export { checkTimeZone, isTimeZone, zoneClock, type ZoneClock } from './time-zone.ts';
export { INSIGHTS_PERIODS, type InsightsPeriod } from './calendar.ts';
export { INSIGHTS_DATASETS } from './datasets.ts';
export type * from './types.ts';
