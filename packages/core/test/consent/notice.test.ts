import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { consentNotice, toHex, ValidationError, type ConsentNoticeInput } from '../../src/index.ts';
import { at, DS, named, ORG, scope } from './helpers.ts';

const base: ConsentNoticeInput = {
  collectiveName: 'Riders Union',
  datasets: [{ id: DS, name: 'Trips', categories: ['pd:Location', 'pd:Income'] }, { id: 'other', name: 'Other', categories: [] }],
  scope: scope({ purposes: ['dpv:AcademicResearch', 'stw:CollectiveBargaining'], recipients: [{ category: 'academic' }, named(ORG)] }),
  status: 'given',
  expiresAt: at(365),
  reviewAt: at(180),
  requesters: [{ id: ORG, name: 'Institute of Work' }],
};

describe('consent notice', () => {
  it('says who, what data, what for, to whom, the legal basis, withdrawal and expiry', () => {
    const { text } = consentNotice(base);
    for (const part of ['Riders Union', 'Trips: all of it', 'pd:Location', 'University research (dpv:AcademicResearch)', 'Collective bargaining',
      'Universities', 'Institute of Work', 'dpv:Consent', 'withdraw this consent at any time', '2027-03-01']) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain('Other');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('digest is the hex SHA-256 of the text, stable, and independent of list order', () => {
    const a = consentNotice(base);
    expect(a.digest).toBe(toHex(sha256(new TextEncoder().encode(a.text))));
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(consentNotice(structuredClone(base)).digest).toBe(a.digest);
    const reordered = { ...base, scope: { ...base.scope, purposes: [...base.scope.purposes].reverse(), recipients: [...base.scope.recipients].reverse() } };
    expect(consentNotice(reordered).digest).toBe(a.digest);
  });

  it('digest changes when the scope, status or expiry changes', () => {
    const d = consentNotice(base).digest;
    const variants: ConsentNoticeInput[] = [
      { ...base, scope: { ...base.scope, purposes: ['dpv:AcademicResearch'] } },
      { ...base, scope: { ...base.scope, datasets: [{ datasetId: DS, fields: ['pay'] }] } },
      { ...base, scope: { ...base.scope, recipients: [{ category: 'academic' }] } },
      { ...base, status: 'withdrawn', expiresAt: null, reviewAt: null },
      { ...base, expiresAt: at(366) },
      { ...base, expiresAt: null },
      { ...base, collectiveName: 'Drivers Union' },
    ];
    const digests = variants.map((v) => consentNotice(v).digest);
    expect(new Set([d, ...digests]).size).toBe(variants.length + 1);
  });

  it('keeps one item per line whatever the names hold', () => {
    const { text } = consentNotice({ ...base, collectiveName: 'Riders\nYou give nothing', datasets: [{ id: DS, name: 'Trips\r\n- Fake', categories: [] }] });
    expect(text).toContain('Riders You give nothing');
    expect(text).not.toMatch(/^- Fake/m);
  });

  it('names scope entries it cannot describe', () => {
    try {
      consentNotice({ ...base, scope: { ...base.scope, datasets: [{ datasetId: 'nope' }], purposes: ['dpv:Nope'] } });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.field)).toEqual(['scope.datasets.0.datasetId', 'scope.purposes.0']);
    }
  });
});
