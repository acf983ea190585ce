import { describe, expect, it } from 'vitest';
import { applicableVetoRights, evaluateRequest, STARTER_CHARTERS, validateRequestTerms, ValidationError, type Charter } from '../../src/index.ts';
import { request, starter } from './helpers.ts';

/** A small charter with one rule of each kind, in an order that exercises first-match. */
function charter(over: Partial<Charter> = {}): Charter {
  const c = starter('union');
  c.rules = [
    { id: 'no-ads', effect: 'prohibit', target: { purposes: ['dpv:Advertising'] }, reason: 'Adverts aimed at workers harm them.' },
    { id: 'no-location', effect: 'prohibit', target: { datasets: ['location_points'] }, reason: 'Where members go stays private.' },
    { id: 'campaigns', effect: 'permit', target: { purposes: ['stw:Campaigning'], recipients: ['collective'] }, reason: 'Campaigning is what we are for.' },
    { id: 'research', effect: 'vote', target: { purposes: ['dpv:AcademicResearch'], recipients: ['academic'], datasets: ['work_tasks', 'pay_items'] }, constraints: { maxDurationDays: 365 }, reason: 'Members decide each study.' },
    { id: 'company-study', effect: 'vote', decision: 'motion', target: { purposes: ['dpv:CommercialResearch'], recipients: ['commercial'] }, constraints: { minPriceMinor: 500_000, currency: 'EUR' }, reason: 'Companies pay and members decide.' },
  ];
  c.priceFloors = [{ recipients: ['commercial', 'journalist'], currency: 'EUR', minPriceMinor: 100_000 }, { recipients: ['commercial'], currency: 'GBP', minPriceMinor: 90_000 }];
  c.privacy = { maxRhoMicroPerRequest: 100_000, maxRhoMicroPerMemberPerPeriod: 1_000_000, periodDays: 365 };
  return { ...c, ...over };
}

