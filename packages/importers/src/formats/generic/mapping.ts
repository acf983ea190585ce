import { canonicalDataset, type FieldDef, type FieldIssue } from '@steward/core';
import { ImportError } from '../../errors.ts';
import { currencyExponent } from '../../values/money.ts';
import { isValidTimeZone } from '../../values/time.ts';
import type { CanonicalDatasetName } from '../../types.ts';
import { compileDateFormat } from './date-format.ts';

/**
 * A saved column mapping for the generic CSV/JSON importer: which source column fills which
 * canonical field, plus what the file leaves implicit (zone, date format, currency, decimals).
 */
export interface ColumnMapping {
  dataset: CanonicalDatasetName;
  /** Canonical field → source column (CSV header or JSON key; `a.b` reaches into objects). */
  columns: Record<string, string>;
  /** Canonical field → the same value for every row, e.g. `{ platform: 'deliveroo' }`. */
  constants?: Record<string, string | number>;
  /** Canonical field → source value → canonical value, e.g. `{ status: { Done: 'completed' } }`. */
  values?: Record<string, Record<string, string>>;
  /** IANA zone for times written without one. */
  timezone?: string;
  /** `iso` (default), `epoch_s`, `epoch_ms`, or a pattern such as `DD/MM/YYYY HH:mm`. */
  dateFormat?: string;
  /** Currency of amounts when no column gives it. */
  currency?: string;
  decimalSeparator?: '.' | ',';
  /** CSV delimiter; sniffed from the header line when omitted. */
  delimiter?: string;
}

export interface ResolvedMapping extends ColumnMapping {
  fields: FieldDef[];
}

const DERIVED: Record<string, string[]> = { time_segments: ['duration_s'] };

/** Checks a mapping against the canonical dataset and returns it with the dataset's fields, or throws naming every problem. */
export function validateMapping(mapping: unknown): ResolvedMapping {
  const issues: FieldIssue[] = [];
  const m = (mapping ?? {}) as Partial<ColumnMapping>;
  if (typeof mapping !== 'object' || mapping === null) issues.push({ field: 'mapping', message: 'must be an object' });
  const dataset = typeof m.dataset === 'string' ? canonicalDataset(m.dataset) : undefined;
  if (!dataset) issues.push({ field: 'mapping.dataset', message: 'must be one of work_tasks, pay_items, time_segments, location_points, shifts' });
  const fields = dataset?.schema.fields ?? [];
  const names = new Set(fields.map((f) => f.name));
  const columns = m.columns;
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) {
    issues.push({ field: 'mapping.columns', message: 'must map canonical fields to source columns' });
  } else {
    for (const [field, source] of Object.entries(columns)) {
      if (dataset && !names.has(field)) issues.push({ field: `mapping.columns.${field}`, message: `is not a field of ${dataset.canonical}` });
      if (typeof source !== 'string' || source.trim() === '' || source.length > 200) issues.push({ field: `mapping.columns.${field}`, message: 'must name a source column' });
    }
  }
  const constants = m.constants ?? {};
  if (typeof constants !== 'object' || constants === null || Array.isArray(constants)) issues.push({ field: 'mapping.constants', message: 'must map canonical fields to values' });
  else {
    for (const [field, value] of Object.entries(constants)) {
      if (dataset && !names.has(field)) issues.push({ field: `mapping.constants.${field}`, message: `is not a field of ${dataset.canonical}` });
      if (typeof value !== 'string' && typeof value !== 'number') issues.push({ field: `mapping.constants.${field}`, message: 'must be text or a number' });
      if (columns && typeof columns === 'object' && field in columns) issues.push({ field: `mapping.constants.${field}`, message: 'is also mapped to a column; keep one' });
    }
  }
  if (m.values !== undefined) {
    if (typeof m.values !== 'object' || m.values === null) issues.push({ field: 'mapping.values', message: 'must map fields to value tables' });
    else {
      for (const [field, table] of Object.entries(m.values)) {
        if (dataset && !names.has(field)) issues.push({ field: `mapping.values.${field}`, message: `is not a field of ${dataset.canonical}` });
        if (typeof table !== 'object' || table === null || Object.values(table).some((v) => typeof v !== 'string')) {
          issues.push({ field: `mapping.values.${field}`, message: 'must map source values to canonical values' });
        }
      }
    }
  }
  const provided = new Set([...Object.keys(typeof columns === 'object' && columns ? columns : {}), ...Object.keys(typeof constants === 'object' && constants ? constants : {})]);
  for (const f of fields) {
    if (!f.required || provided.has(f.name) || DERIVED[dataset!.canonical]?.includes(f.name)) continue;
    if (f.name === 'currency' && m.currency) continue;
    issues.push({ field: `mapping.columns.${f.name}`, message: `is required by ${dataset!.canonical}: map a column or set a constant` });
  }
  const money = fields.filter((f) => f.type === 'money' && provided.has(f.name));
  if (money.length > 0 && !provided.has('currency') && !m.currency) {
    issues.push({ field: 'mapping.currency', message: `is needed for ${money.map((f) => f.name).join(', ')}: map a currency column or set the currency` });
  }
  if (m.timezone !== undefined && !isValidTimeZone(m.timezone)) issues.push({ field: 'mapping.timezone', message: 'must be an IANA time zone such as Europe/Paris' });
  if (m.currency !== undefined && (typeof m.currency !== 'string' || currencyExponent(m.currency) === null)) issues.push({ field: 'mapping.currency', message: 'must be an ISO 4217 code such as EUR' });
  if (m.decimalSeparator !== undefined && m.decimalSeparator !== '.' && m.decimalSeparator !== ',') issues.push({ field: 'mapping.decimalSeparator', message: 'must be "." or ","' });
  if (m.delimiter !== undefined && (typeof m.delimiter !== 'string' || m.delimiter.length !== 1 || /["\r\n]/.test(m.delimiter))) issues.push({ field: 'mapping.delimiter', message: 'must be one character such as , or ;' });
  if (m.dateFormat !== undefined) {
    const compiled = typeof m.dateFormat === 'string' ? compileDateFormat(m.dateFormat) : 'must be text';
    if (typeof compiled === 'string') issues.push({ field: 'mapping.dateFormat', message: compiled });
  }
  if (issues.length > 0) throw new ImportError('invalid_mapping', { file: 'mapping' }, issues[0]!.message, { issues });
  return { ...(m as ColumnMapping), fields };
}
