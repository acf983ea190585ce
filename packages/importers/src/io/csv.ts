import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { ImportError } from '../errors.ts';
import type { ImportLimits } from '../limits.ts';

export interface CsvRow {
  /** Spreadsheet row number: with a header, the first data row is 2. */
  row: number;
  values: string[];
}

export interface CsvOptions {
  file: string;
  delimiter: string;
  /** When true the first record is the header and is not yielded. */
  header: boolean;
  limits: ImportLimits;
  /** Called with the header (BOM removed, names trimmed) before the first row. */
  onHeader?: (names: string[]) => void;
}

const CANDIDATES = [',', ';', '\t', '|'];

/** The delimiter of a CSV from its first line: the candidate that occurs most outside quotes. */
export function sniffDelimiter(head: string): string {
  const text = head.replace(/^\uFEFF/, '');
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let max = 0;
  for (const [c, n] of counts) {
    if (n > max) {
      best = c;
      max = n;
    }
  }
  return best;
}

/** The header line of a CSV text (quoted names unquoted), for detection. */
export function headerOf(head: string, delimiter: string): string[] {
  const text = head.replace(/^\uFEFF/, '');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(field.trim());
      field = '';
    } else if (ch === '\n' || ch === '\r') break;
    else field += ch;
  }
  out.push(field.trim());
  return out;
}

function csvError(error: unknown, o: CsvOptions, header: string[] | null): ImportError {
  if (error instanceof ImportError) return error;
  const e = error as { code?: string; message?: string; records?: number; index?: number; column?: string | number };
  // csv-parse counts records read so far, the header included, so the failing one is the next.
  const row = typeof e.records === 'number' ? e.records + 1 : null;
  const column = typeof e.index === 'number' ? (header?.[e.index] ?? `#${e.index + 1}`) : null;
  if (e.code === 'CSV_MAX_RECORD_SIZE') {
    return new ImportError('record_too_large', { file: o.file, row, column }, `a row is larger than the limit of ${o.limits.maxRecordBytes} bytes`);
  }
  if (error instanceof CsvError) {
    return new ImportError('malformed_csv', { file: o.file, row, column }, `is not well-formed CSV: ${e.message ?? e.code}`);
  }
  return new ImportError('read_failed', { file: o.file, row }, `could not be read: ${e.message ?? String(error)}`);
}

/**
 * Streams CSV rows in constant memory: BOM, CRLF, quoted newlines and any delimiter are handled
 * by csv-parse; each field and record is bounded by the limits.
 */
export async function* readCsv(stream: AsyncIterable<Buffer>, o: CsvOptions): AsyncGenerator<CsvRow> {
  const parser = parse({
    delimiter: o.delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: o.limits.maxRecordBytes,
  });
  const input = Readable.from(stream, { objectMode: false });
  let inputError: unknown = null;
  input.on('error', (e) => {
    inputError = e;
    parser.destroy(e);
  });
  input.pipe(parser);
  let header: string[] | null = null;
  let record = 0;
  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      record++;
      if (o.header && header === null) {
        header = values.map((v) => v.replace(/^\uFEFF/, '').trim());
        o.onHeader?.(header);
        continue;
      }
      for (let i = 0; i < values.length; i++) {
        if (values[i]!.length > o.limits.maxFieldChars) {
          throw new ImportError('field_too_large', { file: o.file, row: record, column: header?.[i] ?? `#${i + 1}` }, `holds a value longer than the limit of ${o.limits.maxFieldChars} characters`);
        }
      }
      yield { row: record, values };
    }
  } catch (error) {
    if (inputError) throw inputError instanceof ImportError ? inputError : csvError(inputError, o, header);
    throw csvError(error, o, header);
  } finally {
    input.unpipe(parser);
    input.destroy();
    parser.destroy();
  }
  if (inputError) throw inputError instanceof ImportError ? inputError : csvError(inputError, o, header);
  if (o.header && header === null) o.onHeader?.([]);
}
