import { describe, expect, it } from 'vitest';
import { CANONICAL_DATASETS, ValidationError, validateRecordData, validateSchema, type DatasetSchema } from '../src/index.ts';

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('dataset schemas', () => {
  it('every canonical dataset schema is itself valid', () => {
    for (const d of CANONICAL_DATASETS) expect(validateSchema(d.schema)).toEqual(d.schema);
  });

  it('names each bad field of a schema by its path', () => {
    const issues = issuesOf(() =>
      validateSchema({
        version: 1,
        fields: [
          { name: 'Bad Name', type: 'string', category: 'pd:Location', groupable: true, required: false },
          { name: 'amount', type: 'money', category: 'pd:Nope', groupable: false, required: true, currencyField: 'missing' },
          { name: 'ok', type: 'float', category: 'pd:Income', groupable: 'yes', required: false },
        ],
      }),
    );
    expect(issues.map((i) => i.field).sort()).toEqual(
      ['schema.fields.0.name', 'schema.fields.1.category', 'schema.fields.1.currencyField', 'schema.fields.2.groupable', 'schema.fields.2.type'].sort(),
    );
  });

  it('refuses duplicate field names and empty schemas', () => {
    expect(issuesOf(() => validateSchema({ version: 1, fields: [] }))[0]!.field).toBe('schema.fields');
    const dup = { name: 'a', type: 'string', category: 'pd:Location', groupable: true, required: false };
    expect(issuesOf(() => validateSchema({ version: 1, fields: [dup, dup] }))[0]).toMatchObject({ field: 'schema.fields.1.name' });
  });
});

describe('record validation', () => {
  const payItems = CANONICAL_DATASETS.find((d) => d.canonical === 'pay_items')!.schema as DatasetSchema;

  it('accepts a well-formed pay line and fills absent optional fields with null', () => {
    const data = validateRecordData(payItems, { platform: 'uber', paid_at: '2024-03-01T08:30:00Z', kind: 'fare', amount: 1234, currency: 'EUR' });
    expect(data).toMatchObject({ amount: 1234, currency: 'EUR', task_external_id: null, description: null });
  });

  it('names each bad field with the given path prefix', () => {
    const issues = issuesOf(() =>
      validateRecordData(
        payItems,
        { platform: 'uber', paid_at: 'yesterday', kind: 'salary', amount: 12.5, currency: 'euro', extra: 1 },
        'trips.csv row 7',
      ),
    );
    expect(issues.map((i) => i.field).sort()).toEqual(
      ['trips.csv row 7.amount', 'trips.csv row 7.extra', 'trips.csv row 7.kind', 'trips.csv row 7.paid_at'].sort(),
    );
  });

  it('checks the currency of a money amount', () => {
    const issues = issuesOf(() => validateRecordData(payItems, { platform: 'uber', paid_at: '2024-03-01T08:30:00+01:00', kind: 'tip', amount: 100, currency: 'eur' }));
    expect(issues).toEqual([{ field: 'data.currency', message: expect.stringContaining('ISO 4217') }]);
  });

  it('requires required fields', () => {
    const issues = issuesOf(() => validateRecordData(payItems, { platform: 'uber' }));
    expect(issues.map((i) => i.field).sort()).toEqual(['data.amount', 'data.currency', 'data.kind', 'data.paid_at']);
  });
});
