import type { Ballot, DecisionRule, ProposalOption } from '../types.ts';

/** A counted ballot with its weight (1 + the members it carries by delegation). */
export interface WeightedBallot {
  ballot: Ballot;
  weight: number;
}

/** What one voting method makes of the weighted ballots, before quorum and vetoes. */
export interface MethodCount {
  passes: boolean;
  counts: Record<string, number>;
  winners?: string[];
  reasons: string[];
}

export type MethodCounter = (ballots: readonly WeightedBallot[], rule: DecisionRule, options: readonly ProposalOption[]) => MethodCount;
