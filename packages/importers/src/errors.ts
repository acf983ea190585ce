import { ValidationError, type FieldIssue } from '@steward/core';

/** Why an import failed; stable machine values the edges can branch on. */
export type ImportErrorReason =
  | 'unsupported_format'
  | 'missing_column'
  | 'missing_option'
  | 'invalid_option'
  | 'invalid_mapping'
  | 'invalid_value'
  | 'field_too_large'
  | 'record_too_large'
  | 'file_too_large'
  | 'total_too_large'
  | 'too_many_entries'
  | 'zip_bomb'
  | 'unsafe_path'
  | 'corrupt_archive'
  | 'malformed_csv'
  | 'malformed_json'
  | 'read_failed';

/** Where in the input a problem is: the file (a zip member is `archive.zip › member.csv`), row and column. */
export interface ImportLocation {
  file: string;
  /** 1-based record number as a spreadsheet shows it: the header is row 1, the first data row is row 2. */
  row?: number | null;
  column?: string | null;
}

function where(at: ImportLocation): string {
  let s = at.file;
  if (at.row != null) s += `, row ${at.row}`;
  if (at.column != null) s += `, column "${at.column}"`;
  return s;
}

/**
 * Any bad input to an importer. It is a core ValidationError (so the HTTP edge already maps it
 * to 422 with its issues) that also names the file, row and column and a machine `reason`.
 */
export class ImportError extends ValidationError {
  readonly reason: ImportErrorReason;
  readonly file: string;
  readonly row: number | null;
  readonly column: string | null;
  /** For `unsupported_format`: what the content looked like. */
  readonly detected: string | null;

  constructor(reason: ImportErrorReason, at: ImportLocation, message: string, options: { detected?: string; issues?: FieldIssue[] } = {}) {
    super(options.issues && options.issues.length > 0 ? options.issues : [{ field: where(at), message }]);
    this.name = 'ImportError';
    this.reason = reason;
    this.file = at.file;
    this.row = at.row ?? null;
    this.column = at.column ?? null;
    this.detected = options.detected ?? null;
  }
}

/** Wraps anything thrown while reading `file` into an ImportError, keeping ImportErrors as they are. */
export function asImportError(error: unknown, at: ImportLocation): ImportError {
  if (error instanceof ImportError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new ImportError('read_failed', at, `could not be read: ${text}`);
}
