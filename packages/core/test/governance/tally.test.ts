import { describe, expect, it } from 'vitest';
import { tally, validateBallot, ValidationError, type Ballot, type TallyInput, type Veto } from '../../src/index.ts';
import { abstain, at, ballot, delegate, members, no, prng, r, rule, sm, yes } from './helpers.ts';

const base = (over: Partial<TallyInput>): TallyInput => ({ rule: rule(), electorate: members(10), ballots: [], delegations: [], topic: 'access_request', vetoes: [], ...over });
const veto: Veto = { holder: 'Elders’ council', vetoerId: 'elder-1', reason: 'This study would expose sacred sites.', at: at(5) };

describe('majority', () => {
  const m = members(10);
  it('more than half of yes and no passes; exactly half does not', () => {
    expect(tally(base({ ballots: [yes(m[0]!), yes(m[1]!), no(m[2]!)] })).outcome).toBe('passed');
    const tie = tally(base({ ballots: [yes(m[0]!), no(m[1]!), abstain(m[2]!)] }));
    expect(tie.outcome).toBe('rejected');
    expect(tie.counts).toMatchObject({ yes: 1, no: 1, abstain: 1 });
    expect(tie.reasons.join(' ')).toContain('yes 1 of 2 yes-or-no votes (50%)');
  });

  it('abstentions count for the quorum but not for the share', () => {
    const t = tally(base({ rule: rule({ quorum: r(1, 2) }), ballots: [yes(m[0]!), abstain(m[1]!), abstain(m[2]!), abstain(m[3]!), abstain(m[4]!)] }));
    expect(t.turnout).toBe(5);
    expect(t.quorumMet).toBe(true);
    expect(t.outcome).toBe('passed');
  });

  it('quorum exactly met passes; one short is no_quorum', () => {
    const q = rule({ quorum: r(3, 10) });
    expect(tally(base({ rule: q, ballots: [yes(m[0]!), yes(m[1]!), no(m[2]!)] }))).toMatchObject({ outcome: 'passed', turnout: 3, quorumMet: true });
    const short = tally(base({ rule: q, ballots: [yes(m[0]!), yes(m[1]!)] }));
    expect(short).toMatchObject({ outcome: 'no_quorum', turnout: 2, quorumMet: false });
    expect(short.reasons.join(' ')).toContain('2 of 10 members took part (20%)');
  });

  it('nobody voting is never a quorum, even with a zero quorum', () => {
    expect(tally(base({ rule: rule({ quorum: r(0, 1) }) })).outcome).toBe('no_quorum');
  });
});

describe('supermajority', () => {
  const m = members(30);
  const twoThirds = rule({ method: 'supermajority', threshold: r(2, 3), quorum: r(1, 10) });
  it('exactly ⅔ passes; one vote short does not', () => {
    const exact = [...m.slice(0, 10).map((v) => sm(v, 'yes')), ...m.slice(10, 15).map((v) => sm(v, 'no'))];
    const t = tally(base({ rule: twoThirds, electorate: m, ballots: exact }));
    expect(t.outcome).toBe('passed');
    expect(t.reasons.join(' ')).toContain('yes 10 of 15 yes-or-no votes (66.7%)');
    expect(t.reasons.join(' ')).toContain('⅔ (66.7%)');
    const short = [...m.slice(0, 9).map((v) => sm(v, 'yes')), ...m.slice(9, 14).map((v) => sm(v, 'no'))];
    expect(tally(base({ rule: twoThirds, electorate: m, ballots: short })).outcome).toBe('rejected');
  });

  it('only abstentions is not a supermajority of anything', () => {
    expect(tally(base({ rule: twoThirds, electorate: m, ballots: m.slice(0, 10).map((v) => sm(v, 'abstain')) })).outcome).toBe('rejected');
  });
});

