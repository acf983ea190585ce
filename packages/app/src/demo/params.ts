/**
 * The economics and behaviour of the synthetic cooperative, as plain numbers. Distributions are
 * chosen so that their means are known in closed form (see `expected*` below): the planted
 * patterns are then designed quantities, not accidents of one seed.
 */

export const PLATFORM = 'uber';
export const CURRENCY = 'EUR';

export interface City {
  name: string;
  lat: number;
  lng: number;
  /** Share of members living there, in percent. */
  share: number;
  /** Local price level applied to every fare, in percent of Paris. */
  pricePct: number;
  /** Drivers drift back towards the centre beyond this distance. */
  radiusM: number;
}

export const CITIES: readonly City[] = [
  { name: 'Paris', lat: 48.8566, lng: 2.3522, share: 55, pricePct: 100, radiusM: 9_000 },
  { name: 'Lyon', lat: 45.764, lng: 4.8357, share: 25, pricePct: 90, radiusM: 6_000 },
  { name: 'Lille', lat: 50.6292, lng: 3.0573, share: 20, pricePct: 85, radiusM: 5_000 },
];

/**
 * Fare rates in hundredths of a cent, so that the 15 % cut stays an integer:
 * €2.00 base + €1.10 per km + €0.30 per minute (Paris, UberX, no surge).
 */
export const RATES = { base: 20_000, perKm: 11_000, perMinute: 3_000 } as const;
/** Rates after the planted cut: per-km and per-minute rates × (100 − 15) / 100. */
export const RATE_CUT_PCT = 15;
export const COMMISSION_PCT = 25;

export const PRODUCTS = ['UberX', 'Green', 'Comfort', 'Van'] as const;
export type Product = (typeof PRODUCTS)[number];
/** Price level of each product, in percent of UberX. */
export const PRODUCT_PCT: Record<Product, number> = { UberX: 100, Green: 100, Comfort: 130, Van: 160 };

export type Vehicle = 'standard' | 'green' | 'comfort' | 'van';
export const VEHICLES: readonly Vehicle[] = ['standard', 'green', 'comfort', 'van'];
export const VEHICLE_WEIGHTS = [70, 12, 13, 5];
/** Which products a vehicle is dispatched for, with weights in percent. */
export const VEHICLE_PRODUCTS: Record<Vehicle, ReadonlyArray<readonly [Product, number]>> = {
  standard: [['UberX', 100]],
  green: [['UberX', 50], ['Green', 50]],
  comfort: [['UberX', 65], ['Comfort', 35]],
  van: [['UberX', 55], ['Van', 45]],
};

/** Surge multipliers in percent and their weights; surge is likelier on weekend nights and at peaks. */
export const SURGE_PCT = [120, 140, 170, 200];
export const SURGE_WEIGHTS = [50, 25, 15, 10];
export const SURGE_CHANCE = { weekendNight: 0.25, peak: 0.12, other: 0.05 };

/** Trips: distance 1 + 24·u² km; duration 5 min + 0.1 s per metre beyond the first km × traffic t ∈ [0.8, 1). */
export const TRIP = {
  minDistanceM: 1_000,
  extraDistanceM: 24_000,
  minDurationS: 300,
  /** Tenths of a second per metre beyond the first kilometre, before traffic. */
  pace: 1,
  trafficLo: 0.8,
  trafficSpan: 0.2,
  enRouteMinS: 120,
  enRouteSpanS: 600,
  /** A rider cancels while the driver is en route: unpaid. */
  cancelChance: 0.05,
  cancelMinS: 60,
  cancelSpanS: 240,
  /** Straight-line distance = road distance / this. */
  roadFactor: 1.35,
} as const;

/** Tips on ~15 % of completed trips, fixed amounts in cents. */
export const TIP_CHANCE = 0.15;
export const TIP_CENTS = [100, 200, 300, 500, 1000];
export const TIP_WEIGHTS = [30, 35, 15, 15, 5];

/** Weekly quests for members who opted in: completed trips in the week → bonus in cents (the highest tier reached). */
export const QUEST_TIERS: ReadonlyArray<{ trips: number; cents: number }> = [
  { trips: 25, cents: 1_500 },
  { trips: 45, cents: 4_000 },
  { trips: 70, cents: 7_500 },
];

/** Waits before each offer: 20 s plus a triangular spread with the mean the waiting share needs. */
export const MIN_WAIT_S = 20;

/** Expected road distance of a completed trip, in metres (floor() loses half a metre on average). */
export const expectedDistanceM = TRIP.minDistanceM + TRIP.extraDistanceM / 3 - 0.5;
/** Expected duration of a completed trip, in seconds. */
export const expectedDurationS =
  TRIP.minDurationS + ((expectedDistanceM - TRIP.minDistanceM) * TRIP.pace * (TRIP.trafficLo + TRIP.trafficSpan / 2)) / 10 - 0.5;
/** Expected engaged time per offer (en route + trip, or en route until a cancellation), in seconds. */
export const expectedEngagedS =
  (1 - TRIP.cancelChance) * (TRIP.enRouteMinS + TRIP.enRouteSpanS / 2 - 0.5 + expectedDurationS) +
  TRIP.cancelChance * (TRIP.cancelMinS + TRIP.cancelSpanS / 2 - 0.5);

/** Mean wait before an offer that makes waiting `share` of logged-in time. */
export function meanWaitS(share: number): number {
  return (share / (1 - share)) * expectedEngagedS;
}

/**
 * The share by which net fares (fare + commission) per engaged hour fall under the cut. Surge,
 * product, city and commission multiply the whole fare and are independent of distance and
 * duration, so they cancel: only the base fare dilutes the cut.
 */
export function expectedCutDropShare(): number {
  const variable = (RATES.perKm * expectedDistanceM) / 1000 + (RATES.perMinute * expectedDurationS) / 60;
  return ((RATE_CUT_PCT / 100) * variable) / (RATES.base + variable);
}
