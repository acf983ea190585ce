import { CITIES, VEHICLES, VEHICLE_WEIGHTS } from './params.ts';
import { DEMO_PATTERNS } from './patterns.ts';
import { rngFor } from './rng.ts';
import { STREAM } from './streams.ts';
import type { DemoMember, DemoOptions, DemoProfile, WorkPattern } from './types.ts';

interface PatternSpec {
  pattern: WorkPattern;
  /** Share of members, in percent. */
  share: number;
  daysPerWeek: readonly [number, number];
  shiftHours: readonly [number, number];
  startHours: readonly number[];
  activeWeekShare: number;
  meanStintWeeks: number;
  questChance: number;
}

/**
 * Most members drive part of the time, in stints: the mix and the active shares keep the default
 * demo near 150 000 records while each active week still looks like the pattern it belongs to.
 */
export const WORK_PATTERNS: readonly PatternSpec[] = [
  { pattern: 'full_time', share: 2, daysPerWeek: [5, 6], shiftHours: [7, 10], startHours: [6, 7, 7, 8, 8, 9, 14, 15, 16], activeWeekShare: 1, meanStintWeeks: 16, questChance: 0.7 },
  { pattern: 'part_time', share: 28, daysPerWeek: [2, 3], shiftHours: [4, 6], startHours: [7, 8, 9, 10, 11, 13, 14, 15], activeWeekShare: 0.14, meanStintWeeks: 3, questChance: 0.3 },
  { pattern: 'evening_weekend', share: 70, daysPerWeek: [1, 2], shiftHours: [3, 5], startHours: [18, 19, 20, 21], activeWeekShare: 0.12, meanStintWeeks: 2, questChance: 0.1 },
];

const TRACKS_LOCATION_CHANCE = 0.08;
const DISPATCH_STAFF_CHANCE = 0.06;

const FIRST_NAMES = [
  'Karim', 'Mamadou', 'Yacine', 'Sofiane', 'Thomas', 'Nicolas', 'Julien', 'Ibrahim', 'Moussa', 'Mehdi',
  'Sarah', 'Fatou', 'Aïcha', 'Nadia', 'Camille', 'Léa', 'Amine', 'Bilal', 'Youssef', 'Omar',
  'Kevin', 'Alexandre', 'Maxime', 'Hugo', 'Lucas', 'Samir', 'Rachid', 'Farid', 'Hamza', 'Ousmane',
  'Sébastien', 'David', 'Olivier', 'Pierre', 'Marie', 'Inès', 'Yasmine', 'Leïla', 'Awa', 'Aminata',
  'Ali', 'Hakim', 'Djibril', 'Christophe', 'Stéphane', 'Fabrice', 'Antoine', 'Romain', 'Sandrine', 'Nathalie',
  'Tarik', 'Issa', 'Boubacar', 'Vincent', 'Laurent', 'Emma', 'Chloé', 'Zineb', 'Malik', 'Adama',
];
const INITIALS = 'ABCDEFGHIJKLMNOPRSTVWZ';

function profileFor(spec: PatternSpec, draw: ReturnType<typeof rngFor>, city: string): DemoProfile {
  const dispatch = spec.pattern === 'evening_weekend' && draw.chance(DISPATCH_STAFF_CHANCE);
  return {
    pattern: spec.pattern,
    daysPerWeek: spec.daysPerWeek,
    shiftHours: spec.shiftHours,
    startHour: draw.pick(spec.startHours),
    activeWeekShare: spec.activeWeekShare,
    meanStintWeeks: spec.meanStintWeeks,
    vehicle: VEHICLES[draw.weighted(VEHICLE_WEIGHTS)]!,
    waitingShare: city === DEMO_PATTERNS.unpaidWaiting.city ? DEMO_PATTERNS.unpaidWaiting.waitingShare : DEMO_PATTERNS.unpaidWaiting.othersWaitingShare,
    questBonus: draw.chance(spec.questChance),
    // Full-timers log so much that one tracked full-timer would outweigh everyone else's points.
    tracksLocation: draw.chance(TRACKS_LOCATION_CHANCE) && spec.pattern !== 'full_time',
    dispatchStaff: dispatch ? { workplace: `${city} dispatch centre` } : null,
  };
}