describe('consent', () => {
  const m = members(6);
  const consentRule = rule({ method: 'consent', quorum: r(1, 2) });
  const c = (v: string, vote: 'consent' | 'object' | 'abstain', reason?: string) => ballot(v, reason === undefined ? { method: 'consent', vote } : { method: 'consent', vote, reason });

  it('passes when no reasoned objection stands', () => {
    const t = tally(base({ rule: consentRule, electorate: m, ballots: [c(m[0]!, 'consent'), c(m[1]!, 'consent'), c(m[2]!, 'abstain')] }));
    expect(t.outcome).toBe('passed');
    expect(t.reasons.join(' ')).toContain('No objection stands');
  });

  it('one reasoned objection blocks it, with its weight', () => {
    const t = tally(base({
      rule: consentRule,
      electorate: m,
      ballots: [c(m[0]!, 'consent'), c(m[1]!, 'consent'), c(m[2]!, 'object', 'Members were not told about this study.')],
      delegations: [delegate(m[3]!, m[2]!)],
    }));
    expect(t.outcome).toBe('rejected');
    expect(t.counts).toMatchObject({ consent: 2, object: 2, objections: 1 });
  });

  it('an objection without a reason is refused when cast, and not counted if it slipped into the log', () => {
    expect(() => validateBallot({ method: 'consent', vote: 'object' }, consentRule)).toThrow(ValidationError);
    try {
      validateBallot({ method: 'consent', vote: 'object', reason: '   ' }, consentRule);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.field)).toEqual(['choice.reason']);
    }
    const t = tally(base({ rule: consentRule, electorate: m, ballots: [c(m[0]!, 'consent'), c(m[1]!, 'consent'), c(m[2]!, 'consent'), c(m[3]!, 'object')] }));
    expect(t.outcome).toBe('passed');
    expect(t.counts.invalid).toBe(1);
  });
});

describe('quadratic', () => {
  const m = members(4);
  const q = rule({ method: 'quadratic', voiceCredits: 25, quorum: r(1, 4) });
  const opts = [{ id: 'park', label: 'Park' }, { id: 'fund', label: 'Hardship fund' }, { id: 'app', label: 'New app' }];
  const qv = (v: string, votes: Record<string, number>) => ballot(v, { method: 'quadratic', votes });

  it('a ballot over budget is refused: 4² + 3² = 25 fits in 25 credits, 5² + 1² = 26 does not', () => {
    expect(validateBallot({ method: 'quadratic', votes: { park: 4, fund: -3 } }, q, opts)).toEqual({ method: 'quadratic', votes: { park: 4, fund: -3 } });
    try {
      validateBallot({ method: 'quadratic', votes: { park: 5, fund: 1 } }, q, opts);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues).toEqual([{ field: 'choice.votes', message: 'these votes cost 26 voice credits (each option costs votes²); you have 25' }]);
    }
    expect(() => validateBallot({ method: 'quadratic', votes: { park: 1.5 } }, q, opts)).toThrow(/choice\.votes\.park/);
    expect(() => validateBallot({ method: 'quadratic', votes: { moon: 1 } }, q, opts)).toThrow(/choice\.votes\.moon/);
  });

  it('totals, each ballot’s cost and the winner', () => {
    const t = tally(base({ rule: q, electorate: m, options: opts, ballots: [qv(m[0]!, { park: 3, fund: 4 }), qv(m[1]!, { fund: 5 }), qv(m[2]!, { park: 5 }), qv(m[3]!, { app: 2, fund: -2 })] }));
    expect(t.counts).toMatchObject({ 'total:park': 8, 'total:fund': 7, 'total:app': 2, 'cost:m00': 25, 'cost:m01': 25, 'cost:m02': 25, 'cost:m03': 8 });
    expect(t.winners).toEqual(['park']);
    expect(t.outcome).toBe('passed');
    expect(t.reasons.join(' ')).toContain('Park 8, Hardship fund 7, New app 2');
  });

  it('a delegate’s votes are multiplied by their weight, the cost is not', () => {
    const t = tally(base({
      rule: q, electorate: m, options: opts,
      ballots: [qv(m[0]!, { fund: 3 }), qv(m[1]!, { park: 5 })],
      delegations: [delegate(m[2]!, m[0]!), delegate(m[3]!, m[0]!)],
    }));
    expect(t.counts).toMatchObject({ 'total:fund': 9, 'total:park': 5, 'cost:m00': 9 });
    expect(t.winners).toEqual(['fund']);
  });

  it('a tie at the top decides nothing; no positive total decides nothing', () => {
    expect(tally(base({ rule: q, electorate: m, options: opts, ballots: [qv(m[0]!, { park: 2 }), qv(m[1]!, { fund: 2 })] }))).toMatchObject({ outcome: 'rejected', winners: ['park', 'fund'] });
    expect(tally(base({ rule: q, electorate: m, options: opts, ballots: [qv(m[0]!, { park: -2 })] }))).toMatchObject({ outcome: 'rejected', winners: [] });
  });

  it('with a single yes option it passes iff the total is above zero', () => {
    const one = [qv(m[0]!, { yes: 3 }), qv(m[1]!, { yes: -2 })];
    expect(tally(base({ rule: q, electorate: m, ballots: one }))).toMatchObject({ outcome: 'passed', counts: { 'total:yes': 1 } });
    const even = [qv(m[0]!, { yes: 2 }), qv(m[1]!, { yes: -2 })];
    expect(tally(base({ rule: q, electorate: m, ballots: even })).outcome).toBe('rejected');
  });
});

