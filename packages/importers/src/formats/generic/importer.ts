import type { FieldDef } from '@steward/core';
import { ImportError } from '../../errors.ts';
import { readCsv, sniffDelimiter } from '../../io/csv.ts';
import type { Member } from '../../io/container.ts';
import { readJsonElements } from '../../io/json.ts';
import { toMinorUnits, toNumber } from '../../values/money.ts';
import { isoOf, wallMs, wallTimeToInstant } from '../../values/time.ts';
import type { CanonicalDatasetName } from '../../types.ts';
import { normaliseHeader } from '../columns.ts';
import { headText } from '../common.ts';
import type { ImportContext, Importer, RawItem } from '../importer.ts';
import { compileDateFormat, type DateParser } from './date-format.ts';
import { validateMapping, type ResolvedMapping } from './mapping.ts';

/** The field whose time a record is "about", per dataset. */
const WHEN: Record<CanonicalDatasetName, string> = {
  work_tasks: 'started_at',
  pay_items: 'paid_at',
  time_segments: 'started_at',
  location_points: 'recorded_at',
  shifts: 'started_at',
};

type Row = { row: number; get: (column: string) => string | undefined };

class RowError extends Error {
  readonly column: string;
  constructor(column: string, message: string) {
    super(message);
    this.column = column;
  }
}

function convert(field: FieldDef, text: string, m: ResolvedMapping, parseDate: DateParser, currency: string | null, ctx: ImportContext, column: string): unknown {
  switch (field.type) {
    case 'string': {
      if (field.enum) {
        const hit = field.enum.find((e) => e === text.toLowerCase());
        if (hit) return hit;
      }
      return text;
    }
    case 'integer': {
      const n = toNumber(text, m.decimalSeparator);
      if (typeof n === 'string') throw new RowError(column, `must be a whole number: ${JSON.stringify(text)} ${n}`);
      if (!Number.isInteger(n)) ctx.warn('value_rounded', `Some ${field.name} values had decimals and were rounded.`);
      return Math.round(n);
    }
    case 'number': {
      const n = toNumber(text, m.decimalSeparator);
      if (typeof n === 'string') throw new RowError(column, `must be a number: ${JSON.stringify(text)} ${n}`);
      return n;
    }
    case 'money': {
      if (!currency) throw new RowError(column, 'has an amount but the row has no currency');
      const r = toMinorUnits(text, currency, m.decimalSeparator);
      if (typeof r === 'string') throw new RowError(column, `must be an amount in ${currency}: ${JSON.stringify(text)} ${r}`);
      if (r.rounded) ctx.warn('amount_rounded', `Some amounts had more decimals than ${currency} allows and were rounded half to even.`);
      return r.minor;
    }
    case 'timestamp': {
      const d = parseDate(text);
      if (!d) throw new RowError(column, `must be a date and time in the format ${m.dateFormat ?? 'iso'}, got ${JSON.stringify(text)}`);
      if (d.epochMs !== undefined) return isoOf(d.epochMs);
      if (d.offsetMs !== null) return isoOf(wallMs(d.wall!) - d.offsetMs);
      if (!m.timezone) throw new RowError(column, 'has no time zone: set the timezone in the mapping');
      const r = wallTimeToInstant(d.wall!, m.timezone);
      if (r.ambiguous) ctx.warn('ambiguous_local_time', `Some local times fall in the hour repeated when clocks went back in ${m.timezone}; the first occurrence was used.`);
      if (r.skipped) ctx.warn('skipped_local_time', `Some local times fall in the hour skipped when clocks went forward in ${m.timezone}; they were moved forward by the gap.`);
      return isoOf(r.ms);
    }
    default:
      return text;
  }
}

function mapRow(r: Row, m: ResolvedMapping, parseDate: DateParser, ctx: ImportContext): { data: Record<string, unknown>; when: number } {
  const raw = (field: string): string | null => {
    const column = m.columns[field];
    let text: string | undefined;
    if (column !== undefined) text = r.get(column);
    else if (m.constants?.[field] !== undefined) text = String(m.constants[field]);
    if (text === undefined) return null;
    text = text.trim();
    const mapped = m.values?.[field]?.[text];
    return mapped ?? (text === '' ? null : text);
  };
  const currencyText = raw('currency') ?? m.currency ?? null;
  const currency = currencyText ? currencyText.toUpperCase() : null;
  const data: Record<string, unknown> = {};
  for (const f of m.fields) {
    const text = f.name === 'currency' ? currency : raw(f.name);
    data[f.name] = text === null ? null : convert(f, text, m, parseDate, currency, ctx, m.columns[f.name] ?? f.name);
  }
  if (m.dataset === 'time_segments' && data.duration_s == null && typeof data.started_at === 'string' && typeof data.ended_at === 'string') {
    data.duration_s = Math.round((Date.parse(data.ended_at) - Date.parse(data.started_at)) / 1000);
  }
  const whenField = WHEN[m.dataset];
  const when = typeof data[whenField] === 'string' ? Date.parse(data[whenField] as string) : NaN;
  if (Number.isNaN(when)) throw new RowError(m.columns[whenField] ?? whenField, `is required (${whenField})`);
  return { data, when };
}

