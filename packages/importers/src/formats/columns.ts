import { ImportError } from '../errors.ts';

/**
 * Header-driven column lookup. Each importer declares, per field it needs, the column names seen
 * in the wild; a renamed column is one more alias in its table. Names are compared normalised
 * (case, spaces, punctuation and a trailing space ignored), so `Task creation time ` matches.
 */
export interface ColumnSpec {
  aliases: readonly string[];
  required?: boolean;
}

export type ColumnTable<K extends string> = Readonly<Record<K, ColumnSpec>>;

export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Resolved positions: `index.field` is the column index, or undefined when absent. */
export interface Columns<K extends string> {
  index: Partial<Record<K, number>>;
  header: string[];
  /** The value of `field` in `values` ('' when the column is absent or short). */
  get(values: readonly string[], field: K): string;
  has(field: K): boolean;
  /** The header name actually used for `field`, for error messages. */
  name(field: K): string;
}

export function matchColumns<K extends string>(header: readonly string[], table: ColumnTable<K>): { index: Partial<Record<K, number>>; missing: K[] } {
  const positions = new Map<string, number>();
  header.forEach((h, i) => {
    const n = normaliseHeader(h);
    if (!positions.has(n)) positions.set(n, i);
  });
  const index: Partial<Record<K, number>> = {};
  const missing: K[] = [];
  for (const field of Object.keys(table) as K[]) {
    const spec = table[field];
    const at = spec.aliases.map((a) => positions.get(normaliseHeader(a))).find((i) => i !== undefined);
    if (at !== undefined) index[field] = at;
    else if (spec.required) missing.push(field);
  }
  return { index, missing };
}

/** How well a header fits a table: share of required columns present (0 … 1). */
export function headerScore<K extends string>(header: readonly string[], table: ColumnTable<K>): number {
  const required = (Object.keys(table) as K[]).filter((k) => table[k].required);
  if (required.length === 0) return 0;
  const { missing } = matchColumns(header, table);
  return (required.length - missing.length) / required.length;
}

export function resolveColumns<K extends string>(file: string, header: readonly string[], table: ColumnTable<K>): Columns<K> {
  const { index, missing } = matchColumns(header, table);
  if (missing.length > 0) {
    const wanted = missing.map((m) => `"${table[m].aliases[0]}"`).join(', ');
    throw new ImportError('missing_column', { file, row: 1, column: table[missing[0]!].aliases[0]! }, `lacks the column${missing.length > 1 ? 's' : ''} ${wanted}; the header has: ${header.join(', ') || '(nothing)'}`);
  }
  return {
    index,
    header: [...header],
    get: (values, field) => {
      const i = index[field];
      return i === undefined ? '' : (values[i] ?? '');
    },
    has: (field) => index[field] !== undefined,
    name: (field) => {
      const i = index[field];
      return i === undefined ? table[field].aliases[0]! : header[i]!;
    },
  };
}
