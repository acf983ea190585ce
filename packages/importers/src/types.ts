import type { RecordData } from '@steward/core';
import type { ImportLimits } from './limits.ts';
import type { ColumnMapping } from './formats/generic/mapping.ts';

export type CanonicalDatasetName = 'work_tasks' | 'pay_items' | 'time_segments' | 'location_points' | 'shifts';
export const CANONICAL_DATASET_NAMES: readonly CanonicalDatasetName[] = ['work_tasks', 'pay_items', 'time_segments', 'location_points', 'shifts'];

/** A file handed to an importer: its bytes, a readable stream of them, or a path on disk. */
export type ImportInput =
  | { name: string; bytes: Uint8Array }
  | { name: string; stream: AsyncIterable<Uint8Array> }
  | { name: string; path: string };

export interface ImportOptions {
  /** Importer to use (see `IMPORTERS`); detected from the content when omitted. */
  importer?: string;
  /** IANA zone of the export's wall-clock times, e.g. `Europe/Paris`. */
  timezone?: string;
  /** Currency for amounts whose file names none. */
  currency?: string;
  /** Day/month order of slash dates (WeClock); inferred from the data when omitted. */
  dateOrder?: 'MDY' | 'DMY';
  /** Saved column mapping for the generic CSV/JSON importer (implies `importer: 'generic'`). */
  mapping?: ColumnMapping;
  /** `fail` (default): a row that breaks the canonical schema stops the import; `drop`: it becomes a dropped row. */
  onInvalidRow?: 'fail' | 'drop';
  limits?: Partial<ImportLimits>;
}

/** One canonical record, ready for preview and, once confirmed, for storage. */
export interface ImportedRecord {
  dataset: CanonicalDatasetName;
  /** Passes core's `validateRecordData` for the dataset's canonical schema. */
  data: RecordData;
  occurredAt: Date;
  source: { file: string; row: number };
}

/** A row skipped on purpose, with why. */
export interface DroppedRow {
  file: string;
  row: number;
  reason: string;
}

export type ImportItem = { kind: 'record'; record: ImportedRecord } | { kind: 'dropped'; dropped: DroppedRow };

/** Something the member should know; repeated occurrences are counted, not repeated. */
export interface ImportWarning {
  code: string;
  message: string;
  file: string | null;
  count: number;
  firstRow: number | null;
}

/** Rows read but kept out of the canonical datasets because none holds them yet. */
export interface ExtraRows {
  file: string;
  kind: string;
  rows: number;
  note: string;
}

export interface IgnoredFile {
  file: string;
  reason: string;
}

/** Provenance of every file read: the upload and each archive member used. */
export interface FileDigest {
  file: string;
  role: 'upload' | 'member';
  bytes: number;
  sha256: string;
}

export interface Detection {
  /** Importer name, or null when nothing matches. */
  importer: string | null;
  /** 0 … 1. */
  confidence: number;
  reason: string;
  /** What the content looked like, e.g. `zip with 3 CSV files` or `CSV; columns: a, b`. */
  detected: string;
}

export interface DatasetTally {
  records: number;
  /** First and last `occurredAt` (ISO). */
  first: string | null;
  last: string | null;
}

/** Sum of a money field by kind and currency, in minor units. */
export interface MoneyTotal {
  dataset: CanonicalDatasetName;
  field: string;
  kind: string | null;
  currency: string;
  lines: number;
  total: number;
}

export interface ImportSummary {
  importer: { name: string; version: string };
  detection: Detection;
  files: FileDigest[];
  counts: Record<CanonicalDatasetName, number>;
  datasets: Partial<Record<CanonicalDatasetName, DatasetTally>>;
  money: MoneyTotal[];
  dropped: { total: number; byReason: Record<string, number> };
  extras: ExtraRows[];
  ignored: IgnoredFile[];
  warnings: ImportWarning[];
  /** True when the input held no data rows at all (an empty file, or headers only). */
  noRows: boolean;
}
