import { describe, expect, it } from 'vitest';
import { consentCoverage, decideConsent, RECIPIENT_CATEGORIES, type ConsentRecord, type CoverageCell, type DataUse } from '../../src/index.ts';
import { academic, at, DS, named, ORG, OTHER_ORG, rec, scope } from './helpers.ts';

const use = (over: Partial<DataUse> = {}): DataUse => ({ datasetId: DS, purpose: 'dpv:AcademicResearch', recipient: academic, at: at(100), ...over });
const decision = (records: ConsentRecord[], u: DataUse, member = 'm1') => decideConsent(records, [member], u).decisions[0]!;

describe('consent gate', () => {
  it('[C1] no record means no use', () => {
    const result = decideConsent([], ['m1', 'm2'], use());
    expect(result.allowed).toEqual([]);
    expect(result.decisions).toEqual([
      { memberId: 'm1', allowed: false, reason: 'no_consent', recordId: null },
      { memberId: 'm2', allowed: false, reason: 'no_consent', recordId: null },
    ]);
    // Records for other cells do not cover this one.
    const others = [
      rec('m1', 1, { scope: scope({ datasets: [{ datasetId: 'other' }] }) }),
      rec('m1', 2, { scope: scope({ purposes: ['dpv:Marketing'] }) }),
      rec('m1', 3, { scope: scope({ recipients: [{ category: 'commercial' }] }) }),
    ];
    expect(decision(others, use())).toMatchObject({ allowed: false, reason: 'no_consent' });
  });

  it('[C1] a given, unexpired consent covering the cell allows the use', () => {
    const r = rec('m1', 1);
    expect(decideConsent([r], ['m1'], use())).toEqual({ allowed: ['m1'], decisions: [{ memberId: 'm1', allowed: true, reason: 'consent_given', recordId: r.id }] });
  });

  it('[C1] expired consent means no use', () => {
    expect(decision([rec('m1', 1, { expiresAt: at(50) })], use())).toMatchObject({ allowed: false, reason: 'expired' });
    // Expiring exactly when the use starts is expired too.
    expect(decision([rec('m1', 1, { expiresAt: at(100) })], use())).toMatchObject({ allowed: false, reason: 'expired' });
    expect(decision([rec('m1', 1, { expiresAt: at(101) })], use())).toMatchObject({ allowed: true, reason: 'consent_given' });
    // A broken date fails closed.
    expect(decision([rec('m1', 1, { expiresAt: new Date(Number.NaN) })], use())).toMatchObject({ allowed: false, reason: 'expired' });
  });

  it('[C1] withdrawn and refused forbid', () => {
    expect(decision([rec('m1', 1), rec('m1', 2, { status: 'withdrawn' })], use())).toMatchObject({ allowed: false, reason: 'withdrawn' });
    expect(decision([rec('m1', 1, { status: 'refused' })], use())).toMatchObject({ allowed: false, reason: 'refused' });
  });

  it('[C1] category vs named requester', () => {
    const byOrg = use({ recipient: named(ORG) });
    // Named yes after a category no: the named requester may, the category still may not.
    const namedAfterCategoryNo = [rec('m1', 1, { status: 'refused' }), rec('m1', 2, { scope: scope({ recipients: [named(ORG)] }) })];
    expect(decision(namedAfterCategoryNo, byOrg)).toMatchObject({ allowed: true, reason: 'consent_given' });
    expect(decision(namedAfterCategoryNo, use())).toMatchObject({ allowed: false, reason: 'refused' });
    expect(decision(namedAfterCategoryNo, use({ recipient: named(OTHER_ORG) }))).toMatchObject({ allowed: false, reason: 'refused' });

    // A category withdrawal after a named yes covers the named requester too.
    const categoryWithdrawAfterNamed = [rec('m1', 1, { scope: scope({ recipients: [named(ORG)] }) }), rec('m1', 2, { status: 'withdrawn' })];
    expect(decision(categoryWithdrawAfterNamed, byOrg)).toMatchObject({ allowed: false, reason: 'withdrawn' });

    // A yes to one requester never covers another requester or the whole category.
    const onlyOrg = [rec('m1', 1, { scope: scope({ recipients: [named(ORG)] }) })];
    expect(decision(onlyOrg, use({ recipient: named(OTHER_ORG) }))).toMatchObject({ allowed: false, reason: 'no_consent' });
    expect(decision(onlyOrg, use())).toMatchObject({ allowed: false, reason: 'no_consent' });

    // A category yes covers named requesters of that category, not of another.
    const categoryYes = [rec('m1', 1)];
    expect(decision(categoryYes, byOrg)).toMatchObject({ allowed: true });
    expect(decision(categoryYes, use({ recipient: named(ORG, 'commercial') }))).toMatchObject({ allowed: false, reason: 'no_consent' });
  });

  it('[C1] dataset-level vs field-level', () => {
    const limited = rec('m1', 1, { scope: scope({ datasets: [{ datasetId: DS, fields: ['pay', 'hours'] }] }) });
    expect(decision([limited], use({ fields: ['pay'] }))).toMatchObject({ allowed: true, reason: 'consent_given' });
    expect(decision([limited], use({ fields: ['pay', 'hours'] }))).toMatchObject({ allowed: true });
    expect(decision([limited], use({ fields: ['pay', 'location'] }))).toMatchObject({ allowed: false, reason: 'fields_not_covered' });
    // A use that reads every field goes beyond a field list.
    expect(decision([limited], use())).toMatchObject({ allowed: false, reason: 'fields_not_covered' });

    const whole = rec('m1', 2);
    expect(decision([limited, whole], use())).toMatchObject({ allowed: true, recordId: whole.id });
    // A newer field-limited record narrows an older dataset-level one.
    const narrower = rec('m1', 3, { scope: scope({ datasets: [{ datasetId: DS, fields: ['pay'] }] }) });
    expect(decision([limited, whole, narrower], use({ fields: ['hours'] }))).toMatchObject({ allowed: false, reason: 'fields_not_covered', recordId: narrower.id });
  });

  it("[C2] records after the use's start do not apply", () => {
    const given = rec('m1', 1);
    const revokedAtStart = rec('m1', 2, { status: 'withdrawn', recordedAt: at(100) });
    const revokedAfter = rec('m1', 2, { status: 'withdrawn', recordedAt: new Date(at(100).getTime() + 1) });
    expect(decision([given, revokedAtStart], use())).toMatchObject({ allowed: false, reason: 'withdrawn' });
    expect(decision([given, revokedAfter], use())).toMatchObject({ allowed: true, recordId: given.id });
    // A yes recorded after the start does not apply either.
    expect(decision([rec('m1', 5, { recordedAt: at(101) })], use())).toMatchObject({ allowed: false, reason: 'no_consent' });
    // An invalid start time admits nothing.
    expect(decision([given], use({ at: new Date(Number.NaN) }))).toMatchObject({ allowed: false, reason: 'no_consent' });
  });

  it('[C3] newest record wins, history kept', () => {
    const history = [rec('m1', 1), rec('m1', 2, { status: 'withdrawn' }), rec('m1', 3), rec('m1', 4, { scope: scope({ purposes: ['dpv:Marketing'] }), status: 'withdrawn' })];
    const expected = { memberId: 'm1', allowed: true, reason: 'consent_given', recordId: history[2]!.id };
    expect(decision(history, use())).toEqual(expected);
    // The order the records come in does not matter; seq does.
    expect(decision([...history].reverse(), use())).toEqual(expected);
    // Looking back: at day 2.5 the withdrawal was the newest.
    expect(decision(history, use({ at: new Date(at(2).getTime() + 43_200_000) }))).toMatchObject({ allowed: false, reason: 'withdrawn', recordId: history[1]!.id });
  });

  it('ignores records of members not asked about and sorts its answer', () => {
    const records = [rec('b', 1), rec('stranger', 2), rec('a', 3), rec('c', 4, { status: 'refused' })];
    const result = decideConsent(records, ['c', 'b', 'a', 'b'], use());
    expect(result.allowed).toEqual(['a', 'b']);
    expect(result.decisions.map((d) => [d.memberId, d.reason])).toEqual([['a', 'consent_given'], ['b', 'consent_given'], ['c', 'refused']]);
  });
});

