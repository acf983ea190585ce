import { COMMISSION_PCT, PRODUCT_PCT, RATES, RATE_CUT_PCT, SURGE_CHANCE, SURGE_PCT, SURGE_WEIGHTS, type Product } from './params.ts';
import { roundDiv, type Rng } from './rng.ts';
import { parisClock } from './time.ts';

/** The surge multiplier in percent for an offer at this instant: weekend nights and rush hours surge more often. */
export function surgePct(atMs: number, draw: Rng): number {
  const { weekday, hour } = parisClock(atMs);
  const weekendNight = ((weekday === 4 || weekday === 5) && hour >= 22) || ((weekday === 5 || weekday === 6) && hour < 3);
  const peak = weekday < 5 && ((hour >= 7 && hour < 10) || (hour >= 17 && hour < 20));
  const p = weekendNight ? SURGE_CHANCE.weekendNight : peak ? SURGE_CHANCE.peak : SURGE_CHANCE.other;
  return draw.chance(p) ? SURGE_PCT[draw.weighted(SURGE_WEIGHTS)]! : 100;
}

/**
 * What the rider pays, in cents, by integer arithmetic: (base + per-km + per-minute) × city ×
 * product × surge. After the cut the per-km and per-minute rates are 15 % lower.
 */
export function grossFareCents(distanceM: number, durationS: number, cityPct: number, product: Product, surge: number, cut: boolean): number {
  const keep = cut ? 100 - RATE_CUT_PCT : 100;
  const variable = roundDiv(RATES.perKm * keep * distanceM, 100_000) + roundDiv(RATES.perMinute * keep * durationS, 6_000);
  return roundDiv((RATES.base + variable) * cityPct * PRODUCT_PCT[product] * surge, 100_000_000);
}

/** The platform's commission on a fare, as a negative amount in cents. */
export function commissionCents(fare: number): number {
  return -roundDiv(fare * COMMISSION_PCT, 100);
}
