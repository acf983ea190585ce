import type { DatasetSchema, FieldDef } from '../datasets/schema.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { measurementCount } from './measurements.ts';
import {
  DEFAULT_QUANTILE_BINS,
  DEFAULT_SELECTION_DELTA,
  FILTER_OPS,
  MAX_SELECTION_DELTA,
  QUERY_LIMITS,
  type Aggregate,
  type ClampBounds,
  type Filter,
  type FilterOp,
  type FilterValue,
  type GroupField,
  type Query,
} from './query.ts';
import { compare, div, tryDecimal, type Rational } from './rational.ts';

/** The dataset a query runs on, as validation needs it. */
export interface QueryDataset {
  slug: string;
  canonical?: string | null;
  schema: DatasetSchema;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const NUMERIC = new Set(['integer', 'number', 'money']);
const INTEGRAL = new Set(['integer', 'money']);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Which fields a query may filter on. The schema has no `filterable` flag yet, so every field that
 * does not identify anything (DPV category pd:Identifying: trip numbers, order ids) is filterable.
 */
export const isFilterable = (f: FieldDef): boolean => f.category !== 'pd:Identifying';

/** A field's declared domain for grouping: its enum, `false`/`true` for booleans, else null (open). */
export function declaredDomain(f: FieldDef): string[] | null {
  if (f.enum && f.enum.length > 0) return [...f.enum];
  if (f.type === 'boolean') return ['false', 'true'];
  return null;
}

class Issues {
  readonly list: FieldIssue[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  unknownKeys(o: Obj, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(o)) if (!allowed.includes(key)) this.add(path ? `${path}.${key}` : key, 'is not part of a query');
  }
}

function integer(v: unknown, path: string, issues: Issues, min: number, max: number): number | undefined {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    issues.add(path, `must be a whole number from ${min} to ${max}`);
    return undefined;
  }
  return v;
}

function filterValue(f: FieldDef, v: unknown, path: string, issues: Issues): FilterValue | undefined {
  switch (f.type) {
    case 'string':
      if (typeof v !== 'string' || v.length > 200) return issues.add(path, 'must be a text of at most 200 characters'), undefined;
      if (f.enum && !f.enum.includes(v)) return issues.add(path, `must be one of ${f.enum.join(', ')}`), undefined;
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') return issues.add(path, 'must be true or false'), undefined;
      return v;
    case 'integer':
    case 'money':
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) return issues.add(path, 'must be a whole number'), undefined;
      return v;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return issues.add(path, 'must be a number'), undefined;
      return v;
    case 'timestamp': {
      if (typeof v !== 'string' || !TIMESTAMP.test(v) || Number.isNaN(Date.parse(v))) {
        return issues.add(path, 'must be an ISO 8601 date and time with a zone, e.g. 2026-01-31T00:00:00Z'), undefined;
      }
      return new Date(v).toISOString();
    }
    case 'date':
      if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
        return issues.add(path, 'must be a date, e.g. 2026-01-31'), undefined;
      }
      return v;
  }
}

function opsFor(f: FieldDef): readonly FilterOp[] {
  if (f.type === 'string' || f.type === 'boolean') return ['eq', 'ne', 'in'];
  if (f.type === 'timestamp') return ['gte', 'gt', 'lte', 'lt'];
  return FILTER_OPS;
}

function validateFilters(input: unknown, fields: Map<string, FieldDef>, issues: Issues): Filter[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) return issues.add('filters', 'must be a list'), [];
  if (input.length > QUERY_LIMITS.filters) issues.add('filters', `at most ${QUERY_LIMITS.filters} filters`);
  const out: Filter[] = [];
  input.forEach((raw: unknown, i) => {
    const at = `filters.${i}`;
    if (!isObj(raw)) return issues.add(at, 'must be an object with field, op and value');
    issues.unknownKeys(raw, ['field', 'op', 'value', 'values'], at);
    const f = typeof raw.field === 'string' ? fields.get(raw.field) : undefined;
    if (!f) return issues.add(`${at}.field`, typeof raw.field === 'string' ? `no field "${raw.field}" in this dataset` : 'must name a field');
    if (!isFilterable(f)) return issues.add(`${at}.field`, `"${f.name}" identifies records and cannot be filtered on`);
    const op = raw.op as FilterOp;
    if (!opsFor(f).includes(op)) return issues.add(`${at}.op`, `for "${f.name}" (${f.type}) use one of ${opsFor(f).join(', ')}`);
    if (op === 'in') {
      if (!Array.isArray(raw.values) || raw.values.length === 0 || raw.values.length > QUERY_LIMITS.inValues) {
        return issues.add(`${at}.values`, `must list 1 to ${QUERY_LIMITS.inValues} values`);
      }
      const values = raw.values.map((v: unknown, j: number) => filterValue(f, v, `${at}.values.${j}`, issues));
      if (values.every((v) => v !== undefined)) out.push({ field: f.name, op, values: values as FilterValue[] });
      return;
    }
    const value = filterValue(f, raw.value, `${at}.value`, issues);
    if (value !== undefined) out.push({ field: f.name, op, value });
  });
  return out;
}