/** Deterministic pseudo-random numbers for generated histories (never Math.random, rule P4's lint). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomHistory(members: number, perMember: number, seed: number): ConsentRecord[] {
  const rand = lcg(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const datasets = ['d1', 'd2'];
  const purposes = ['dpv:AcademicResearch', 'stw:CollectiveBargaining', 'dpv:Marketing'];
  const recipients = [{ category: 'academic' as const }, { category: 'collective' as const }, named(ORG), named(OTHER_ORG, 'non_profit')];
  const records: ConsentRecord[] = [];
  let seq = 0;
  for (let m = 0; m < members; m++) {
    for (let k = 0; k < perMember; k++) {
      seq++;
      const ds = rand() < 0.5 ? [pick(datasets)] : datasets;
      records.push(
        rec(`m${m}`, seq, {
          recordedAt: at(Math.floor(rand() * 10)),
          status: pick(['given', 'given', 'withdrawn', 'refused'] as const),
          expiresAt: rand() < 0.2 ? at(Math.floor(rand() * 12)) : null,
          scope: {
            datasets: ds.map((datasetId) => (rand() < 0.3 ? { datasetId, fields: ['pay'] } : { datasetId })),
            purposes: rand() < 0.5 ? [pick(purposes)] : purposes.slice(0, 2),
            recipients: rand() < 0.5 ? [pick(recipients)] : [pick(recipients), pick(recipients)],
          },
        }),
      );
    }
  }
  return records;
}

describe('consent coverage', () => {
  const cells: CoverageCell[] = [];
  for (const datasetId of ['d1', 'd2', 'd3']) {
    for (const purpose of ['dpv:AcademicResearch', 'stw:CollectiveBargaining', 'dpv:Marketing']) {
      for (const category of RECIPIENT_CATEGORIES) cells.push({ datasetId, purpose, recipient: { category } });
      cells.push({ datasetId, purpose, recipient: named(ORG) });
      cells.push({ datasetId, purpose, recipient: named(OTHER_ORG, 'non_profit') });
      cells.push({ datasetId, purpose, recipient: { category: 'academic' }, fields: ['pay'] });
    }
  }

  it('[C1] counts members allowed per cell, never who', () => {
    const records = [rec('m1', 1), rec('m2', 2), rec('m3', 3, { status: 'refused' }), rec('m2', 4, { status: 'withdrawn', scope: scope({ recipients: [named(ORG)] }) })];
    const out = consentCoverage(records, ['m1', 'm2', 'm3', 'm4'], [
      { datasetId: DS, purpose: 'dpv:AcademicResearch', recipient: academic },
      { datasetId: DS, purpose: 'dpv:AcademicResearch', recipient: named(ORG) },
      { datasetId: DS, purpose: 'dpv:Marketing', recipient: academic },
    ], at(100));
    expect(out.map((c) => c.allowed)).toEqual([2, 1, 0]);
    expect(Object.keys(out[0]!).sort()).toEqual(['allowed', 'datasetId', 'purpose', 'recipient']);
  });

  it('[C1] agrees with the gate on every cell of generated histories', () => {
    for (const seed of [1, 2, 3]) {
      const records = randomHistory(300, 4, seed);
      const members = Array.from({ length: 320 }, (_, i) => `m${i}`).filter((_, i) => i % 7 !== 0);
      const when = at(seed + 4);
      const counts = consentCoverage(records, members, cells, when);
      cells.forEach((cell, i) => {
        const gate = decideConsent(records, members, { ...cell, at: when });
        expect(counts[i]!.allowed, JSON.stringify(cell)).toBe(gate.allowed.length);
      });
    }
  });

  it('coverage and the gate agree for 50 000 members with a few records each', () => {
    const records = randomHistory(50_000, 3, 9);
    const members = Array.from({ length: 50_000 }, (_, i) => `m${i}`);
    const counts = consentCoverage(records, members, cells, at(20));
    const gate = decideConsent(records, members, { datasetId: 'd1', purpose: 'dpv:AcademicResearch', recipient: academic, at: at(20) });
    expect(counts.find((c) => c.datasetId === 'd1' && c.purpose === 'dpv:AcademicResearch' && !('requesterId' in c.recipient) && c.recipient.category === 'academic' && !c.fields)!.allowed).toBe(gate.allowed.length);
    expect(gate.allowed.length).toBeGreaterThan(1000);
  });
});
