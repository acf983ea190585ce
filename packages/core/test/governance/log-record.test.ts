import { describe, expect, it } from 'vitest';
import {
  assertNoPersonalData,
  ballotFields,
  choiceFromFields,
  decidedFields,
  openedFields,
  proposalTrails,
  recountProposal,
  resultDigest,
  ruleFromFields,
  tallyRecord,
  validateBallot,
  type Ballot,
  type BallotChoice,
  type DecisionRule,
  type Delegation,
  type LogEntryBody,
  type ProposalOption,
  type TallyRecord,
  type Veto,
} from '../../src/index.ts';
import { at, members, prng, r, rule, T0 } from './helpers.ts';

/**
 * The log format of a vote (rule G3): every ballot method survives the trip through a log entry,
 * and a recount from the entries alone gives the very result the closer computed — for random
 * votes of every method, with delegations and vetoes — while any tampering shows.
 */

const P = '6f1c2b9e-0000-4000-8000-0000000000aa';
const OPTIONS: ProposalOption[] = [
  { id: 'hall', label: 'The union hall' },
  { id: 'park', label: 'The park' },
  { id: 'online', label: 'Online' },
];

const entry = (type: string, actor: string, time: Date, fields: { refs?: Record<string, string>; counts?: Record<string, number>; digests?: Record<string, string> }, subject?: string): LogEntryBody => {
  const e: LogEntryBody = { v: 1, type, time: time.toISOString(), collective: 'c', actor, ...(subject ? { subject } : {}), ...fields };
  assertNoPersonalData(e);
  return e;
};

/** Writes a vote's record as the app logs it: opened, ballots, vetoes, counted delegations, decided. */
function logOfRecord(record: TallyRecord, delegationAllowed = true): LogEntryBody[] {
  const opened = entry('proposal.opened', 'p:opener', T0, openedFields({ proposalId: P, topic: record.topic, rule: record.rule, options: record.options, electorate: record.electorate, delegation: delegationAllowed, charterVersion: 1, contentDigest: '0'.repeat(64) }));
  const result = tallyRecord(record);
  const closeAt = at(60 * 24 * record.rule.votingPeriodDays);
  return [
    opened,
    ...record.ballots.map((b) => entry('ballot.cast', b.voterId, b.castAt, ballotFields(P, b.choice, record.options))),
    ...record.vetoes.map((v) => entry('proposal.vetoed', 'p:holder', v.at, { refs: { proposal: P, holder: v.holder } })),
    ...record.delegations.map((d) => entry('delegation.counted', d.delegatorId, closeAt, { refs: { proposal: P, topic: d.topic } }, d.delegateId)),
    entry('proposal.decided', 'system', closeAt, decidedFields(P, result, 'none')),
  ];
}

const recount = (entries: LogEntryBody[]) => recountProposal(proposalTrails(entries).get(P)!);

const voter = (i: number) => `v:voter${String(i).padStart(2, '0')}`;

const RULES: Record<string, { rule: DecisionRule; options: ProposalOption[] }> = {
  majority: { rule: rule({ quorum: r(1, 5) }), options: [] },
  supermajority: { rule: rule({ method: 'supermajority', threshold: r(2, 3), quorum: r(1, 3) }), options: [] },
  consent: { rule: rule({ method: 'consent', quorum: r(1, 4) }), options: [] },
  quadratic: { rule: rule({ method: 'quadratic', voiceCredits: 25 }), options: OPTIONS },
  quadraticYes: { rule: rule({ method: 'quadratic', voiceCredits: 9 }), options: [] },
  schulze: { rule: rule({ method: 'schulze', quorum: r(1, 10) }), options: OPTIONS },
};

