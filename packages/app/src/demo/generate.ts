/**
 * Deterministic demo data: a ride-hailing drivers' cooperative in Paris, Lyon and Lille.
 *
 * Each member has a work pattern (full time 5–6 days, part time 2–3 days, evenings and weekends),
 * shifts of 3–10 logged-in hours in which waiting (online) alternates with offers (engaged: en
 * route, then a 5–45 min, 1–25 km trip), fares of base + per km + per minute with occasional surge,
 * a 25 % commission, tips on ~15 % of trips and weekly quests for some. Full-timers drive every
 * week; part-timers and evening drivers drive in stints, which keeps the default demo near 150 000
 * records (the server loads it at first start). Three patterns are planted for campaign analytics
 * to find; DEMO_PATTERNS describes them.
 */
import { copresenceFor, type CoPresence } from './copresence.ts';
import { dispatchWeek } from './dispatch.ts';
import { demoMembers } from './members.ts';
import { QUEST_TIERS } from './params.ts';
import { DEMO_PATTERNS, demoPatternsFor } from './patterns.ts';
import { payItem } from './records.ts';
import { rngFor } from './rng.ts';
import { activeWeeks, planWeek, sessionPlans } from './schedule.ts';
import { newDriverState, simulateShift } from './shift.ts';
import { STREAM } from './streams.ts';
import { DAY_MS, MINUTE_MS, WEEK_MS, parisToUtc } from './time.ts';
import type { DemoMember, DemoOptions, DemoRecord } from './types.ts';

export type { DemoDataset, DemoMember, DemoOptions, DemoProfile, DemoRecord, WorkPattern } from './types.ts';
export { demoMembers } from './members.ts';
export { DEMO_PATTERNS, demoPatternsFor, type CoPresenceWindow } from './patterns.ts';

/** The demo the server seeds: 300 members, 16 weeks from Monday 5 January to Sunday 26 April 2026. */
export const DEMO_DEFAULTS: DemoOptions = Object.freeze({ seed: 2026, members: 300, start: new Date('2026-01-05T00:00:00Z'), weeks: 16 });

/** A member never logs in again within this long of logging off. */
const REST_MS = 30 * MINUTE_MS;

function checkOptions(o: DemoOptions): void {
  if (!Number.isSafeInteger(o.seed)) throw new RangeError('demo seed must be a whole number');
  if (!Number.isSafeInteger(o.members) || o.members < 0) throw new RangeError('demo members must be a whole number ≥ 0');
  if (!Number.isSafeInteger(o.weeks) || o.weeks < 0) throw new RangeError('demo weeks must be a whole number ≥ 0');
  const t = o.start.getTime();
  if (!Number.isFinite(t) || t % DAY_MS !== 0 || o.start.getUTCDay() !== 1) throw new RangeError('demo start must be a Monday at 00:00 UTC');
}

interface Context {
  cutAtMs: number;
  copresence: CoPresence | null;
}

function* memberRecords(o: DemoOptions, m: DemoMember, ctx: Context): Generator<DemoRecord> {
  const weekDraw = rngFor(o.seed, STREAM.weeks, m.index);
  const tripDraw = rngFor(o.seed, STREAM.trips, m.index);
  const dispatchDraw = rngFor(o.seed, STREAM.dispatch, m.index);
  const st = newDriverState(o.seed, m);
  const active = activeWeeks(m, o.weeks, DEMO_PATTERNS.payCut.fromWeek, weekDraw);
  const cp = DEMO_PATTERNS.coPresence;
  const passenger = ctx.copresence !== null && m.index !== cp.driver && cp.members.includes(m.index);
  let lastEnd = -Infinity;
  for (let w = 0; w < o.weeks; w++) {
    const weekMs = o.start.getTime() + w * WEEK_MS;
    yield* dispatchWeek(m, weekMs, dispatchDraw);
    st.completed = 0;
    for (const plan of planWeek(m, w, weekMs, active[w]!, weekDraw)) {
      if (plan.session !== null && ctx.copresence) {
        lastEnd = yield* ctx.copresence.driverSession(st, plan);
      } else if (plan.startMs >= lastEnd + REST_MS) {
        lastEnd = yield* simulateShift(st, plan, tripDraw, { cutAtMs: ctx.cutAtMs, legs: null, tripPoints: m.profile.tracksLocation });
      }
    }
    if (passenger) for (const plan of sessionPlans(w, weekMs)) yield* ctx.copresence!.passengerSession(m.index, plan);
    const tier = m.profile.questBonus ? QUEST_TIERS.findLast((q) => st.completed >= q.trips) : undefined;
    if (tier) yield payItem(m.index, 'bonus', parisToUtc(weekMs + WEEK_MS, 6 * 60), tier.cents, null, `Weekly quest: ${tier.trips} trips`);
  }
}

/**
 * The demo's records, member by member and week by week, made as they are consumed (constant
 * memory). A pure function of the options: the same options give byte-identical records.
 */
export function* demoRecords(o: DemoOptions): Generator<DemoRecord> {
  checkOptions(o);
  const members = demoMembers(o);
  const cutAtMs = demoPatternsFor(o).payCutAt?.getTime() ?? Infinity;
  const ctx: Context = { cutAtMs, copresence: copresenceFor(o, members, cutAtMs) };
  for (const m of members) yield* memberRecords(o, m, ctx);
}