function validateGroupBy(input: unknown, fields: Map<string, FieldDef>, issues: Issues): GroupField[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) return issues.add('groupBy', 'must be a list of field names'), [];
  if (input.length > QUERY_LIMITS.groupBy) issues.add('groupBy', `at most ${QUERY_LIMITS.groupBy} fields`);
  const out: GroupField[] = [];
  const seen = new Set<string>();
  input.forEach((name: unknown, i) => {
    const at = `groupBy.${i}`;
    const f = typeof name === 'string' ? fields.get(name) : undefined;
    if (!f) return issues.add(at, typeof name === 'string' ? `no field "${name}" in this dataset` : 'must name a field');
    if (!f.groupable) return issues.add(at, `"${f.name}" is not groupable: groups by it could single people out`);
    if (seen.has(f.name)) return issues.add(at, `"${f.name}" is listed twice`);
    seen.add(f.name);
    out.push({ field: f.name, domain: declaredDomain(f) });
  });
  if (out.length > 0 && out.every((g) => g.domain)) {
    const size = out.reduce((n, g) => n * g.domain!.length, 1);
    if (size > QUERY_LIMITS.declaredPartitions) issues.add('groupBy', `${size} groups is more than ${QUERY_LIMITS.declaredPartitions}`);
  }
  return out;
}

/** Exact multiple of grid, or undefined. */
function unitsOf(x: Rational, grid: Rational): bigint | undefined {
  const q = div(x, grid);
  return q.den === 1n ? q.num : undefined;
}

function validateBounds(raw: unknown, f: FieldDef, at: string, issues: Issues): ClampBounds | undefined {
  if (!isObj(raw)) {
    issues.add(at, `clamping bounds are required for "${f.name}": give { lower, upper } in ${f.unit ?? 'its units'}`);
    return undefined;
  }
  issues.unknownKeys(raw, ['lower', 'upper', 'grid'], at);
  const before = issues.list.length;
  const num = (key: string): Rational | undefined => {
    const v = raw[key];
    const r = typeof v === 'number' ? tryDecimal(v) : undefined;
    if (!r) issues.add(`${at}.${key}`, 'must be a number');
    return r;
  };
  const lower = num('lower');
  const upper = num('upper');
  let grid: Rational | undefined;
  if (raw.grid === undefined) {
    if (INTEGRAL.has(f.type)) grid = { num: 1n, den: 1n };
    else issues.add(`${at}.grid`, 'say the precision values are rounded to, e.g. 0.01');
  } else {
    grid = typeof raw.grid === 'number' ? tryDecimal(raw.grid) : undefined;
    if (!grid || grid.num <= 0n) {
      issues.add(`${at}.grid`, 'must be a positive number');
      grid = undefined;
    } else if (INTEGRAL.has(f.type) && grid.den !== 1n) issues.add(`${at}.grid`, `must be a whole number for ${f.type} fields`);
  }
  if (!lower || !upper || !grid || issues.list.length > before) return undefined;
  if (compare(lower, upper) >= 0) return issues.add(`${at}.upper`, 'must be greater than lower'), undefined;
  for (const [key, value] of [['lower', lower], ['upper', upper]] as const) {
    const u = unitsOf(value, grid);
    if (u === undefined) return issues.add(`${at}.${key}`, `must be a multiple of the grid (${String(raw.grid ?? 1)})`), undefined;
    if (u > BigInt(QUERY_LIMITS.boundUnits) || -u > BigInt(QUERY_LIMITS.boundUnits)) return issues.add(`${at}.${key}`, 'is too large'), undefined;
  }
  return { lower: raw.lower as number, upper: raw.upper as number, grid: (raw.grid as number | undefined) ?? 1 };
}