function randomChoice(rnd: ReturnType<typeof prng>, method: string, options: ProposalOption[]): BallotChoice {
  switch (method) {
    case 'majority':
    case 'supermajority':
      return { method, vote: rnd.pick(['yes', 'no', 'abstain'] as const) };
    case 'consent':
      return rnd.chance(0.2) ? { method, vote: 'object', reason: 'It harms the night shift.' } : { method, vote: rnd.pick(['consent', 'abstain'] as const) };
    case 'quadratic': {
      const ids = options.length ? options.map((o) => o.id) : ['yes'];
      const votes: Record<string, number> = {};
      for (const id of ids) if (rnd.chance(0.6)) votes[id] = rnd.int(-2, 2);
      return { method, votes };
    }
    default: {
      const ids = rnd.shuffle(options.map((o) => o.id)).slice(0, rnd.int(1, options.length));
      const ranking: string[][] = [];
      for (const id of ids) if (ranking.length > 0 && rnd.chance(0.3)) ranking.at(-1)!.push(id); else ranking.push([id]);
      return { method: 'schulze', ranking };
    }
  }
}

describe('a ballot in the log', () => {
  it('every method’s choice survives the trip through an entry, as ids and numbers only', () => {
    const cases: Array<[BallotChoice, ProposalOption[]]> = [
      [{ method: 'majority', vote: 'no' }, []],
      [{ method: 'supermajority', vote: 'abstain' }, []],
      [{ method: 'consent', vote: 'consent' }, []],
      [{ method: 'quadratic', votes: { hall: 3, online: -2 } }, OPTIONS],
      [{ method: 'quadratic', votes: { yes: 2 } }, []],
      [{ method: 'schulze', ranking: [['park'], ['hall', 'online']] }, OPTIONS],
    ];
    for (const [choice, options] of cases) {
      const fields = ballotFields(P, choice, options);
      expect(choiceFromFields(choice.method, options, fields)).toEqual(choice);
    }
    expect(ballotFields(P, { method: 'schulze', ranking: [['park'], ['hall', 'online']] }, OPTIONS)).toEqual({ refs: { proposal: P }, counts: { 'rank.1': 0, 'rank.0': 1, 'rank.2': 1 } });
  });

  it('an objection is logged without its reason and read back as a reasoned objection', () => {
    const fields = ballotFields(P, { method: 'consent', vote: 'object', reason: 'It would expose where we live.' }, []);
    expect(JSON.stringify(fields)).not.toContain('expose');
    const back = choiceFromFields('consent', [], fields)!;
    expect(back).toMatchObject({ method: 'consent', vote: 'object' });
    expect(() => validateBallot(back, RULES.consent!.rule)).not.toThrow();
  });

  it('entries that are not ballots of this vote read as nothing', () => {
    expect(choiceFromFields('majority', [], { refs: { vote: 'maybe' } })).toBeUndefined();
    expect(choiceFromFields('quadratic', OPTIONS, { counts: { 'votes.7': 1 } })).toBeUndefined();
    expect(choiceFromFields('schulze', OPTIONS, { counts: { 'rank.0': -1 } })).toBeUndefined();
  });

  it('the decision rule is read back from the opening entry’s numbers', () => {
    for (const { rule: x, options } of Object.values(RULES)) {
      const fields = openedFields({ proposalId: P, topic: 'motion', rule: x, options, electorate: members(3), delegation: true, charterVersion: 2, contentDigest: '0'.repeat(64) });
      expect(ruleFromFields(fields)).toEqual(x);
    }
  });
});

