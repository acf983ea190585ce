import type { Vehicle } from './params.ts';

export interface DemoOptions {
  seed: number;
  /** Number of synthetic members, indexed 0 … members − 1. */
  members: number;
  /** First day, a Monday at 00:00 UTC. */
  start: Date;
  weeks: number;
}

export type WorkPattern = 'full_time' | 'part_time' | 'evening_weekend';

/** How a member works: the generator's inputs for them, exposed so tests and views can explain the data. */
export interface DemoProfile {
  pattern: WorkPattern;
  /** Days driven in an active week, inclusive range. */
  daysPerWeek: readonly [number, number];
  /** Logged-in hours per shift, inclusive range. */
  shiftHours: readonly [number, number];
  /** Preferred start, Paris time, in hours. */
  startHour: number;
  /** Long-run share of weeks in which they drive for Uber at all (stints and breaks). */
  activeWeekShare: number;
  meanStintWeeks: number;
  vehicle: Vehicle;
  /** Designed share of logged-in time spent waiting for an offer. */
  waitingShare: number;
  /** Opted in to weekly quests. */
  questBonus: boolean;
  /** Shares location points (trip start and end). */
  tracksLocation: boolean;
  /** Also salaried at a dispatch centre on weekdays; emits `shifts`. */
  dispatchStaff: { workplace: string } | null;
}

export interface DemoMember {
  /** 0-based position; the email carries index + 1 (member 0 is member001@…). */
  index: number;
  email: string;
  displayName: string;
  city: string;
  profile: DemoProfile;
}

export type DemoDataset = 'work_tasks' | 'pay_items' | 'time_segments' | 'location_points' | 'shifts';

export interface DemoRecord {
  /** The member's index. */
  member: number;
  dataset: DemoDataset;
  data: Record<string, string | number | boolean | null>;
  occurredAt: Date;
}
