import { quadraticCost } from './ballot.ts';
import type { MethodCount, WeightedBallot } from './count.ts';
import type { DecisionRule, ProposalOption } from '../types.ts';

/**
 * Quadratic voting: each voter spends voice credits, n votes on an option costing n², so strong
 * feelings cost more. A delegate's votes are multiplied by their weight (they speak for the
 * members they carry), but the cost is checked per ballot against one voter's credits.
 * The option with the highest total wins if that total is above zero; a tie decides nothing.
 */
export function countQuadratic(ballots: readonly WeightedBallot[], rule: DecisionRule, options: readonly ProposalOption[]): MethodCount {
  const totals = new Map(options.map((o) => [o.id, 0]));
  const counts: Record<string, number> = {};
  for (const { ballot, weight } of ballots) {
    if (!('votes' in ballot.choice)) continue;
    for (const [id, v] of Object.entries(ballot.choice.votes)) totals.set(id, (totals.get(id) ?? 0) + v * weight);
    counts[`cost:${ballot.voterId}`] = quadraticCost(ballot.choice.votes);
  }
  for (const o of options) counts[`total:${o.id}`] = totals.get(o.id)!;
  const best = Math.max(...totals.values());
  const winners = best > 0 ? options.filter((o) => totals.get(o.id) === best).map((o) => o.id) : [];
  const totalsText = options.map((o) => `${o.label} ${totals.get(o.id)}`).join(', ');
  const credits = `${rule.voiceCredits ?? 0} voice credits each`;
  let verdict: string;
  if (winners.length === 1) verdict = options.length === 1 ? `the total is above zero — passed` : `${options.find((o) => o.id === winners[0])!.label} has the highest total — it wins`;
  else if (winners.length > 1) verdict = `a tie between ${winners.join(', ')} — no single option won`;
  else verdict = 'no option has a total above zero — nothing won';
  return { passes: winners.length === 1, counts, winners, reasons: [`Quadratic totals (${credits}): ${totalsText}; ${verdict}.`] };
}
