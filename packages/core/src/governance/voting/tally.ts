import { ValidationError } from '../../errors.ts';
import { atLeast, percentText, ratioText } from '../ratio.ts';
import { ballotIssues, latestBallots, YES_OPTION } from './ballot.ts';
import { resolveDelegations } from './delegation.ts';
import { countQuadratic } from './quadratic.ts';
import { countSchulze } from './schulze.ts';
import { countConsent, countYesNo } from './yes-no.ts';
import type { MethodCount, WeightedBallot } from './count.ts';
import type { Ballot, DecisionKind, DecisionRule, Delegation, ProposalOption, TallyResult, Veto } from '../types.ts';

/**
 * The tally (rule G3): a pure function of the ballots, delegations, vetoes and the decision rule
 * from the charter, so anyone can recompute an outcome from the log and get the same result.
 * Everything that decides is an integer; ratios are compared by cross-multiplication.
 */

export interface TallyInput {
  rule: DecisionRule;
  /** Members entitled to vote (as of the proposal's opening). */
  electorate: readonly string[];
  /** Every ballot cast, in log order; the latest per voter counts. */
  ballots: readonly Ballot[];
  /** Delegations in force at the close; pass [] when the charter does not allow delegation. */
  delegations: readonly Delegation[];
  topic: DecisionKind;
  /** Vetoes cast by holders of an applicable veto right within the voting period. */
  vetoes: readonly Veto[];
  /** Options for quadratic (default: a single "yes") and ranked (at least two) votes. */
  options?: readonly ProposalOption[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function countMethod(ballots: readonly WeightedBallot[], rule: DecisionRule, options: readonly ProposalOption[]): MethodCount {
  switch (rule.method) {
    case 'majority':
    case 'supermajority':
      return countYesNo(ballots, rule);
    case 'consent':
      return countConsent(ballots);
    case 'quadratic':
      return countQuadratic(ballots, rule, options);
    case 'schulze':
      return countSchulze(ballots, rule, options);
  }
}

/** Counts a vote: delegation, quorum, the method, then vetoes (a veto beats any count, G2). */
export function tally(input: TallyInput): TallyResult {
  const { rule } = input;
  const options = input.options && input.options.length > 0 ? input.options : rule.method === 'quadratic' ? [YES_OPTION] : [];
  if (rule.method === 'schulze' && options.length < 2) throw ValidationError.field('options', 'a ranked vote needs at least two options');
  if (new Set(options.map((o) => o.id)).size !== options.length) throw ValidationError.field('options', 'two options have the same id');
  const members = [...new Set(input.electorate)].sort(byString);
  const memberSet = new Set(members);

  // Invalid ballots (wrong method, over budget, objection without a reason) count as not voting.
  const eligible = input.ballots.filter((b) => memberSet.has(b.voterId));
  const valid = eligible.filter((b) => ballotIssues(b.choice, rule, options).length === 0);
  const latest = latestBallots(valid);
  const { weights, carriedBy, uncounted } = resolveDelegations({ electorate: members, directVoters: latest.keys(), delegations: input.delegations, topic: input.topic });
  const weighted: WeightedBallot[] = Object.keys(weights).map((v) => ({ ballot: latest.get(v)!, weight: weights[v]! }));

  const turnout = weighted.reduce((s, w) => s + w.weight, 0);
  // Nobody taking part is never a quorum, even when the charter's quorum is zero.
  const quorumMet = turnout > 0 && atLeast(turnout, members.length, rule.quorum);
  const counted = countMethod(weighted, rule, options);
  const delegated = Object.keys(carriedBy).length;

  const reasons: string[] = [];
  if (input.vetoes.length > 0) {
    const holders = [...new Set(input.vetoes.map((v) => v.holder))].sort(byString).join(', ');
    reasons.push(`Vetoed by ${holders} (${input.vetoes.length} veto${input.vetoes.length === 1 ? '' : 'es'}): a veto stops the proposal whatever the votes.`);
  }
  reasons.push(
    `${turnout} of ${members.length} members took part (${percentText(turnout, members.length)}): ${weighted.length} voted directly and ${delegated} through a delegate; the quorum is ${ratioText(rule.quorum)} — ${quorumMet ? 'met' : 'not met'}.`,
  );
  reasons.push(...counted.reasons);

  const outcome = input.vetoes.length > 0 ? 'vetoed' : !quorumMet ? 'no_quorum' : counted.passes ? 'passed' : 'rejected';
  const result: TallyResult = {
    outcome,
    method: rule.method,
    electorate: members.length,
    turnout,
    quorumMet,
    counts: { ballots: weighted.length, delegated, uncounted: uncounted.length, invalid: eligible.length - valid.length, ...counted.counts },
    reasons,
    weights,
  };
  if (counted.winners) result.winners = counted.winners;
  return result;
}