/** The valid aggregates, each with its index in the input (for naming fields later). */
type Indexed = { at: number; agg: Aggregate };

function validateAggregates(input: unknown, fields: Map<string, FieldDef>, issues: Issues): Indexed[] {
  if (!Array.isArray(input) || input.length === 0) return issues.add('aggregates', 'must list at least one aggregate'), [];
  if (input.length > QUERY_LIMITS.aggregates) issues.add('aggregates', `at most ${QUERY_LIMITS.aggregates} aggregates`);
  const out: Indexed[] = [];
  const names = new Set<string>();
  input.forEach((raw: unknown, i) => {
    const at = `aggregates.${i}`;
    if (!isObj(raw)) return issues.add(at, 'must be an object with a kind');
    issues.unknownKeys(raw, ['kind', 'name', 'of', 'field', 'bounds', 'bins', 'quantiles'], at);
    const kind = raw.kind;
    if (kind !== 'count' && kind !== 'sum' && kind !== 'mean' && kind !== 'quantiles' && kind !== 'histogram') {
      return issues.add(`${at}.kind`, 'must be one of count, sum, mean, quantiles, histogram');
    }
    const before = issues.list.length;
    let agg: Aggregate | undefined;
    if (kind === 'count') {
      const of = raw.of ?? 'rows';
      if (of !== 'rows' && of !== 'members') issues.add(`${at}.of`, 'must be rows or members');
      else agg = { kind, name: of === 'rows' ? 'count' : 'members', of };
    } else {
      const f = typeof raw.field === 'string' ? fields.get(raw.field) : undefined;
      if (!f) return issues.add(`${at}.field`, typeof raw.field === 'string' ? `no field "${raw.field}" in this dataset` : 'must name a field');
      const name = `${kind}_${f.name}`;
      const domain = declaredDomain(f);
      if (kind === 'histogram' && domain) {
        agg = { kind, name, field: f.name, categories: domain, bounds: null, bins: domain.length };
      } else if (!NUMERIC.has(f.type)) {
        issues.add(`${at}.field`, kind === 'histogram'
          ? `"${f.name}" has no declared values and is not a number: group by it instead`
          : `${kind} needs a number field; "${f.name}" is ${f.type}`);
      } else {
        const bounds = validateBounds(raw.bounds, f, `${at}.bounds`, issues);
        const binsDefault = kind === 'quantiles' ? DEFAULT_QUANTILE_BINS : 10;
        const bins = kind === 'quantiles' || kind === 'histogram'
          ? integer(raw.bins ?? binsDefault, `${at}.bins`, issues, 2, QUERY_LIMITS.bins) : undefined;
        if (kind === 'quantiles') {
          const qs = raw.quantiles;
          if (!Array.isArray(qs) || qs.length === 0 || qs.length > QUERY_LIMITS.quantiles
            || qs.some((q) => typeof q !== 'number' || !(q > 0 && q < 1)) || new Set(qs).size !== qs.length) {
            issues.add(`${at}.quantiles`, `must list 1 to ${QUERY_LIMITS.quantiles} different numbers between 0 and 1, e.g. [0.5, 0.9]`);
          } else if (bounds && bins) agg = { kind, name, field: f.name, bounds, bins, quantiles: [...(qs as number[])].sort((a, b) => a - b) };
        } else if (bounds) {
          agg = kind === 'histogram' ? { kind, name, field: f.name, categories: null, bounds, bins: bins! } : { kind, name, field: f.name, bounds };
        }
      }
    }
    if (!agg || issues.list.length > before) return;
    if (raw.name !== undefined) {
      if (typeof raw.name !== 'string' || !NAME.test(raw.name)) return issues.add(`${at}.name`, 'use lower-case letters, digits and _ (start with a letter)');
      agg.name = raw.name;
    }
    if (names.has(agg.name)) return issues.add(`${at}.name`, `"${agg.name}" is used twice; give each aggregate its own name`);
    names.add(agg.name);
    out.push({ at: i, agg });
  });
  return out;
}