describe('ballots', () => {
  const m = members(5);
  it('the latest ballot per voter counts; equal times go to the later in the log', () => {
    const t = tally(base({ electorate: m, ballots: [ballot(m[0]!, { method: 'majority', vote: 'no' }, at(1)), ballot(m[0]!, { method: 'majority', vote: 'yes' }, at(2))] }));
    expect(t.counts).toMatchObject({ yes: 1, no: 0 });
    const same = tally(base({ electorate: m, ballots: [ballot(m[0]!, { method: 'majority', vote: 'yes' }, at(3)), ballot(m[0]!, { method: 'majority', vote: 'no' }, at(3))] }));
    expect(same.counts).toMatchObject({ yes: 0, no: 1 });
  });

  it('ballots of non-members and of the wrong method are not counted', () => {
    const t = tally(base({ electorate: m, ballots: [yes('stranger'), ballot(m[0]!, { method: 'consent', vote: 'consent' }), yes(m[1]!)] }));
    expect(t.counts).toMatchObject({ yes: 1, ballots: 1, invalid: 1 });
    expect(() => validateBallot({ method: 'consent', vote: 'consent' }, rule())).toThrow(/choice\.method/);
  });
});

describe('veto', () => {
  const m = members(10);
  it('[G2] a veto wins over a unanimous yes', () => {
    const t = tally(base({ electorate: m, ballots: m.map(yes), vetoes: [veto] }));
    expect(t.outcome).toBe('vetoed');
    expect(t.counts.yes).toBe(10);
    expect(t.reasons[0]).toContain('Vetoed by Elders’ council');
  });

  it('[G2] a veto wins even without quorum', () => {
    expect(tally(base({ electorate: m, ballots: [], vetoes: [veto] })).outcome).toBe('vetoed');
  });
});

describe('purity', () => {
  it('[G3] a tally is a pure function of ballots and charter: any order, same result', () => {
    const rnd = prng(7);
    const m = members(40);
    const ballots: Ballot[] = m.slice(0, 30).map((v, i) => ballot(v, { method: 'supermajority', vote: rnd.pick(['yes', 'yes', 'no', 'abstain'] as const) }, at(100 + i)));
    // Some voters changed their minds later.
    for (const v of m.slice(0, 5)) ballots.push(ballot(v, { method: 'supermajority', vote: 'no' }, at(500)));
    const delegations = m.slice(30).map((v, i) => delegate(v, m[i]!, i % 2 ? '*' : 'access_request', i));
    const input = base({ rule: rule({ method: 'supermajority', threshold: r(2, 3) }), electorate: m, ballots, delegations });
    const first = tally(input);
    for (let i = 0; i < 20; i++) {
      const again = tally({ ...input, electorate: rnd.shuffle(m), ballots: rnd.shuffle(ballots), delegations: rnd.shuffle(delegations) });
      expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    }
    expect(first.turnout).toBe(40);
  });
});
