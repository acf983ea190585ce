import { describe, expect, it } from 'vitest';
import { charterDiff, describeCharter, ratioText, STARTER_CHARTERS, validateCharter, ValidationError, type Charter } from '../../src/index.ts';
import { starter } from './helpers.ts';

function fieldsOf(input: unknown): string[] {
  try {
    validateCharter(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => i.field);
  }
  return [];
}

const KINDS = Object.keys(STARTER_CHARTERS) as Array<keyof typeof STARTER_CHARTERS>;

describe('charter validation', () => {
  it.each(KINDS)('the %s starter validates and comes back unchanged', (kind) => {
    expect(validateCharter(starter(kind))).toEqual(STARTER_CHARTERS[kind]);
  });

  it('starters are frozen so nobody edits them for everyone', () => {
    expect(() => (STARTER_CHARTERS.union.rules as unknown[]).push({})).toThrow();
  });

  it('names every bad field by its path', () => {
    // Untyped on purpose (JSON.parse gives any), so the test can write wrong values anywhere.
    const c = JSON.parse(JSON.stringify(STARTER_CHARTERS.union));
    c.format = 2;
    c.title = '';
    c.rules[0].id = 'No Spaces';
    c.rules[1].id = c.rules[2].id;
    c.rules[2].target.purposes = ['dpv:AcademicResearch', 'dpv:Gossip', 'dpv:AcademicResearch'];
    c.rules[2].target.recipients = ['aliens'];
    c.rules[3].constraints = { maxDurationDays: 0, minPriceMinor: 10.5 };
    c.rules[4].effect = 'maybe';
    c.minCohort = 1;
    c.privacy = { maxRhoMicroPerRequest: -1, maxRhoMicroPerMemberPerPeriod: 1.5, periodDays: 30 };
    c.priceFloors = [{ recipients: ['commercial'], currency: 'eur', minPriceMinor: 100 }];
    c.decisions.motion.quorum = { num: 3, den: 2 };
    c.decisions.access_request.votingPeriodDays = 366;
    c.decisions.revenue_distribution = { method: 'quadratic', quorum: { num: 1, den: 4 }, threshold: { num: 1, den: 2 }, votingPeriodDays: 7, voiceCredits: 0 };
    c.decisions.charter_amendment.method = 'dictator';
    c.vetoes = [{ holder: 'Board', members: { userIds: ['u1'] }, kinds: ['motion', 'coup'] }];
    c.delegation = { allowed: 'yes' };
    c.revenue.treasuryShare = { num: 1, den: 0 };
    expect(fieldsOf(c)).toEqual([
      'format',
      'title',
      'rules.0.id',
      'rules.2.target.purposes.1',
      'rules.2.target.purposes.2',
      'rules.2.target.recipients.0',
      'rules.2.id',
      'rules.3.constraints.maxDurationDays',
      'rules.3.constraints.minPriceMinor',
      'rules.3.constraints.currency',
      'rules.4.effect',
      'minCohort',
      'privacy.maxRhoMicroPerRequest',
      'privacy.maxRhoMicroPerMemberPerPeriod',
      'priceFloors.0.currency',
      'decisions.access_request.votingPeriodDays',
      'decisions.charter_amendment.method',
      'decisions.revenue_distribution.voiceCredits',
      'decisions.motion.quorum',
      'vetoes.0.kinds.1',
      'delegation.allowed',
      'revenue.treasuryShare',
    ]);
  });

  it('refuses thresholds that could never pass or would let a minority decide', () => {
    const c = starter('union');
    c.decisions.motion.threshold = { num: 1, den: 1 };
    c.decisions.charter_amendment.threshold = { num: 2, den: 5 };
    c.decisions.access_request.voiceCredits = 10;
    expect(fieldsOf(c)).toEqual(['decisions.access_request.voiceCredits', 'decisions.charter_amendment.threshold', 'decisions.motion.threshold']);
  });

  it('refuses empty target lists, constraints on prohibitions, decisions on permits and reserved ids', () => {
    const c = starter('drivers_cooperative');
    c.rules[0]!.target.purposes = [];
    c.rules[0]!.constraints = { maxDurationDays: 5 };
    c.rules[1]!.decision = 'motion';
    c.rules[2]!.id = 'otherwise';
    c.rules[3]!.target.datasets = ['Work Tasks'];
    expect(fieldsOf(c)).toEqual(['rules.0.target.purposes', 'rules.0.constraints', 'rules.1.decision', 'rules.2.id', 'rules.3.target.datasets.0']);
  });

  it('refuses a second price floor for the same recipient and currency, and a per-request budget above a member’s', () => {
    const c = starter('drivers_cooperative');
    c.priceFloors.push({ recipients: ['academic', 'commercial'], currency: 'EUR', minPriceMinor: 1 });
    c.privacy.maxRhoMicroPerRequest = c.privacy.maxRhoMicroPerMemberPerPeriod + 1;
    expect(fieldsOf(c)).toEqual(['privacy.maxRhoMicroPerRequest', 'priceFloors.1.recipients']);
  });

  it('refuses something that is not a charter at all', () => {
    expect(fieldsOf(null)).toEqual(['charter']);
    expect(fieldsOf({})).toContain('decisions');
  });

  it('drops unknown fields so stored charters stay clean', () => {
    const c = { ...starter('union'), sneaky: true } as Charter & { sneaky: boolean };
    expect(validateCharter(c)).not.toHaveProperty('sneaky');
  });
});