function patternSpec(p: WorkPattern): PatternSpec {
  return WORK_PATTERNS.find((s) => s.pattern === p)!;
}

/** Member 0 signs in to the demo: give them a full record (full time, every week, quests, location). */
function showcase(m: DemoMember): DemoMember {
  const spec = patternSpec('full_time');
  return {
    ...m,
    city: 'Paris',
    profile: {
      ...m.profile,
      pattern: 'full_time',
      daysPerWeek: spec.daysPerWeek,
      shiftHours: spec.shiftHours,
      startHour: 7,
      activeWeekShare: spec.activeWeekShare,
      meanStintWeeks: spec.meanStintWeeks,
      waitingShare: DEMO_PATTERNS.unpaidWaiting.othersWaitingShare,
      questBonus: true,
      tracksLocation: true,
      dispatchStaff: null,
    },
  };
}

/** The co-present pair live in the same city; the driver works days, the passenger evenings. */
function coPresent(m: DemoMember, city: string, driver: boolean): DemoMember {
  const spec = patternSpec(driver ? 'part_time' : 'evening_weekend');
  return {
    ...m,
    city,
    profile: {
      ...m.profile,
      pattern: spec.pattern,
      daysPerWeek: spec.daysPerWeek,
      shiftHours: spec.shiftHours,
      startHour: driver ? 9 : 19,
      activeWeekShare: spec.activeWeekShare,
      meanStintWeeks: spec.meanStintWeeks,
      waitingShare: city === DEMO_PATTERNS.unpaidWaiting.city ? DEMO_PATTERNS.unpaidWaiting.waitingShare : DEMO_PATTERNS.unpaidWaiting.othersWaitingShare,
      tracksLocation: true,
      dispatchStaff: null,
    },
  };
}

/**
 * Work patterns dealt from a shuffled deck holding each in its exact share: full-timers weigh
 * most in the data, so their number must not swing with the seed.
 */
function patternDeck(o: DemoOptions): PatternSpec[] {
  const deck: PatternSpec[] = [];
  let quota = 0;
  for (const spec of WORK_PATTERNS) {
    quota += (spec.share / 100) * o.members;
    while (deck.length < Math.round(quota)) deck.push(spec);
  }
  const draw = rngFor(o.seed, STREAM.patternDeck);
  for (let i = deck.length - 1; i > 0; i--) {
    const j = draw.int(0, i);
    [deck[i], deck[j]] = [deck[j]!, deck[i]!];
  }
  return deck;
}

/** The synthetic members, index 0 … o.members − 1; a pure function of the options. */
export function demoMembers(o: DemoOptions): DemoMember[] {
  const out: DemoMember[] = [];
  const deck = patternDeck(o);
  for (let index = 0; index < o.members; index++) {
    const draw = rngFor(o.seed, STREAM.profile, index);
    const city = CITIES[draw.weighted(CITIES.map((c) => c.share))]!.name;
    const spec = deck[index]!;
    const displayName = `${draw.pick(FIRST_NAMES)} ${draw.pick([...INITIALS])}.`;
    const profile = profileFor(spec, draw, city);
    const number = String(index + 1).padStart(3, '0');
    out.push({ index, email: `member${number}@members.demo.example`, displayName, city, profile });
  }
  if (out.length > 0) out[0] = showcase(out[0]!);
  const [driver, passenger] = DEMO_PATTERNS.coPresence.members;
  if (Math.max(driver, passenger) < out.length) {
    const city = 'Paris';
    out[driver] = coPresent(out[driver]!, city, true);
    out[passenger] = coPresent(out[passenger]!, city, false);
  }
  return out;
}
