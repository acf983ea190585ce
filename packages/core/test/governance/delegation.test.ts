import { describe, expect, it } from 'vitest';
import { currentDelegate, resolveDelegations, tally, wouldCreateCycle, type Delegation } from '../../src/index.ts';
import { delegate, no, rule, yes } from './helpers.ts';

const electorate = ['A', 'B', 'C', 'D', 'E', 'F'];
const resolve = (directVoters: string[], delegations: Delegation[], topic: 'access_request' | 'motion' = 'access_request') =>
  resolveDelegations({ electorate, directVoters, delegations, topic });

describe('delegation (liquid democracy)', () => {
  it('a chain A→B→C ends at C, who voted: C carries weight 3', () => {
    const res = resolve(['C'], [delegate('A', 'B'), delegate('B', 'C')]);
    expect(res.weights).toEqual({ C: 3 });
    expect(res.carriedBy).toEqual({ A: 'C', B: 'C' });
    const t = tally({ rule: rule(), electorate, ballots: [yes('C'), no('D')], delegations: [delegate('A', 'B'), delegate('B', 'C')], topic: 'access_request', vetoes: [] });
    expect(t).toMatchObject({ turnout: 4, counts: { yes: 3, no: 1, delegated: 2 }, weights: { C: 3, D: 1 }, outcome: 'passed' });
    expect(t.reasons.join(' ')).toContain('2 voted directly and 2 through a delegate');
  });

  it('a topic-specific delegation beats "*"', () => {
    const ds = [delegate('A', 'B', '*'), delegate('A', 'C', 'access_request')];
    expect(resolve(['B', 'C'], ds).carriedBy).toEqual({ A: 'C' });
    expect(resolve(['B', 'C'], ds, 'motion').carriedBy).toEqual({ A: 'B' });
    expect(currentDelegate(ds, 'A', 'motion')).toBe('B');
  });

  it('a later delegation for the same topic replaces the earlier one', () => {
    expect(resolve(['B', 'C'], [delegate('A', 'C', '*', 5), delegate('A', 'B', '*', 1)]).carriedBy).toEqual({ A: 'C' });
  });

  it('a direct vote overrides the member’s own delegation, also in the middle of a chain', () => {
    // A→B→C, but B votes: A stops at B; B is not carried to C.
    const res = resolve(['B', 'C'], [delegate('A', 'B'), delegate('B', 'C')]);
    expect(res.weights).toEqual({ B: 2, C: 1 });
    const t = tally({ rule: rule(), electorate, ballots: [no('B'), yes('C')], delegations: [delegate('A', 'B'), delegate('B', 'C')], topic: 'access_request', vetoes: [] });
    expect(t.counts).toMatchObject({ yes: 1, no: 2 });
  });

  it('a chain that loops carries nothing, nor does one ending at a non-voter', () => {
    const loop = resolve(['D'], [delegate('A', 'B'), delegate('B', 'C'), delegate('C', 'A'), delegate('E', 'F')]);
    expect(loop.weights).toEqual({ D: 1 });
    expect(loop.carriedBy).toEqual({});
    expect(loop.uncounted).toEqual(['A', 'B', 'C', 'E', 'F']);
    // Someone delegating into a loop is lost too.
    expect(resolve(['D'], [delegate('A', 'B'), delegate('B', 'C'), delegate('C', 'B')]).uncounted).toEqual(['A', 'B', 'C', 'E', 'F']);
  });

  it('delegations from or to people outside the electorate are ignored', () => {
    const res = resolve(['C'], [delegate('A', 'outsider'), delegate('outsider', 'C'), delegate('ghost', 'C'), delegate('B', 'C')]);
    expect(res.weights).toEqual({ C: 2 });
    expect(res.carriedBy).toEqual({ B: 'C' });
  });

  it('wouldCreateCycle detects self-delegation, short and long cycles', () => {
    expect(wouldCreateCycle([], 'A', 'A', '*')).toBe(true);
    expect(wouldCreateCycle([delegate('B', 'A')], 'A', 'B', 'motion')).toBe(true);
    const long = Array.from({ length: 200 }, (_, i) => delegate(`u${i + 1}`, `u${i + 2}`, 'motion'));
    expect(wouldCreateCycle(long, 'u201', 'u1', 'motion')).toBe(true);
    expect(wouldCreateCycle(long, 'u0', 'u1', 'motion')).toBe(false);
    // The chain is for motions only: closing it for access requests is no loop.
    expect(wouldCreateCycle(long, 'u201', 'u1', 'access_request')).toBe(false);
  });

  it('wouldCreateCycle follows "*" where no topic-specific delegation overrides it', () => {
    // B→A for everything: A delegating to B on any topic loops.
    expect(wouldCreateCycle([delegate('B', 'A', '*')], 'A', 'B', 'charter_amendment')).toBe(true);
    // B→C on motions overrides B's "*" there, so A→B for motions reaches C, not A.
    const ds = [delegate('B', 'A', '*'), delegate('B', 'C', 'motion')];
    expect(wouldCreateCycle(ds, 'A', 'B', 'motion')).toBe(false);
    // A "*" from A would still loop on the other topics.
    expect(wouldCreateCycle(ds, 'A', 'B', '*')).toBe(true);
    // Unless A has a specific delegation on every topic where B leads back.
    const covered = [...ds, delegate('A', 'D', 'access_request'), delegate('A', 'D', 'charter_amendment'), delegate('A', 'D', 'revenue_distribution')];
    expect(wouldCreateCycle(covered, 'A', 'B', '*')).toBe(false);
  });

  it('only a path back to the delegator is a loop; people delegating to them are fine', () => {
    const ds = [delegate('C', 'A'), delegate('A', 'X'), delegate('B', 'D')];
    expect(wouldCreateCycle(ds, 'A', 'B', '*')).toBe(false);
    expect(wouldCreateCycle(ds, 'A', 'C', '*')).toBe(true);
  });
});
