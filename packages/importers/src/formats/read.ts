import { readCsv, sniffDelimiter } from '../io/csv.ts';
import type { Member } from '../io/container.ts';
import { resolveColumns, type ColumnTable, type Columns } from './columns.ts';
import { headText } from './common.ts';
import type { ImportContext } from './importer.ts';

export interface TableRow<K extends string> {
  row: number;
  values: string[];
  cols: Columns<K>;
}

/** Delimiter of a member, sniffed from its first line. */
export async function delimiterOf(ctx: ImportContext, member: Member): Promise<string> {
  const head = headText(await ctx.container.peek(member, 16 * 1024)) ?? '';
  return sniffDelimiter(head);
}

/**
 * Streams a CSV member with a header, resolving the importer's column table against it (a
 * missing required column is an ImportError naming it). An empty file yields nothing and warns.
 */
export async function* readTable<K extends string>(ctx: ImportContext, member: Member, table: ColumnTable<K>): AsyncGenerator<TableRow<K>> {
  const delimiter = await delimiterOf(ctx, member);
  let cols: Columns<K> | null = null;
  let rows = 0;
  for await (const r of readCsv(ctx.container.open(member), {
    file: member.name,
    delimiter,
    header: true,
    limits: ctx.limits,
    onHeader: (names) => {
      if (names.length > 0) cols = resolveColumns(member.name, names, table);
    },
  })) {
    rows++;
    yield { row: r.row, values: r.values, cols: cols! };
  }
  if (rows === 0) ctx.warn('no_rows', cols ? 'The file has a header but no rows.' : 'The file is empty.', { file: member.name });
}

/** Reads a CSV member to the end and counts its data rows (for files kept as extras). */
export async function countRows(ctx: ImportContext, member: Member): Promise<number> {
  const delimiter = await delimiterOf(ctx, member);
  let n = 0;
  for await (const _ of readCsv(ctx.container.open(member), { file: member.name, delimiter, header: true, limits: ctx.limits })) n++;
  return n;
}
