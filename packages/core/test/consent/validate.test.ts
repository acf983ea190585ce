import { describe, expect, it } from 'vitest';
import { validateConsentChange, ValidationError, type ConsentChangeInput } from '../../src/index.ts';
import { at, DS, ORG } from './helpers.ts';

const context = { now: at(0), datasets: [{ id: DS, fields: ['pay', 'hours', 'location'] }, { id: 'ds-2', fields: ['x'] }] };
const digest = 'ab'.repeat(32);
const good: ConsentChangeInput = {
  scope: { datasets: [{ datasetId: DS, fields: ['pay'] }], purposes: ['dpv:AcademicResearch'], recipients: [{ category: 'academic' }, { category: 'academic', requesterId: ORG.toUpperCase() }] },
  status: 'given',
  expiresAt: '2027-01-01T00:00:00Z',
  reviewAt: at(30),
  noticeDigest: digest,
};

function fieldsOf(input: ConsentChangeInput): string[] {
  try {
    validateConsentChange(input, context);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => i.field);
  }
  return [];
}

describe('consent change validation', () => {
  it('accepts a good change and cleans it', () => {
    const out = validateConsentChange(good, context);
    expect(out.expiresAt).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(out.reviewAt).toEqual(at(30));
    expect(out.scope.recipients[1]).toEqual({ category: 'academic', requesterId: ORG });
    expect(out.scope.datasets).toEqual([{ datasetId: DS, fields: ['pay'] }]);
  });

  it('names every bad field by its path', () => {
    expect(
      fieldsOf({
        scope: {
          datasets: [{ datasetId: DS, fields: ['pay', 'nope', 'pay', ''] }, { datasetId: 'missing' }, { datasetId: DS }],
          purposes: ['dpv:AcademicResearch', 'dpv:Unknown', 'dpv:AcademicResearch'],
          recipients: [{ category: 'aliens' }, { category: 'academic', requesterId: 'not-a-uuid' }, { category: 'collective' }, { category: 'collective' }],
        },
        status: 'given',
        expiresAt: at(-1),
        reviewAt: 'tomorrow',
        noticeDigest: 'AB'.repeat(32),
      }),
    ).toEqual([
      'scope.datasets.0.fields.1', 'scope.datasets.0.fields.2', 'scope.datasets.0.fields.3', 'scope.datasets.1.datasetId',
      'scope.purposes.1', 'scope.purposes.2', 'scope.recipients.0.category', 'scope.recipients.1.requesterId', 'scope.recipients.3',
      'scope.datasets.2.datasetId', 'expiresAt', 'reviewAt', 'noticeDigest',
    ]);
  });

  it('needs non-empty lists and a scope', () => {
    expect(fieldsOf({ ...good, scope: { datasets: [], purposes: [], recipients: [] } })).toEqual(['scope.datasets', 'scope.purposes', 'scope.recipients']);
    expect(fieldsOf({ ...good, scope: undefined })).toEqual(['scope']);
    expect(fieldsOf({ ...good, scope: { ...(good.scope as object), datasets: [{ datasetId: DS, fields: [] }] } })).toEqual(['scope.datasets.0.fields']);
  });

  it('keeps review before expiry, both in the future, and only for given consent', () => {
    expect(fieldsOf({ ...good, expiresAt: at(10), reviewAt: at(20) })).toEqual(['reviewAt']);
    expect(fieldsOf({ ...good, expiresAt: at(0) })).toEqual(['expiresAt']);
    expect(fieldsOf({ ...good, expiresAt: new Date(Number.NaN) })).toEqual(['expiresAt']);
    const withdraw = { ...good, status: 'withdrawn', scope: { ...(good.scope as object), datasets: [{ datasetId: DS }] } };
    expect(fieldsOf(withdraw)).toEqual(['expiresAt', 'reviewAt']);
    expect(fieldsOf({ ...withdraw, expiresAt: null, reviewAt: undefined })).toEqual([]);
    expect(fieldsOf({ ...good, status: 'maybe' })).toEqual(['status']);
  });

  it('refuses a field-limited withdrawal, which would withdraw the whole dataset', () => {
    expect(fieldsOf({ ...good, status: 'refused', expiresAt: null, reviewAt: null })).toEqual(['scope.datasets.0.fields']);
  });
});
