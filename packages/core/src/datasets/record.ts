import { ValidationError, type FieldIssue } from '../errors.ts';
import type { DatasetSchema, FieldDef } from './schema.ts';

export type RecordValue = string | number | boolean | null;
export type RecordData = Record<string, RecordValue>;

/** A member's record in a dataset, with where it came from. */
export interface DataRecord {
  id: string;
  collectiveId: string;
  datasetId: string;
  memberId: string;
  data: RecordData;
  /** The moment the record is about (a trip's start, a payment's date), for periods and ordering. */
  occurredAt: Date | null;
  /** Provenance: what produced it (`import:uber-eu`, `demo`, `form`). */
  source: string;
  importId: string | null;
  createdAt: Date;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MAX_STRING = 2000;

function checkValue(f: FieldDef, v: unknown): string | null {
  switch (f.type) {
    case 'string':
      if (typeof v !== 'string') return 'must be text';
      if (v.length > MAX_STRING) return `must be at most ${MAX_STRING} characters`;
      if (f.enum && !f.enum.includes(v)) return `must be one of ${f.enum.join(', ')}`;
      return null;
    case 'integer':
    case 'money':
      return Number.isSafeInteger(v) ? null : 'must be a whole number';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'must be a number';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'timestamp':
      return typeof v === 'string' && ISO_TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v))
        ? null
        : 'must be an ISO 8601 time with a zone, e.g. 2024-03-01T08:30:00Z';
    case 'date':
      return typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)) ? null : 'must be a date, e.g. 2024-03-01';
  }
}

/**
 * Checks one record against its dataset's schema and returns it with only declared fields.
 * Errors name the field as `${path}.${name}`, so an importer can prefix file and row.
 */
export function validateRecordData(schema: DatasetSchema, data: Record<string, unknown>, path = 'data'): RecordData {
  const issues: FieldIssue[] = [];
  const out: RecordData = {};
  const declared = new Set(schema.fields.map((f) => f.name));
  for (const key of Object.keys(data)) {
    if (!declared.has(key)) issues.push({ field: `${path}.${key}`, message: 'is not a field of this dataset' });
  }
  for (const f of schema.fields) {
    const v = data[f.name];
    if (v === undefined || v === null || v === '') {
      if (f.required) issues.push({ field: `${path}.${f.name}`, message: 'is required' });
      else out[f.name] = null;
      continue;
    }
    const problem = checkValue(f, v);
    if (problem) issues.push({ field: `${path}.${f.name}`, message: problem });
    else out[f.name] = v as RecordValue;
  }
  for (const f of schema.fields) {
    if (f.type === 'money' && f.currencyField && out[f.name] !== null && out[f.name] !== undefined) {
      const cur = out[f.currencyField];
      if (typeof cur !== 'string' || !CURRENCY.test(cur)) {
        issues.push({ field: `${path}.${f.currencyField}`, message: 'must be an ISO 4217 currency code, e.g. EUR' });
      }
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}
