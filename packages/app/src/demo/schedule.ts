import { DEMO_PATTERNS } from './patterns.ts';
import type { Rng } from './rng.ts';
import { DAY_MS, parisToUtc } from './time.ts';
import type { DemoMember } from './types.ts';

/** One planned Uber shift: when the member logs in and how long they mean to stay. */
export interface PlannedShift {
  startMs: number;
  /** Target logged-in time; the shift ends with the first drop-off after it. */
  targetS: number;
  /** Index of the co-presence window this shift covers, if any. */
  session: number | null;
}

const SUNDAY = 6;
const FRIDAY = 4;
const SATURDAY = 5;

/**
 * Whether a member drives in each week: a two-state chain, so work comes in stints with breaks.
 * The weeks from `mirrorAt` on replay the earlier ones backwards (a stint running into the pay
 * cut runs on past it), so every member weighs the same before and after the cut and the planted
 * drop is not blurred by who happened to drive when.
 */
export function activeWeeks(m: DemoMember, weeks: number, mirrorAt: number, draw: Rng): boolean[] {
  const share = m.profile.activeWeekShare;
  if (share >= 1) return Array.from({ length: weeks }, () => true);
  const leave = 1 / m.profile.meanStintWeeks;
  const join = (leave * share) / (1 - share);
  const head = Math.min(Math.max(mirrorAt, 1), weeks);
  const out: boolean[] = [];
  let active = draw.chance(share);
  for (let w = 0; w < weeks; w++) {
    out.push(active);
    active = active ? !draw.chance(leave) : draw.chance(join);
  }
  // Everyone in the demo has driven at some point: whoever the chain left idle gets one stint.
  if (!out.slice(0, head).includes(true)) {
    const from = draw.int(0, head - 1);
    for (let w = from; w < Math.min(head, from + draw.int(1, 2)); w++) out[w] = true;
  }
  for (let w = head; w < weeks && 2 * head - 1 - w >= 0; w++) out[w] = out[2 * head - 1 - w]!;
  return out;
}

function removeRandom(days: number[], keep: number, draw: Rng): number[] {
  const out = [...days];
  while (out.length > keep) out.splice(draw.int(0, out.length - 1), 1);
  return out;
}

function daysFor(m: DemoMember, draw: Rng): number[] {
  const [lo, hi] = m.profile.daysPerWeek;
  const n = draw.int(lo, hi);
  switch (m.profile.pattern) {
    case 'full_time': {
      const all = [0, 1, 2, 3, 4, 5, 6];
      return removeRandom(draw.chance(0.7) ? all.filter((d) => d !== SUNDAY) : all, n, draw);
    }
    case 'part_time':
      return removeRandom([0, 1, 2, 3, 4, 5], n, draw);
    case 'evening_weekend': {
      const candidates = [FRIDAY, SATURDAY, SUNDAY, draw.int(0, 3)];
      const weights = [5, 5, 2, 2];
      const out: number[] = [];
      while (out.length < n) {
        const i = draw.weighted(weights);
        out.push(candidates[i]!);
        weights[i] = 0;
      }
      return out.sort((a, b) => a - b);
    }
  }
}

function startMinutes(m: DemoMember, day: number, draw: Rng): number {
  const p = m.profile;
  if (p.pattern !== 'evening_weekend') return p.startHour * 60 + draw.int(-30, 45);
  if (day === SUNDAY) return draw.int(11, 15) * 60 + draw.int(0, 45);
  const start = p.startHour * 60 + draw.int(-20, 40);
  // Dispatch staff leave the centre by 18:45 on weekdays.
  return p.dispatchStaff && day < SATURDAY ? Math.max(start, 19 * 60) : start;
}

/** The shifts a member plans in one week (week starts at `weekMs`, a Monday 00:00 UTC), in time order. */
export function planWeek(m: DemoMember, week: number, weekMs: number, active: boolean, draw: Rng): PlannedShift[] {
  const plan: PlannedShift[] = [];
  const cp = DEMO_PATTERNS.coPresence;
  const pairWeek = cp.members.includes(m.index) && cp.weeks.includes(week);
  if (active) {
    for (const day of daysFor(m, draw)) {
      const start = startMinutes(m, day, draw);
      const [lo, hi] = m.profile.shiftHours;
      const targetS = draw.int(lo * 60, hi * 60) * 60;
      if (pairWeek && cp.weekdays.includes(day)) continue;
      plan.push({ startMs: parisToUtc(weekMs + day * DAY_MS, start), targetS, session: null });
    }
  }
  if (pairWeek && m.index === cp.driver) {
    plan.push(...sessionPlans(week, weekMs));
    plan.sort((a, b) => a.startMs - b.startMs);
  }
  return plan;
}

/** The co-presence sessions in a week: the driver's shifts during which the passenger rides along. */
export function sessionPlans(week: number, weekMs: number): PlannedShift[] {
  const cp = DEMO_PATTERNS.coPresence;
  const w = cp.weeks.indexOf(week);
  if (w < 0) return [];
  return cp.weekdays.map((day, k) => ({
    startMs: parisToUtc(weekMs + day * DAY_MS, cp.startHour * 60),
    targetS: cp.hours * 3600,
    session: w * cp.weekdays.length + k,
  }));
}
