import { describe, expect, it } from 'vitest';
import { schulze, tally, type Ballot } from '../../src/index.ts';
import { at, members, rule } from './helpers.ts';

/**
 * Schulze examples with published results. Profiles are written as "ACBED*5" (5 voters rank
 * A > C > B > E > D); "A=B" ranks A and B equal; options left out rank last together.
 */
function profile(text: string): Array<{ ranking: string[][]; weight: number }> {
  return text.trim().split(/\s+/).map((entry) => {
    const [order, weight] = entry.split('*');
    return { ranking: order!.split('>').map((group) => group.split('=')), weight: Number(weight ?? 1) };
  });
}
/** Compact "ACBED" → "A>C>B>E>D". */
const strict = (text: string): string => text.trim().split(/\s+/).map((e) => { const [o, w] = e.split('*'); return `${o!.split('').join('>')}*${w}`; }).join(' ');

/** One ballot per voter, so the tally sees the profile as real members casting ranked ballots. */
function ballotsOf(text: string): { ballots: Ballot[]; electorate: string[] } {
  const ballots: Ballot[] = [];
  for (const { ranking, weight } of profile(text)) for (let i = 0; i < weight; i++) ballots.push({ voterId: `v${ballots.length}`, choice: { method: 'schulze', ranking }, castAt: at(ballots.length) });
  return { ballots, electorate: ballots.map((b) => b.voterId) };
}

const options = (ids: string) => ids.split('').map((id) => ({ id, label: `Option ${id}` }));
const ranked = rule({ method: 'schulze', quorum: { num: 1, den: 2 } });

describe('Schulze method: published examples', () => {
  // Schulze (2011), Social Choice and Welfare 36: 267–303, and Wikipedia's "Schulze method" example.
  const wikipedia = strict('ACBED*5 ADECB*5 BEDAC*8 CABED*3 CAEBD*7 CBADE*2 DCEBA*7 EBADC*8');

  it('45 voters, 5 options: the pairwise matrix d, the strongest paths p and winner E as published', () => {
    const result = schulze(['A', 'B', 'C', 'D', 'E'], profile(wikipedia));
    expect(result.d).toEqual([
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
    expect(result.p).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
    expect(result.winners).toEqual(['E']);
  });

  it('the same 45 voters through the tally: E passes, counts carry d and p', () => {
    const { ballots, electorate } = ballotsOf(wikipedia);
    const t = tally({ rule: ranked, electorate, ballots, delegations: [], topic: 'motion', vetoes: [], options: options('ABCDE') });
    expect(t.outcome).toBe('passed');
    expect(t.winners).toEqual(['E']);
    expect(t.turnout).toBe(45);
    expect(t.counts['d[E,D]']).toBe(31);
    expect(t.counts['p[E,A]']).toBe(25);
    expect(t.counts['p[A,E]']).toBe(24);
    expect(t.reasons.join(' ')).toContain('Option E');
  });

  // M. Schulze, "The Schulze Method of Voting", arXiv:1804.02973, section 3 (winning votes).
  it('arXiv:1804.02973 example 1 (21 voters): D wins', () => {
    expect(schulze(['A', 'B', 'C', 'D'], profile(strict('ACDB*8 BADC*2 CDBA*4 DBAC*4 DCBA*3'))).winners).toEqual(['D']);
  });

  it('arXiv:1804.02973 example 2 (30 voters): C wins', () => {
    expect(schulze(['A', 'B', 'C', 'D'], profile(strict('ACDB*3 BACD*9 CDAB*8 DABC*5 DBCA*5'))).winners).toEqual(['C']);
  });

  it('arXiv:1804.02973 example 4 (9 voters): B and D tie, so the tally decides nothing', () => {
    const text = strict('ABCD*3 CBDA*2 DABC*2 DBCA*2');
    expect(schulze(['A', 'B', 'C', 'D'], profile(text)).winners).toEqual(['B', 'D']);
    const { ballots, electorate } = ballotsOf(text);
    const t = tally({ rule: ranked, electorate, ballots, delegations: [], topic: 'motion', vetoes: [], options: options('ABCD') });
    expect(t.winners).toEqual(['B', 'D']);
    expect(t.outcome).toBe('rejected');
    expect(t.reasons.join(' ')).toContain('tie between Option B, Option D');
  });

  it('arXiv:1804.02973 example 5 (63 voters, weighted): d wins', () => {
    expect(schulze(['a', 'b', 'c', 'd'], profile(strict('abcd*12 adbc*6 bcda*9 cdab*15 dbac*21'))).winners).toEqual(['d']);
  });

  it('arXiv:1804.02973 example 6 (truncated ballots, unlisted last): A and D tie', () => {
    expect(schulze(['A', 'B', 'C', 'D'], profile('A>C>D*6 B>A>D*1 C>B>D*3 D>B>A*3 D>C>B*2')).winners).toEqual(['A', 'D']);
  });

  it('arXiv:1804.02973 example 10 (ballots with ties, 144 voters): D wins with winning votes', () => {
    const text = 'A>B>C>D*6 A=B*8 A=C*8 A=C>D*18 A=C=D*8 B*40 C>B>D*4 C>D>A*9 C=D*8 D>A>B*14 D>B>C*11 D>C>A*4';
    expect(schulze(['A', 'B', 'C', 'D'], profile(text)).winners).toEqual(['D']);
  });

  it('weights from delegation count like that many identical ballots', () => {
    // Example 1 again, but each group is one voter carrying the rest of the group by delegation.
    const groups = profile(strict('ACDB*8 BADC*2 CDBA*4 DBAC*4 DCBA*3'));
    const electorate = members(21);
    const ballots: Ballot[] = [];
    const delegations = [];
    let next = 0;
    for (const { ranking, weight } of groups) {
      const head = electorate[next]!;
      ballots.push({ voterId: head, choice: { method: 'schulze', ranking }, castAt: at(next) });
      for (let i = 1; i < weight; i++) delegations.push({ delegatorId: electorate[next + i]!, delegateId: head, topic: 'motion' as const, createdAt: at(0) });
      next += weight;
    }
    const t = tally({ rule: ranked, electorate, ballots, delegations, topic: 'motion', vetoes: [], options: options('ABCD') });
    expect(t.turnout).toBe(21);
    expect(t.winners).toEqual(['D']);
    expect(t.weights).toEqual({ m00: 8, m08: 2, m10: 4, m14: 4, m18: 3 });
  });

  it('a ranked vote without two options is refused', () => {
    expect(() => tally({ rule: ranked, electorate: ['a'], ballots: [], delegations: [], topic: 'motion', vetoes: [], options: options('A') })).toThrow(/options/);
  });
});
