import type { MethodCount, WeightedBallot } from './count.ts';
import type { ProposalOption } from '../types.ts';

/**
 * The Schulze method (M. Schulze, Social Choice and Welfare 36 (2011) 267–303), winning-votes
 * variant: d[X][Y] is the weight of ballots ranking X above Y; a link X→Y exists when
 * d[X][Y] > d[Y][X] and has strength d[X][Y]; p[X][Y] is the strength of the strongest path
 * (its weakest link), found with the Floyd–Warshall variant; X is a winner when p[X][Y] ≥ p[Y][X]
 * for every Y. Integers only, options in the given order, so the result is deterministic.
 */

export interface SchulzeResult {
  /** Option ids in the given order; d and p are indexed the same way. */
  ids: string[];
  d: number[][];
  p: number[][];
  /** Options that no other option beats by a stronger path, in option order. */
  winners: string[];
}

/** A ranking with its weight; listed groups are ties, unlisted options rank last together. */
export interface WeightedRanking {
  ranking: readonly (readonly string[])[];
  weight: number;
}

/** The pairwise and strongest-path matrices and the winners. */
export function schulze(optionIds: readonly string[], rankings: readonly WeightedRanking[]): SchulzeResult {
  const ids = [...optionIds];
  const n = ids.length;
  const pos = new Map(ids.map((id, i) => [id, i]));
  const d = ids.map(() => new Array<number>(n).fill(0));
  for (const { ranking, weight } of rankings) {
    const rank = new Array<number>(n).fill(ranking.length);
    ranking.forEach((group, level) => group.forEach((id) => (rank[pos.get(id)!] = level)));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (rank[i]! < rank[j]!) d[i]![j]! += weight;
  }
  const p = ids.map((_, i) => ids.map((_, j) => (i !== j && d[i]![j]! > d[j]![i]! ? d[i]![j]! : 0)));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      for (let k = 0; k < n; k++) {
        if (k === i || k === j) continue;
        p[j]![k] = Math.max(p[j]![k]!, Math.min(p[j]![i]!, p[i]![k]!));
      }
    }
  }
  const winners = ids.filter((_, i) => ids.every((_, j) => i === j || p[i]![j]! >= p[j]![i]!));
  return { ids, d, p, winners };
}

/** Schulze for a tally: counts carry d[X,Y] and p[X,Y]; one winner passes, a tie decides nothing. */
export function countSchulze(ballots: readonly WeightedBallot[], _rule: unknown, options: readonly ProposalOption[]): MethodCount {
  const rankings = ballots.flatMap(({ ballot, weight }) => ('ranking' in ballot.choice ? [{ ranking: ballot.choice.ranking, weight }] : []));
  const { ids, d, p, winners } = schulze(options.map((o) => o.id), rankings);
  const counts: Record<string, number> = {};
  ids.forEach((x, i) => ids.forEach((y, j) => { if (i !== j) counts[`d[${x},${y}]`] = d[i]![j]!; }));
  ids.forEach((x, i) => ids.forEach((y, j) => { if (i !== j) counts[`p[${x},${y}]`] = p[i]![j]!; }));
  const label = (id: string): string => options.find((o) => o.id === id)?.label ?? id;
  const reason =
    winners.length === 1
      ? `Ranked choice (Schulze): ${label(winners[0]!)} beats or ties every other option by its strongest path — it wins.`
      : `Ranked choice (Schulze): a tie between ${winners.map(label).join(', ')} — no single option won.`;
  return { passes: winners.length === 1, counts, winners, reasons: [reason] };
}
