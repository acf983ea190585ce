import { describe, expect, it } from 'vitest';
import {
  DECISION_KINDS, PURPOSES, RECIPIENT_CATEGORIES, evaluateRequest, applicableVetoRights, nextStatus, outcomeEvent, outcomeStatus, tally, validateCharter, yieldsGrant,
  type AccessRequestTerms, type Ballot, type BallotChoice, type Charter, type DecisionRule, type Delegation, type PolicyRule, type PolicyTarget, type ProposalStatus, type Veto,
} from '../../src/index.ts';
import { at, members, prng, starter } from './helpers.ts';

/**
 * Property test over random charters, requests and votes, modelling the app's flow:
 * evaluateRequest → forbidden: no proposal, no grant; allowed: a grant without a vote;
 * vote: a proposal is opened, ballots, delegations and vetoes arrive, the tally decides, and
 * the outcome's status yields a grant only if it is `passed`.
 */

type Rnd = ReturnType<typeof prng>;
const PURPOSE_IDS = PURPOSES.map((p) => p.id);
const DATASETS = ['work_tasks', 'pay_items', 'shifts', 'health_records'];
const CURRENCIES = ['EUR', 'GBP'];

function some<T>(rnd: Rnd, xs: readonly T[]): T[] {
  const out = xs.filter(() => rnd.chance(0.4));
  return out.length > 0 ? out : [rnd.pick(xs)];
}

function randomTarget(rnd: Rnd): PolicyTarget {
  const t: PolicyTarget = {};
  if (rnd.chance(0.6)) t.purposes = some(rnd, PURPOSE_IDS);
  if (rnd.chance(0.6)) t.recipients = some(rnd, RECIPIENT_CATEGORIES);
  if (rnd.chance(0.4)) t.datasets = some(rnd, DATASETS);
  return t;
}

function randomDecisionRule(rnd: Rnd): DecisionRule {
  const method = rnd.pick(['majority', 'supermajority', 'consent', 'quadratic'] as const);
  const den = rnd.int(1, 10);
  const threshold = method === 'majority' ? { num: rnd.int(0, den - 1), den } : method === 'supermajority' ? { num: rnd.int(Math.ceil(den / 2), den), den } : { num: 1, den: 2 };
  const qden = rnd.int(1, 10);
  const rule: DecisionRule = { method, quorum: { num: rnd.int(0, qden), den: qden }, threshold, votingPeriodDays: rnd.int(1, 30) };
  if (method === 'quadratic') rule.voiceCredits = rnd.int(1, 30);
  return rule;
}

function randomCharter(rnd: Rnd): Charter {
  const c = starter('union');
  c.rules = Array.from({ length: rnd.int(0, 6) }, (_, i): PolicyRule => {
    const effect = rnd.pick(['permit', 'prohibit', 'vote'] as const);
    const rule: PolicyRule = { id: `r${i}`, effect, target: randomTarget(rnd), reason: `Rule ${i}.` };
    if (effect === 'vote' && rnd.chance(0.3)) rule.decision = rnd.pick(DECISION_KINDS);
    if (effect !== 'prohibit' && rnd.chance(0.5)) {
      rule.constraints = rnd.chance(0.5) ? { maxDurationDays: rnd.int(1, 400) } : { minPriceMinor: rnd.int(0, 100_000), currency: rnd.pick(CURRENCIES) };
    }
    return rule;
  });
  c.otherwise = rnd.pick(['vote', 'prohibit'] as const);
  const perMember = rnd.int(10_000, 2_000_000);
  c.privacy = { maxRhoMicroPerRequest: rnd.int(0, Math.min(perMember, 100_000)), maxRhoMicroPerMemberPerPeriod: perMember, periodDays: 365 };
  c.priceFloors = rnd.chance(0.3) ? [{ recipients: some(rnd, RECIPIENT_CATEGORIES), currency: rnd.pick(CURRENCIES), minPriceMinor: rnd.int(0, 100_000) }] : [];
  for (const k of DECISION_KINDS) c.decisions[k] = randomDecisionRule(rnd);
  c.vetoes = rnd.chance(0.7) ? [{ holder: 'Council', members: { userIds: ['elder'] }, kinds: some(rnd, DECISION_KINDS), ...(rnd.chance(0.5) ? { target: randomTarget(rnd) } : {}) }] : [];
  return validateCharter(c);
}

function randomRequest(rnd: Rnd): AccessRequestTerms {
  return {
    purpose: rnd.pick(PURPOSE_IDS),
    recipient: rnd.pick(RECIPIENT_CATEGORIES),
    datasets: some(rnd, DATASETS),
    // Mostly modest budgets, sometimes huge ones, so both sides of the privacy limit are tried.
    rhoMicro: rnd.chance(0.85) ? rnd.int(1, 20_000) : rnd.int(1, 2_000_000),
    price: { amountMinor: rnd.int(0, 150_000), currency: rnd.pick(CURRENCIES) },
    durationDays: rnd.int(1, 400),
  };
}