describe('starter charters differ where such collectives differ', () => {
  it('in who may veto, delegation, cohort size and the default for anything unlisted', () => {
    const { union, drivers_cooperative: drivers, health_cooperative: health, indigenous_data_governance: care } = STARTER_CHARTERS;
    expect(union.vetoes).toEqual([]);
    expect(health.vetoes.map((v) => v.holder)).toContain('Health committee');
    expect(care.vetoes[0]).toMatchObject({ holder: 'Elders’ council', kinds: ['access_request', 'charter_amendment'] });
    expect(care.delegation.allowed).toBe(false);
    expect(care.decisions.motion.method).toBe('consent');
    expect(care.otherwise).toBe('prohibit');
    expect(health.minCohort).toBeGreaterThan(Math.max(union.minCohort, drivers.minCohort));
    expect(drivers.decisions.access_request.method).toBe('supermajority');
    expect(union.decisions.access_request.method).toBe('majority');
  });
});

describe('charter diff', () => {
  it('no amendment, no changes', () => {
    expect(charterDiff(STARTER_CHARTERS.union, starter('union'))).toEqual([]);
  });

  it('lists each change with a JSON pointer, in document order', () => {
    const a = starter('union');
    const b = starter('union');
    b.title = 'Union data charter (2027)';
    b.rules[2]!.target.purposes = ['stw:Campaigning'];
    b.rules[3]!.constraints = { maxDurationDays: 180 };
    b.rules.push({ id: 'no-police', effect: 'prohibit', target: { recipients: ['public_body'], purposes: ['dpv:PublicBenefit'] }, reason: 'Not for policing.' });
    b.decisions.motion.quorum = { num: 1, den: 4 };
    delete (b as Partial<Charter>).preamble;
    expect(charterDiff(a, b)).toEqual([
      { path: '/title', before: 'Union data charter', after: 'Union data charter (2027)' },
      { path: '/preamble', before: a.preamble },
      { path: '/rules/2/target/purposes', before: ['stw:CollectiveBargaining', 'stw:Campaigning', 'dpv:ServiceOptimisation'], after: ['stw:Campaigning'] },
      { path: '/rules/3/constraints/maxDurationDays', before: 365, after: 180 },
      { path: '/rules/5', after: b.rules[5] },
      { path: '/decisions/motion/quorum/den', before: 10, after: 4 },
    ]);
    // Deterministic: the same pair gives the same list, and reversing swaps before and after.
    expect(charterDiff(a, b)).toEqual(charterDiff(a, b));
    expect(charterDiff(b, a).map((c) => c.path)).toEqual(['/title', '/rules/2/target/purposes', '/rules/3/constraints/maxDurationDays', '/rules/5', '/decisions/motion/quorum/den', '/preamble']);
  });
});

describe('plain language', () => {
  it('ratios read as fractions with percentages', () => {
    expect(ratioText({ num: 2, den: 3 })).toBe('⅔ (66.7%)');
    expect(ratioText({ num: 4, den: 6 })).toBe('⅔ (66.7%)');
    expect(ratioText({ num: 1, den: 5 })).toBe('⅕ (20%)');
    expect(ratioText({ num: 3, den: 10 })).toBe('3/10 (30%)');
    expect(ratioText({ num: 1, den: 1 })).toBe('1 (100%)');
  });

  it('the union charter reads like its rules', () => {
    const lines = describeCharter(STARTER_CHARTERS.union);
    expect(lines).toContain('Any use by companies: never allowed — We do not sell or give our members’ data to companies.');
    expect(lines).toContain(
      'University research, Non-profit research or Public interest by universities, non-profits or public bodies: needs a vote, simple majority (more than ½ (50%) of yes and no votes), at least ⅕ (20%) of members taking part, 7 days, for at most 365 days — Research can help workers, so members decide each study together.',
    );
    expect(lines).toContain('Privacy: one request may use at most ρ = 0.1; each member’s data at most ρ = 1 every 365 days.');
    expect(lines).toContain('Smallest group any result may describe: 10 members; smaller groups are left out.');
  });

  it('prices, vetoes and delegation read plainly', () => {
    const drivers = describeCharter(STARTER_CHARTERS.drivers_cooperative).join('\n');
    expect(drivers).toContain('Research for profit by companies: needs a vote, supermajority (at least ⅔ (66.7%) of yes and no votes)');
    expect(drivers).toContain('paying at least EUR 5,000.00');
    expect(drivers).toContain('Price floor: companies pay at least EUR 2,500.00 per request.');
    expect(drivers).toContain('Sharing out revenue: quadratic voting (100 voice credits each; n votes cost n²)');
    const care = describeCharter(STARTER_CHARTERS.indigenous_data_governance).join('\n');
    expect(care).toContain('Veto: Elders’ council (no members named yet — name them before adopting this charter) can stop access requests and changes to this charter');
    expect(care).toContain('Delegation: not allowed');
    expect(care).toContain('Anything else: never allowed');
    const health = describeCharter(STARTER_CHARTERS.health_cooperative).join('\n');
    expect(health).toContain('when they concern any use of health_records, symptom_diary or medications');
  });
});
