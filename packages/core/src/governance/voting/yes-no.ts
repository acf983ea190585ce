import { atLeast, moreThan, percentText, ratioText } from '../ratio.ts';
import type { MethodCount, WeightedBallot } from './count.ts';
import type { DecisionRule } from '../types.ts';

/**
 * Yes/no methods. Weights are summed per answer; abstentions count towards the quorum but not
 * towards the share, so staying out of a question does not act as a "no".
 */

function sums(ballots: readonly WeightedBallot[], answers: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of answers) out[a] = 0;
  for (const { ballot, weight } of ballots) {
    const c = ballot.choice;
    if ('vote' in c) out[c.vote] = (out[c.vote] ?? 0) + weight;
  }
  return out;
}

/** Simple majority (yes·den > num·(yes+no)) and supermajority (yes·den ≥ num·(yes+no), at least one yes). */
export function countYesNo(ballots: readonly WeightedBallot[], rule: DecisionRule): MethodCount {
  const counts = sums(ballots, ['yes', 'no', 'abstain']);
  const yes = counts.yes!;
  const decided = yes + counts.no!;
  const share = `yes ${yes} of ${decided} yes-or-no votes (${percentText(yes, decided)}), abstaining ${counts.abstain}`;
  if (rule.method === 'majority') {
    const passes = moreThan(yes, decided, rule.threshold);
    return { passes, counts, reasons: [`${share}: a majority needs more than ${ratioText(rule.threshold)} — ${passes ? 'reached' : 'not reached'}.`] };
  }
  // With no yes and no no, 0 ≥ 0 would "pass"; a supermajority of nobody is not a decision.
  const passes = yes > 0 && atLeast(yes, decided, rule.threshold);
  return { passes, counts, reasons: [`${share}: a supermajority needs at least ${ratioText(rule.threshold)} — ${passes ? 'reached' : 'not reached'}.`] };
}

/** Consent: passes unless a reasoned objection stands (ballots were checked: every objection has a reason). */
export function countConsent(ballots: readonly WeightedBallot[]): MethodCount {
  const counts = sums(ballots, ['consent', 'object', 'abstain']);
  const objections = ballots.filter(({ ballot }) => 'vote' in ballot.choice && ballot.choice.vote === 'object').length;
  counts.objections = objections;
  const passes = counts.object === 0;
  const tallyText = `consent ${counts.consent}, objecting ${counts.object}, abstaining ${counts.abstain}`;
  return {
    passes,
    counts,
    reasons: [passes ? `No objection stands (${tallyText}).` : `${objections} reasoned objection${objections === 1 ? '' : 's'} stand${objections === 1 ? 's' : ''}, carrying ${counts.object} vote${counts.object === 1 ? '' : 's'} (${tallyText}).`],
  };
}
