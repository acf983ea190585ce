import { inDisc, lerp, toLatLng, type Point } from './geo.ts';
import type { City } from './params.ts';
import { DEMO_PATTERNS } from './patterns.ts';
import { locationPoint } from './records.ts';
import { rngFor, type Rng } from './rng.ts';
import type { PlannedShift } from './schedule.ts';
import { newDriverState, simulateShift, type DriverState, type Leg } from './shift.ts';
import { STREAM } from './streams.ts';
import { MINUTE_MS } from './time.ts';
import type { DemoMember, DemoOptions, DemoRecord } from './types.ts';

/** Each phone's own GPS error; two phones in one car stay within 2 × this of each other. */
const JITTER_M = 0.4;

function at(legs: readonly Leg[], t: number, from: number): { p: Point; i: number } {
  let i = from;
  while (i < legs.length - 1 && t >= legs[i]!.t1) i++;
  const leg = legs[i]!;
  const span = leg.t1 - leg.t0;
  const f = span > 0 ? Math.min(1, Math.max(0, (t - leg.t0) / span)) : 1;
  return { p: lerp(leg.from, leg.to, f), i };
}

/** A point a minute along a recorded path from `startMs`, for `minutes` minutes, as one member's phone saw it. */
export function* minutePoints(member: number, city: City, legs: readonly Leg[], startMs: number, minutes: number, draw: Rng): Generator<DemoRecord> {
  let i = 0;
  for (let k = 0; k < minutes; k++) {
    const t = startMs + k * MINUTE_MS;
    const here = at(legs, t, i);
    i = here.i;
    const j = inDisc(draw, JITTER_M);
    const { lat, lng } = toLatLng(city, { x: here.p.x + j.x, y: here.p.y + j.y });
    yield locationPoint(member, t, lat, lng, draw.int(2, 6), 'tracker');
  }
}

export interface CoPresence {
  /** The driver's session shift: their usual records, then a point a minute; returns the log-off time. */
  driverSession(st: DriverState, plan: PlannedShift): Generator<DemoRecord, number>;
  /** The passenger's points for a session: the same path, seen by another phone. */
  passengerSession(member: number, plan: PlannedShift): Generator<DemoRecord>;
}

/**
 * The ride-along pattern, or null when the options have too few members for it. A session's path
 * comes from its own random stream, so replaying it for the passenger yields the driver's path exactly.
 */
export function copresenceFor(o: DemoOptions, members: readonly DemoMember[], cutAtMs: number): CoPresence | null {
  const cp = DEMO_PATTERNS.coPresence;
  if (Math.max(...cp.members) >= members.length) return null;
  const driver = members[cp.driver]!;
  const minutes = cp.hours * 60;

  function* drive(st: DriverState, plan: PlannedShift, legs: Leg[]): Generator<DemoRecord, number> {
    const draw = rngFor(o.seed, STREAM.session, plan.session!);
    st.pos = inDisc(draw, st.city.radiusM / 2);
    return yield* simulateShift(st, plan, draw, { cutAtMs, legs, tripPoints: false });
  }

  return {
    *driverSession(st, plan) {
      const legs: Leg[] = [];
      const end = yield* drive(st, plan, legs);
      yield* minutePoints(st.member.index, st.city, legs, plan.startMs, minutes, rngFor(o.seed, STREAM.jitter, st.member.index, plan.session!));
      return end;
    },
    *passengerSession(member, plan) {
      const legs: Leg[] = [];
      const replay = newDriverState(o.seed, driver);
      for (const _ of drive(replay, plan, legs));
      yield* minutePoints(member, replay.city, legs, plan.startMs, minutes, rngFor(o.seed, STREAM.jitter, member, plan.session!));
    },
  };
}