function lookup(value: unknown, path: string): string | undefined {
  let cur: unknown = value;
  const obj = cur as Record<string, unknown> | null;
  if (obj && typeof obj === 'object' && path in obj) cur = obj[path];
  else {
    for (const part of path.split('.')) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
  }
  if (cur === undefined || cur === null) return undefined;
  if (typeof cur === 'object') return JSON.stringify(cur);
  return String(cur);
}

async function* csvRows(ctx: ImportContext, member: Member, m: ResolvedMapping): AsyncGenerator<Row> {
  const head = headText(await ctx.container.peek(member, 16 * 1024)) ?? '';
  const delimiter = m.delimiter ?? sniffDelimiter(head);
  let positions: Map<string, number> | null = null;
  const wanted = Object.values(m.columns);
  for await (const r of readCsv(ctx.container.open(member), {
    file: member.name,
    delimiter,
    header: true,
    limits: ctx.limits,
    onHeader: (names) => {
      positions = new Map();
      names.forEach((n, i) => {
        if (!positions!.has(n)) positions!.set(n, i);
        const k = `~${normaliseHeader(n)}`;
        if (!positions!.has(k)) positions!.set(k, i);
      });
      const missing = wanted.filter((c) => !positions!.has(c) && !positions!.has(`~${normaliseHeader(c)}`));
      if (names.length > 0 && missing.length > 0) {
        throw new ImportError('missing_column', { file: member.name, row: 1, column: missing[0]! }, `lacks the mapped column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}; the header has: ${names.join(', ')}`);
      }
    },
  })) {
    const values = r.values;
    const p = positions!;
    yield {
      row: r.row,
      get: (column) => {
        const i = p.get(column) ?? p.get(`~${normaliseHeader(column)}`);
        return i === undefined ? undefined : values[i];
      },
    };
  }
}

async function* jsonRows(ctx: ImportContext, member: Member): AsyncGenerator<Row> {
  for await (const { index, value } of readJsonElements(ctx.container.open(member), '$.*', member.name, ctx.limits)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ImportError('invalid_value', { file: member.name, row: index }, 'must be an object (the file must be a JSON array of objects)');
    }
    yield { row: index, get: (column) => lookup(value, column) };
  }
}

/** Generic CSV or JSON (an array of objects) read through a saved column mapping. */
export const generic: Importer = {
  name: 'generic',
  version: '1.0.0',
  title: 'CSV or JSON with a column mapping',
  detect: () => null,
  async *run(ctx: ImportContext): AsyncGenerator<RawItem> {
    if (!ctx.options.mapping) throw new ImportError('missing_option', { file: ctx.container.name }, 'the generic importer needs a column mapping');
    const m = validateMapping(ctx.options.mapping);
    const parseDate = compileDateFormat(m.dateFormat ?? 'iso') as DateParser;
    const drop = ctx.options.onInvalidRow === 'drop';
    for (const member of ctx.container.members) {
      const head = headText(await ctx.container.peek(member, 1024)) ?? '';
      const rows = /^\s*\[/.test(head) ? jsonRows(ctx, member) : /^\s*\{/.test(head) ? null : csvRows(ctx, member, m);
      if (!rows) throw new ImportError('unsupported_format', { file: member.name }, 'is a JSON object; the generic importer reads a JSON array of objects or a CSV');
      let count = 0;
      for await (const r of rows) {
        count++;
        try {
          const { data, when } = mapRow(r, m, parseDate, ctx);
          yield { kind: 'record', dataset: m.dataset, file: member.name, row: r.row, occurredAt: new Date(when), data };
        } catch (error) {
          if (!(error instanceof RowError)) throw error;
          if (!drop) throw new ImportError('invalid_value', { file: member.name, row: r.row, column: error.column }, error.message);
          yield { kind: 'dropped', file: member.name, row: r.row, reason: `column "${error.column}" ${error.message}` };
        }
      }
      if (count === 0) ctx.warn('no_rows', 'The file has no rows.', { file: member.name });
    }
  },
};