describe('policy evaluator', () => {
  it('a prohibition forbids with its rule id and reason', () => {
    const d = evaluateRequest(charter(), request({ purpose: 'dpv:Advertising', recipient: 'commercial', price: { amountMinor: 9_999_999, currency: 'EUR' } }));
    expect(d).toEqual({ outcome: 'forbidden', rule: 'no-ads', reason: 'Never allowed (Advertising): Adverts aimed at workers harm them.' });
  });

  it('a prohibition on a dataset applies when the request touches it at all', () => {
    const d = evaluateRequest(charter(), request({ purpose: 'stw:Campaigning', recipient: 'collective', datasets: ['work_tasks', 'location_points'] }));
    expect(d).toMatchObject({ outcome: 'forbidden', rule: 'no-location' });
  });

  it('prohibitions come before permits whatever the order of the rules', () => {
    const c = charter();
    c.rules = [c.rules[2]!, c.rules[0]!, { id: 'no-campaign-pay', effect: 'prohibit', target: { datasets: ['pay_items'] }, reason: 'Pay stays private.' }];
    expect(evaluateRequest(c, request({ purpose: 'stw:Campaigning', recipient: 'collective', datasets: ['pay_items'] }))).toMatchObject({ outcome: 'forbidden', rule: 'no-campaign-pay' });
  });

  it('the privacy limit per request forbids, with the numbers', () => {
    expect(evaluateRequest(charter(), request({ rhoMicro: 100_000 })).outcome).toBe('vote');
    expect(evaluateRequest(charter(), request({ rhoMicro: 100_001 }))).toEqual({
      outcome: 'forbidden',
      rule: 'privacy.maxRhoMicroPerRequest',
      reason: 'A request may use at most ρ = 0.1 of privacy budget (100000 micro-ρ); this one asks for ρ = 0.100001 (100001 micro-ρ).',
    });
  });

  it('a price below the floor for the recipient in that currency forbids', () => {
    const terms = { purpose: 'dpv:CommercialResearch', recipient: 'commercial' as const };
    expect(evaluateRequest(charter(), request({ ...terms, price: { amountMinor: 99_999, currency: 'EUR' } }))).toEqual({
      outcome: 'forbidden',
      rule: 'priceFloors.0',
      reason: 'Companies must pay at least EUR 1,000.00 per request; this request offers EUR 999.99.',
    });
    expect(evaluateRequest(charter(), request({ ...terms, price: { amountMinor: 80_000, currency: 'GBP' } }))).toMatchObject({ outcome: 'forbidden', rule: 'priceFloors.1' });
    // A currency the charter sets no floor in cannot dodge the floor.
    expect(evaluateRequest(charter(), request({ ...terms, price: { amountMinor: 10_000_000, currency: 'USD' } }))).toEqual({
      outcome: 'forbidden',
      rule: 'priceFloors.0',
      reason: 'Companies must pay in EUR, GBP: the charter sets no price in USD.',
    });
    // Floors for other recipients do not apply.
    expect(evaluateRequest(charter(), request({ price: { amountMinor: 0, currency: 'USD' } })).outcome).toBe('vote');
  });

  it('a permit allows without a vote', () => {
    expect(evaluateRequest(charter(), request({ purpose: 'stw:Campaigning', recipient: 'collective', datasets: ['work_tasks', 'shifts'] }))).toEqual({
      outcome: 'allowed',
      rule: 'campaigns',
      reason: 'Allowed without a vote: Campaigning is what we are for.',
    });
  });

  it('a vote rule asks for a vote of its decision kind, access_request by default', () => {
    const d = evaluateRequest(charter(), request({ datasets: ['work_tasks', 'pay_items'] }));
    expect(d).toMatchObject({ outcome: 'vote', decision: 'access_request', rule: 'research' });
    expect(d.reason).toBe('Needs a vote (access requests: simple majority (more than ½ (50%) of yes and no votes), at least ⅕ (20%) of members taking part, 7 days). Members decide each study.');
    const company = evaluateRequest(charter(), request({ purpose: 'dpv:CommercialResearch', recipient: 'commercial', price: { amountMinor: 500_000, currency: 'EUR' } }));
    expect(company).toMatchObject({ outcome: 'vote', decision: 'motion', rule: 'company-study' });
  });

  it('a permit or vote rule covers a request only if it lists every requested dataset', () => {
    // research lists work_tasks and pay_items; shifts is outside it, so "otherwise" decides.
    expect(evaluateRequest(charter(), request({ datasets: ['work_tasks', 'shifts'] }))).toMatchObject({ outcome: 'vote', rule: 'otherwise' });
    expect(evaluateRequest(charter({ otherwise: 'prohibit' }), request({ datasets: ['work_tasks', 'shifts'] }))).toMatchObject({ outcome: 'forbidden', rule: 'otherwise' });
  });

  it('broken constraints forbid with the rule id and the numbers', () => {
    expect(evaluateRequest(charter(), request({ durationDays: 366 }))).toEqual({
      outcome: 'forbidden',
      rule: 'research',
      reason: 'This use may last at most 365 days; the request asks for 366 days. Members decide each study.',
    });
    const terms = { purpose: 'dpv:CommercialResearch', recipient: 'commercial' as const };
    expect(evaluateRequest(charter(), request({ ...terms, price: { amountMinor: 499_999, currency: 'EUR' } }))).toMatchObject({
      outcome: 'forbidden',
      rule: 'company-study',
      reason: 'This use costs at least EUR 5,000.00; the request offers EUR 4,999.99. Companies pay and members decide.',
    });
    expect(evaluateRequest(charter(), request({ ...terms, price: { amountMinor: 600_000, currency: 'GBP' } }))).toMatchObject({ outcome: 'forbidden', rule: 'company-study' });
  });

  it('otherwise decides what no rule covers', () => {
    const req = request({ purpose: 'dpv:PublicBenefit', recipient: 'public_body' });
    expect(evaluateRequest(charter(), req)).toMatchObject({ outcome: 'vote', decision: 'access_request', rule: 'otherwise' });
    const no = evaluateRequest(charter({ otherwise: 'prohibit' }), req);
    expect(no).toEqual({ outcome: 'forbidden', rule: 'otherwise', reason: 'No rule of the charter covers Public interest by public bodies using work_tasks, and the charter forbids anything it does not allow.' });
  });

  it('is deterministic and leaves its inputs alone', () => {
    const c = charter();
    const req = request();
    const before = JSON.stringify([c, req]);
    expect(evaluateRequest(c, req)).toEqual(evaluateRequest(c, req));
    expect(JSON.stringify([c, req])).toBe(before);
  });

  it('refuses malformed request terms, naming the fields', () => {
    try {
      validateRequestTerms({ purpose: 'dpv:Gossip', recipient: 'aliens', datasets: ['ok', ''], rhoMicro: 0.5, price: { amountMinor: -1, currency: 'eur' }, durationDays: 0 });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.field)).toEqual(['purpose', 'recipient', 'datasets.1', 'rhoMicro', 'price.amountMinor', 'price.currency', 'durationDays']);
    }
    expect(() => evaluateRequest(charter(), { ...request(), datasets: [] })).toThrow(ValidationError);
  });
});