function randomChoice(rnd: Rnd, rule: DecisionRule): BallotChoice {
  switch (rule.method) {
    case 'majority':
    case 'supermajority':
      return { method: rule.method, vote: rnd.pick(['yes', 'yes', 'no', 'abstain'] as const) };
    case 'consent': {
      const vote = rnd.pick(['consent', 'consent', 'consent', 'object', 'abstain'] as const);
      // Sometimes an objection without a reason, as if it slipped past validation.
      return vote === 'object' && rnd.chance(0.7) ? { method: 'consent', vote, reason: 'Harms members.' } : { method: 'consent', vote };
    }
    default: {
      // Sometimes over budget, as if it slipped past validation.
      const n = rnd.int(-6, 6);
      return { method: 'quadratic', votes: { yes: n } };
    }
  }
}

/** The modelled app flow; returns whether a grant results and the forbidding decision if any. */
function flow(rnd: Rnd, charter: Charter, req: AccessRequestTerms): { granted: boolean; forbidden: boolean; status?: ProposalStatus; vetoed: boolean } {
  const decision = evaluateRequest(charter, req);
  if (decision.outcome === 'forbidden') return { granted: false, forbidden: true, vetoed: false };
  if (decision.outcome === 'allowed') return { granted: true, forbidden: false, vetoed: false };
  const rule = charter.decisions[decision.decision];
  const electorate = members(rnd.int(1, 12));
  const ballots: Ballot[] = electorate.filter(() => rnd.chance(0.7)).map((v, i) => ({ voterId: v, choice: randomChoice(rnd, rule), castAt: at(i) }));
  const delegations: Delegation[] = charter.delegation.allowed ? electorate.filter(() => rnd.chance(0.3)).map((v) => ({ delegatorId: v, delegateId: rnd.pick(electorate), topic: rnd.pick([...DECISION_KINDS, '*'] as const), createdAt: at(0) })) : [];
  const rights = applicableVetoRights(charter, decision.decision, req);
  const vetoes: Veto[] = rights.length > 0 && rnd.chance(0.5) ? [{ holder: rights[0]!.holder, vetoerId: 'elder', reason: 'Harm to the community.', at: at(1) }] : [];
  const result = tally({ rule, electorate, ballots, delegations, topic: decision.decision, vetoes });
  let status: ProposalStatus = nextStatus(nextStatus('draft', 'open'), 'close');
  status = nextStatus(status, outcomeEvent(result));
  expect(status).toBe(outcomeStatus(result));
  return { granted: yieldsGrant(status), forbidden: false, status, vetoed: vetoes.length > 0 };
}

/** An oracle written separately from the evaluator: requests a charter must forbid. */
function mustForbid(c: Charter, r: AccessRequestTerms): boolean {
  const banned = c.rules.some((x) => x.effect === 'prohibit' && (!x.target.purposes || x.target.purposes.includes(r.purpose)) && (!x.target.recipients || x.target.recipients.includes(r.recipient)) && (!x.target.datasets || x.target.datasets.some((d) => r.datasets.includes(d))));
  const floors = c.priceFloors.filter((f) => f.recipients.includes(r.recipient));
  const underFloor = floors.length > 0 && !floors.some((f) => f.currency === r.price.currency && r.price.amountMinor >= f.minPriceMinor);
  return banned || r.rhoMicro > c.privacy.maxRhoMicroPerRequest || underFloor;
}

describe('governance properties', () => {
  it('[G1][G2] any request the evaluator forbids never yields a grant, whatever the votes', () => {
    const rnd = prng(20261125);
    const seen = { forbidden: 0, granted: 0, passedVotes: 0, vetoed: 0, rejected: 0, expired: 0 };
    for (let i = 0; i < 3000; i++) {
      const charter = randomCharter(rnd);
      const req = randomRequest(rnd);
      // Many electorates and ballots for the same request: votes must never turn "forbidden" into a grant.
      for (let j = 0; j < 3; j++) {
        const out = flow(rnd, charter, req);
        if (mustForbid(charter, req)) expect(out.forbidden).toBe(true);
        if (out.forbidden) expect(out.granted).toBe(false);
        if (out.vetoed) expect(out.status).toBe('vetoed');
        if (out.status === 'vetoed' || out.status === 'rejected' || out.status === 'expired') expect(out.granted).toBe(false);
        if (out.forbidden) seen.forbidden++;
        if (out.granted) seen.granted++;
        if (out.status === 'passed') seen.passedVotes++;
        if (out.status === 'vetoed') seen.vetoed++;
        if (out.status === 'rejected') seen.rejected++;
        if (out.status === 'expired') seen.expired++;
      }
    }
    // The generator reaches every branch, so the property is not vacuous.
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(50);
  });
});
