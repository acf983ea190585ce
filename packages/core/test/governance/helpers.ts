import type { AccessRequestTerms, Ballot, BallotChoice, Charter, DecisionRule, Delegation } from '../../src/index.ts';
import { STARTER_CHARTERS } from '../../src/index.ts';

/** Fixed instants so tests never depend on the clock. */
export const T0 = new Date('2026-03-01T00:00:00Z');
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

export const r = (num: number, den: number) => ({ num, den });

export const rule = (over: Partial<DecisionRule> = {}): DecisionRule => ({ method: 'majority', quorum: r(1, 5), threshold: r(1, 2), votingPeriodDays: 7, ...over });

let clock = 0;
/** A ballot cast at a fresh, increasing time unless `castAt` is given. */
export function ballot(voterId: string, choice: BallotChoice, castAt?: Date): Ballot {
  return { voterId, choice, castAt: castAt ?? at(++clock) };
}
export const yes = (v: string) => ballot(v, { method: 'majority', vote: 'yes' });
export const no = (v: string) => ballot(v, { method: 'majority', vote: 'no' });
export const abstain = (v: string) => ballot(v, { method: 'majority', vote: 'abstain' });
/** Same answers, for a supermajority rule. */
export const sm = (v: string, vote: 'yes' | 'no' | 'abstain') => ballot(v, { method: 'supermajority', vote });

export function delegate(delegatorId: string, delegateId: string, topic: Delegation['topic'] = '*', minute = 0): Delegation {
  return { delegatorId, delegateId, topic, createdAt: at(minute) };
}

/** Member ids m00, m01, … */
export const members = (n: number): string[] => Array.from({ length: n }, (_, i) => `m${String(i).padStart(2, '0')}`);

/** A deep copy of a starter, safe to edit. */
export const starter = (kind: keyof typeof STARTER_CHARTERS): Charter => structuredClone(STARTER_CHARTERS[kind]) as Charter;

export function request(over: Partial<AccessRequestTerms> = {}): AccessRequestTerms {
  return {
    purpose: 'dpv:AcademicResearch',
    recipient: 'academic',
    datasets: ['work_tasks'],
    rhoMicro: 50_000,
    price: { amountMinor: 0, currency: 'EUR' },
    durationDays: 90,
    ...over,
  };
}

/**
 * A small seeded PRNG (mulberry32) so property tests are reproducible; Math.random is banned
 * (rule P4 lint) and would make failures impossible to replay anyway.
 */
export function prng(seed: number): { int(lo: number, hi: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean; shuffle<T>(xs: readonly T[]): T[] } {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return {
    int,
    pick: <T,>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!,
    chance: (p: number) => next() < p,
    shuffle: <T,>(xs: readonly T[]): T[] => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}