describe('starter charters give sensible answers', () => {
  const { union, drivers_cooperative: drivers, health_cooperative: health, indigenous_data_governance: care } = STARTER_CHARTERS;

  it('union: no companies, campaigning without a vote, research by vote', () => {
    expect(evaluateRequest(union, request({ purpose: 'dpv:CommercialResearch', recipient: 'commercial', price: { amountMinor: 10_000_000, currency: 'EUR' } }))).toMatchObject({ outcome: 'forbidden', rule: 'no-companies' });
    expect(evaluateRequest(union, request({ purpose: 'stw:Campaigning', recipient: 'collective' }))).toMatchObject({ outcome: 'allowed', rule: 'own-campaigns' });
    expect(evaluateRequest(union, request())).toMatchObject({ outcome: 'vote', rule: 'research', decision: 'access_request' });
    expect(evaluateRequest(union, request({ durationDays: 400 }))).toMatchObject({ outcome: 'forbidden', rule: 'research' });
  });

  it('drivers’ cooperative: academic research without a vote, commercial research by vote above the price, no advertising', () => {
    expect(evaluateRequest(drivers, request())).toMatchObject({ outcome: 'allowed', rule: 'research' });
    const commercial = { purpose: 'dpv:CommercialResearch', recipient: 'commercial' as const };
    expect(evaluateRequest(drivers, request({ ...commercial, price: { amountMinor: 600_000, currency: 'EUR' } }))).toMatchObject({ outcome: 'vote', rule: 'commercial-research' });
    expect(evaluateRequest(drivers, request({ ...commercial, price: { amountMinor: 200_000, currency: 'EUR' } }))).toMatchObject({ outcome: 'forbidden', rule: 'priceFloors.0' });
    expect(evaluateRequest(drivers, request({ ...commercial, price: { amountMinor: 300_000, currency: 'EUR' } }))).toMatchObject({ outcome: 'forbidden', rule: 'commercial-research' });
    expect(evaluateRequest(drivers, request({ purpose: 'dpv:Advertising', recipient: 'commercial', price: { amountMinor: 10_000_000, currency: 'EUR' } }))).toMatchObject({ outcome: 'forbidden', rule: 'no-advertising' });
    expect(evaluateRequest(drivers, request({ purpose: 'dpv:Marketing', recipient: 'non_profit' }))).toMatchObject({ outcome: 'forbidden' });
  });

  it('health cooperative: health data only by vote with the committee’s veto, even mixed with other data', () => {
    const healthData = request({ datasets: ['health_records'], rhoMicro: 10_000 });
    expect(evaluateRequest(health, healthData)).toMatchObject({ outcome: 'vote', rule: 'health-data', decision: 'access_request' });
    expect(health.decisions.access_request.method).toBe('supermajority');
    expect(applicableVetoRights(health, 'access_request', healthData).map((v) => v.holder)).toEqual(['Health committee']);
    // Even the collective's own service work needs a vote once health data is in it.
    const mixed = request({ purpose: 'dpv:ServiceOptimisation', recipient: 'collective', datasets: ['member_surveys', 'medications'], rhoMicro: 10_000 });
    expect(evaluateRequest(health, mixed)).toMatchObject({ outcome: 'vote', rule: 'otherwise' });
    expect(applicableVetoRights(health, 'access_request', mixed)).toHaveLength(1);
    expect(evaluateRequest(health, { ...mixed, datasets: ['member_surveys'] })).toMatchObject({ outcome: 'allowed', rule: 'own-surveys' });
    expect(applicableVetoRights(health, 'access_request', request({ datasets: ['member_surveys'], rhoMicro: 10_000 }))).toEqual([]);
    expect(evaluateRequest(health, request({ recipient: 'commercial', datasets: ['health_records'], rhoMicro: 10_000 }))).toMatchObject({ outcome: 'forbidden', rule: 'no-companies' });
  });

  it('indigenous data governance: every outside use is voted on and the elders can veto; nothing unlisted', () => {
    const research = request({ rhoMicro: 10_000 });
    expect(evaluateRequest(care, research)).toMatchObject({ outcome: 'vote', rule: 'research' });
    expect(applicableVetoRights(care, 'access_request', research).map((v) => v.holder)).toEqual(['Elders’ council']);
    expect(applicableVetoRights(care, 'charter_amendment').map((v) => v.holder)).toEqual(['Elders’ council']);
    expect(evaluateRequest(care, request({ purpose: 'dpv:PublicBenefit', recipient: 'commercial', rhoMicro: 10_000, price: { amountMinor: 2_000_000, currency: 'CAD' } }))).toMatchObject({ outcome: 'forbidden', rule: 'otherwise' });
    expect(evaluateRequest(care, request({ purpose: 'stw:Campaigning', recipient: 'collective', rhoMicro: 10_000 }))).toMatchObject({ outcome: 'allowed' });
    for (const recipient of ['academic', 'public_body', 'journalist', 'non_profit', 'commercial'] as const) {
      for (const purpose of ['dpv:AcademicResearch', 'dpv:PublicBenefit', 'dpv:CommercialResearch', 'stw:Campaigning']) {
        const d = evaluateRequest(care, request({ purpose, recipient, rhoMicro: 10_000, price: { amountMinor: 2_000_000, currency: 'CAD' } }));
        expect(d.outcome).not.toBe('allowed');
      }
    }
  });
});
