export { computeInsights } from './compute.ts';
export { insightsAccumulator, checkInsightsOptions } from './accumulate.ts';
export { checkTimeZone, isTimeZone, zoneClock, type ZoneClock } from './time-zone.ts';
export { INSIGHTS_PERIODS, type InsightsPeriod } from './calendar.ts';
export { INSIGHTS_DATASETS } from './datasets.ts';
export {
  distanceM,
  MAX_GAP_MS,
  PLACE_RADIUS_M,
  WORKPLACE_RADIUS_DEFAULT_M,
  WORKPLACE_RADIUS_MAX_M,
  WORKPLACE_RADIUS_MIN_M,
} from './places.ts';
export type * from './types.ts';
