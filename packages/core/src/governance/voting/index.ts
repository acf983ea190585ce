/** Voting (rule G3): ballot checks, delegation, the methods and the tally, all pure. */
export * from './ballot.ts';
export * from './delegation.ts';
export * from './schulze.ts';
export * from './tally.ts';
export type { WeightedBallot, MethodCount } from './count.ts';
