import { commissionCents, grossFareCents, surgePct } from './fare.ts';
import { inDisc, lerp, step, toLatLng, type Point } from './geo.ts';
import { CITIES, MIN_WAIT_S, TIP_CENTS, TIP_CHANCE, TIP_WEIGHTS, TRIP, VEHICLE_PRODUCTS, meanWaitS, type City } from './params.ts';
import { locationPoint, payItem, segment, task } from './records.ts';
import { rngFor, type Rng } from './rng.ts';
import type { PlannedShift } from './schedule.ts';
import { STREAM } from './streams.ts';
import { MINUTE_MS } from './time.ts';
import type { DemoMember, DemoRecord } from './types.ts';

/** What carries over from one shift of a member to the next. */
export interface DriverState {
  member: DemoMember;
  city: City;
  /** Per-member spread of waits around the designed mean (0.9–1.1). */
  waitFactor: number;
  /** Trips so far, for unique external ids. */
  seq: number;
  /** Where the car is. */
  pos: Point;
  /** Completed trips this week, for quests. */
  completed: number;
}

/** A straight piece of the car's path, for per-minute tracking. */
export interface Leg {
  t0: number;
  t1: number;
  from: Point;
  to: Point;
}

export interface ShiftOptions {
  /** Offers from this instant on are paid at the cut rates. */
  cutAtMs: number;
  /** Collect the path here (co-presence sessions). */
  legs: Leg[] | null;
  /** Emit a location point at each pick-up and drop-off. */
  tripPoints: boolean;
}

const BREAK_FROM_S = 6 * 3600;

/** A member's state before their first shift. */
export function newDriverState(seed: number, m: DemoMember): DriverState {
  const city = CITIES.find((c) => c.name === m.city)!;
  return {
    member: m,
    city,
    waitFactor: 0.9 + 0.2 * rngFor(seed, STREAM.wait, m.index).float(),
    seq: 0,
    pos: inDisc(rngFor(seed, STREAM.startPosition, m.index), city.radiusM / 2),
    completed: 0,
  };
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** A UUID-shaped trip id: random-looking, and unique because it ends with the member and trip number. */
function externalId(member: number, seq: number, draw: Rng): string {
  const a = draw.u32();
  const b = draw.u32();
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex((b >>> 4) & 0xfff, 3)}-${hex(8 + (b & 3), 1)}${hex((a ^ b) & 0xfff, 3)}-${hex(member, 5)}${hex(seq, 7)}`;
}

function tripPoint(st: DriverState, atMs: number, p: Point, draw: Rng): DemoRecord {
  const { lat, lng } = toLatLng(st.city, p);
  return locationPoint(st.member.index, atMs, lat, lng, draw.int(3, 15), 'uber-driver-app');
}

/**
 * One logged-in shift: waits (online) alternate with offers (engaged: en route, then the trip),
 * until the target time is reached; long shifts get an unpaid offline break halfway.
 * Returns when the member logs off.
 */
export function* simulateShift(st: DriverState, plan: PlannedShift, draw: Rng, opt: ShiftOptions): Generator<DemoRecord, number> {
  const m = st.member.index;
  const geometry = opt.legs !== null || opt.tripPoints;
  const waitMean = meanWaitS(st.member.profile.waitingShare) * st.waitFactor;
  const products = VEHICLE_PRODUCTS[st.member.profile.vehicle];
  const productWeights = products.map(([, w]) => w);
  let t = plan.startMs;
  let breakS = plan.targetS >= BREAK_FROM_S ? 0 : -1;

  for (;;) {
    const waitS = MIN_WAIT_S + Math.floor((waitMean - MIN_WAIT_S) * (draw.float() + draw.float()));
    yield segment(m, 'online', t, t + waitS * 1000);
    opt.legs?.push({ t0: t, t1: t + waitS * 1000, from: st.pos, to: st.pos });
    t += waitS * 1000;

    const requested = t;
    const product = products[draw.weighted(productWeights)]![0];
    st.seq += 1;
    const id = externalId(m, st.seq, draw);
    if (draw.chance(TRIP.cancelChance)) {
      const engagedS = TRIP.cancelMinS + Math.floor(TRIP.cancelSpanS * draw.float());
      const end = t + engagedS * 1000;
      yield segment(m, 'engaged', t, end);
      yield task(m, { status: 'cancelled', product, city: st.city.name, requestedMs: t, startedMs: t, endedMs: end, distanceM: null, grossFare: null, externalId: id });
      if (geometry) {
        const toward = step(st.pos, 400 + 8 * engagedS, draw, st.city.radiusM);
        const stop = lerp(st.pos, toward, 0.5);
        opt.legs?.push({ t0: t, t1: end, from: st.pos, to: stop });
        st.pos = stop;
      }
      t = end;
    } else {
      const enRouteS = TRIP.enRouteMinS + Math.floor(TRIP.enRouteSpanS * draw.float());
      const u = draw.float();
      const distanceM = TRIP.minDistanceM + Math.floor(TRIP.extraDistanceM * u * u);
      const traffic = TRIP.trafficLo + TRIP.trafficSpan * draw.float();
      const durationS = TRIP.minDurationS + Math.floor(((distanceM - TRIP.minDistanceM) * TRIP.pace * traffic) / 10);
      const pickup = t + enRouteS * 1000;
      const dropoff = pickup + durationS * 1000;
      const surge = surgePct(requested, draw);
      const fare = grossFareCents(distanceM, durationS, st.city.pricePct, product, surge, requested >= opt.cutAtMs);
      yield segment(m, 'engaged', t, dropoff);
      yield task(m, { status: 'completed', product, city: st.city.name, requestedMs: requested, startedMs: pickup, endedMs: dropoff, distanceM, grossFare: fare, externalId: id });
      yield payItem(m, 'fare', dropoff, fare, id, surge > 100 ? `Trip fare (surge ×${surge / 100})` : 'Trip fare');
      yield payItem(m, 'commission', dropoff, commissionCents(fare), id, 'Uber service fee');
      if (draw.chance(TIP_CHANCE)) {
        const tipAt = dropoff + draw.int(5, 360) * MINUTE_MS;
        yield payItem(m, 'tip', tipAt, TIP_CENTS[draw.weighted(TIP_WEIGHTS)]!, id, 'Tip from rider');
      }
      if (geometry) {
        // About 6 m/s through town to the pick-up, then the trip's road distance as the crow flies.
        const at = step(st.pos, 6 * enRouteS, draw, st.city.radiusM);
        const to = step(at, distanceM / TRIP.roadFactor, draw, st.city.radiusM);
        opt.legs?.push({ t0: t, t1: pickup, from: st.pos, to: at }, { t0: pickup, t1: dropoff, from: at, to });
        if (opt.tripPoints) {
          yield tripPoint(st, pickup, at, draw);
          yield tripPoint(st, dropoff, to, draw);
        }
        st.pos = to;
      }
      st.completed += 1;
      t = dropoff;
    }

    const loggedInS = (t - plan.startMs) / 1000 - Math.max(breakS, 0);
    if (breakS === 0 && loggedInS >= plan.targetS / 2) {
      breakS = draw.int(20, 45) * 60;
      yield segment(m, 'offline', t, t + breakS * 1000);
      opt.legs?.push({ t0: t, t1: t + breakS * 1000, from: st.pos, to: st.pos });
      t += breakS * 1000;
    }
    if (loggedInS >= plan.targetS) return t;
  }
}
