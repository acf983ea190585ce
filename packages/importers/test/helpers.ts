import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { collectImport, ImportError, type ImportInput, type ImportOptions, type ImportedRecord } from '@steward/importers';

/** The real export files live beside the repository (`../shared/real-data` from its root), never inside it. */
export const REAL_DATA = join(import.meta.dirname, '../../../../shared/real-data');
export const HAVE_REAL_DATA = existsSync(join(REAL_DATA, 'README.md'));
export const FIXTURES = join(import.meta.dirname, 'fixtures');

export function real(path: string): string {
  return join(REAL_DATA, path);
}

/**
 * Independent reading of a zip for the golden tests: fflate (not yauzl, which the importers use)
 * inflates every member into memory. Fine for the small samples.
 */
export function unzipAll(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(path)))) out[name] = new TextDecoder().decode(bytes);
  return out;
}

export function member(files: Record<string, string>, suffix: string): string {
  const hit = Object.keys(files).find((k) => k.endsWith(suffix) && !k.includes('__MACOSX'));
  if (!hit) throw new Error(`no member ending ${suffix}`);
  return files[hit]!;
}

/** A deliberately naive CSV reader for files without quotes: split lines, then split on the delimiter. */
export function naiveCsv(text: string, delimiter: string): Array<Record<string, string>> {
  if (text.includes('"')) throw new Error('naiveCsv is only for files without quotes');
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const header = lines[0]!.split(delimiter);
  return lines.slice(1).map((l) => {
    const cells = l.split(delimiter);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/**
 * A small quote-aware CSV reader (comma-separated, `""` escapes, newlines inside quotes),
 * independent of csv-parse, for the golden figures of quoted files such as Wolt's.
 */
export function quotedCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows.filter((r) => r.some((v) => v !== ''));
}

/** Sum of decimal strings as integer cents, via integer arithmetic on the digits (2 decimals at most). */
export function cents(values: string[]): number {
  let total = 0;
  for (const v of values) {
    const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(v);
    if (!m) throw new Error(`not a 2-decimal amount: ${v}`);
    const c = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
    total += m[1] ? -c : c;
  }
  return total;
}

export function zipBytes(files: Record<string, string | Uint8Array>, level: 0 | 6 | 9 = 6): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(files)) z[k] = [typeof v === 'string' ? new TextEncoder().encode(v) : v, { level }];
  return zipSync(z);
}

export async function importRecords(input: ImportInput, options: ImportOptions = {}) {
  return collectImport(input, options);
}

export function byDataset(records: ImportedRecord[], dataset: string): ImportedRecord[] {
  return records.filter((r) => r.dataset === dataset);
}

/** Runs `fn` and returns the ImportError it throws (failing if it throws anything else or nothing). */
export async function importError(fn: () => Promise<unknown>): Promise<ImportError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw new Error(`expected an ImportError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an ImportError, nothing was thrown');
}

export function periodOf(records: ImportedRecord[]): { first: string; last: string } {
  const times = records.map((r) => r.occurredAt.getTime()).sort((a, b) => a - b);
  return { first: new Date(times[0]!).toISOString(), last: new Date(times[times.length - 1]!).toISOString() };
}