/** Sums, means and quantiles of money make sense in one currency only: it must be fixed by a filter or grouped by. */
function checkCurrencies(aggregates: Indexed[], q: Pick<Query, 'filters' | 'groupBy'>, fields: Map<string, FieldDef>, issues: Issues): void {
  aggregates.forEach(({ at: i, agg: a }) => {
    if (a.kind === 'count') return;
    const f = fields.get(a.field);
    if (f?.type !== 'money' || !f.currencyField) return;
    const cur = f.currencyField;
    const fixed = q.filters.some((x) => x.field === cur && (x.op === 'eq' || (x.op === 'in' && x.values.length === 1)));
    if (!fixed && !q.groupBy.some((g) => g.field === cur)) {
      issues.add(`aggregates.${i}.field`, `"${f.name}" is money: filter ${cur} to one currency or group by ${cur}`);
    }
  });
}

/**
 * Validates a private query against its dataset's schema and returns it normalised (defaults
 * filled, bounds checked, domains attached). Names every offending field by its path, e.g.
 * `aggregates.1.bounds.upper`, in one ValidationError.
 */
export function validateQuery(input: unknown, dataset: QueryDataset): Query {
  const issues = new Issues();
  if (!isObj(input)) throw ValidationError.field('query', 'must be a JSON object');
  issues.unknownKeys(input, ['dataset', 'filters', 'groupBy', 'aggregates', 'contribution', 'rhoMicro', 'selection'], '');
  if (input.dataset !== dataset.slug && (dataset.canonical == null || input.dataset !== dataset.canonical)) {
    issues.add('dataset', `must be "${dataset.slug}"`);
  }
  const fields = new Map(dataset.schema.fields.map((f) => [f.name, f]));
  const filters = validateFilters(input.filters, fields, issues);
  const groupBy = validateGroupBy(input.groupBy, fields, issues);
  const indexed = validateAggregates(input.aggregates, fields, issues);
  checkCurrencies(indexed, { filters, groupBy }, fields, issues);
  const aggregates = indexed.map((x) => x.agg);

  const c = input.contribution;
  let maxRowsPerMember = 1;
  let maxPartitionsPerMember = 1;
  if (!isObj(c)) {
    issues.add('contribution', 'say how much each member may contribute: { maxRowsPerMember, maxPartitionsPerMember }');
  } else {
    issues.unknownKeys(c, ['maxRowsPerMember', 'maxPartitionsPerMember'], 'contribution');
    maxRowsPerMember = integer(c.maxRowsPerMember, 'contribution.maxRowsPerMember', issues, 1, QUERY_LIMITS.maxRowsPerMember) ?? 1;
    if (groupBy.length > 0 || c.maxPartitionsPerMember !== undefined) {
      maxPartitionsPerMember = integer(c.maxPartitionsPerMember, 'contribution.maxPartitionsPerMember', issues, 1, QUERY_LIMITS.maxPartitionsPerMember) ?? 1;
    }
  }
  // Without group-by there is one group; with only declared domains, no more than their product.
  if (groupBy.length === 0) maxPartitionsPerMember = 1;
  else if (groupBy.every((g) => g.domain)) maxPartitionsPerMember = Math.min(maxPartitionsPerMember, groupBy.reduce((n, g) => n * g.domain!.length, 1));

  const open = groupBy.some((g) => !g.domain);
  let selection: Query['selection'] = null;
  if (open) {
    const raw = input.selection;
    let delta = DEFAULT_SELECTION_DELTA;
    if (raw !== undefined) {
      if (!isObj(raw)) issues.add('selection', 'must be an object, e.g. { "delta": 1e-7 }');
      else {
        issues.unknownKeys(raw, ['delta'], 'selection');
        if (raw.delta !== undefined) {
          if (typeof raw.delta !== 'number' || !(raw.delta > 0 && raw.delta <= MAX_SELECTION_DELTA) || !tryDecimal(raw.delta)) {
            issues.add('selection.delta', `must be a number above 0 and at most ${MAX_SELECTION_DELTA}`);
          } else delta = raw.delta;
        }
      }
    }
    selection = { delta };
  }

  const rhoMicro = integer(input.rhoMicro, 'rhoMicro', issues, 1, Number.MAX_SAFE_INTEGER);
  const releases = measurementCount(aggregates) + (open ? 1 : 0);
  if (rhoMicro !== undefined && aggregates.length > 0 && rhoMicro < releases) {
    issues.add('rhoMicro', `is split across ${releases} releases, so it must be at least ${releases}`);
  }
  if (issues.list.length > 0) throw new ValidationError(issues.list);
  return {
    dataset: dataset.slug,
    filters,
    groupBy,
    aggregates,
    contribution: { maxRowsPerMember, maxPartitionsPerMember },
    rhoMicro: rhoMicro!,
    selection,
  };
}