describe('[G3] a recount from the log alone', () => {
  it('gives the closer’s result for random votes of every method, with delegations and vetoes', () => {
    const rnd = prng(20260301);
    const outcomes = new Set<string>();
    let delegated = 0;
    for (let round = 0; round < 120; round++) {
      const [method, { rule: x, options }] = rnd.pick(Object.entries(RULES));
      const electorate = Array.from({ length: rnd.int(1, 30) }, (_, i) => voter(i));
      const ballots: Ballot[] = [];
      for (const v of electorate) {
        if (!rnd.chance(0.6)) continue;
        // Some members change their ballot before the close; the latest counts.
        for (let k = rnd.int(1, 2); k > 0; k--) ballots.push({ voterId: v, choice: randomChoice(rnd, method.replace('Yes', ''), options), castAt: at(rnd.int(1, 5000)) });
      }
      ballots.sort((a, b) => a.castAt.getTime() - b.castAt.getTime());
      const delegations: Delegation[] = [];
      for (const v of electorate) if (rnd.chance(0.3)) delegations.push({ delegatorId: v, delegateId: rnd.pick(electorate), topic: rnd.pick(['*', 'motion'] as const), createdAt: at(10_080) });
      const own = delegations.filter((d, i) => d.delegatorId !== d.delegateId && delegations.findIndex((e) => e.delegatorId === d.delegatorId && e.topic === d.topic) === i);
      const vetoes: Veto[] = rnd.chance(0.1) ? [{ holder: 'Elders’ council', vetoerId: 'p:elder', reason: 'Not logged', at: at(100) }] : [];
      const record: TallyRecord = { rule: x, topic: 'motion', options, electorate, ballots, delegations: own, vetoes };
      const expected = tallyRecord(record);
      const got = recount(logOfRecord(record));
      expect(got.problems, `round ${round}`).toEqual([]);
      expect(got.digest).toBe(resultDigest(expected));
      const { reasons: _a, ...decisive } = expected;
      expect(got.result).toMatchObject(decisive);
      outcomes.add(`${method} ${expected.outcome}`);
      delegated += expected.counts.delegated ?? 0;
    }
    // The random votes reach every outcome of several methods, and delegations carry votes.
    expect(outcomes.size).toBeGreaterThan(12);
    expect(delegated).toBeGreaterThan(20);
  });

  it('notices a changed ballot, a changed rule, a result the ballots do not give, and an electorate too small', () => {
    const record: TallyRecord = {
      rule: rule({ quorum: r(1, 5) }),
      topic: 'motion',
      options: [],
      electorate: members(5).map((m) => `v:${m}`),
      ballots: [0, 1, 2].map((i) => ({ voterId: `v:m0${i}`, choice: { method: 'majority', vote: i === 2 ? 'no' : 'yes' }, castAt: at(i + 1) })),
      delegations: [],
      vetoes: [],
    };
    const clean = logOfRecord(record);
    expect(recount(clean)).toMatchObject({ status: 'passed', problems: [] });

    const flipped = structuredClone(clean);
    flipped[1]!.refs!.vote = 'no';
    expect(recount(flipped).problems).toEqual(['the decided entry names another result than the recount', 'the decided entry says passed, the recount says rejected']);

    const reruled = structuredClone(clean);
    reruled[0]!.counts!.quorumNum = 4;
    expect(recount(reruled).problems).toContain('the decision rule does not match its logged digest');

    const small = structuredClone(clean);
    small[0]!.counts!.electorate = 2;
    expect(recount(small).problems).toContain('the log names 3 voters but the electorate has 2');

    const late = structuredClone(clean);
    late[2]!.time = at(60 * 24 * 8).toISOString();
    expect(recount(late).problems).toContain('ballot entry 2 was cast outside the voting period');

    expect(recountProposal({ proposalId: P, ballots: [], vetoes: [], delegations: [] }).problems).toEqual(['the log has no opening entry for this proposal']);
  });

  it('counts no delegation the charter did not allow', () => {
    const record: TallyRecord = {
      rule: rule(),
      topic: 'motion',
      options: [],
      electorate: ['v:a', 'v:b'],
      ballots: [{ voterId: 'v:a', choice: { method: 'majority', vote: 'yes' }, castAt: at(1) }],
      delegations: [{ delegatorId: 'v:b', delegateId: 'v:a', topic: '*', createdAt: at(2) }],
      vetoes: [],
    };
    expect(recount(logOfRecord(record, false)).problems).toContain('delegations were counted although the charter did not allow them');
  });
});
