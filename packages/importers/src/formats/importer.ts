import type { Container, Member } from '../io/container.ts';
import type { ImportLimits } from '../limits.ts';
import type { CanonicalDatasetName, ImportOptions } from '../types.ts';

/** A record as an importer produced it, before the canonical schema check. */
export interface RawRecord {
  kind: 'record';
  dataset: CanonicalDatasetName;
  data: Record<string, unknown>;
  occurredAt: Date;
  file: string;
  row: number;
}

export interface RawDropped {
  kind: 'dropped';
  file: string;
  row: number;
  reason: string;
}

export type RawItem = RawRecord | RawDropped;

/** What an importer may do besides yielding records. */
export interface ImportContext {
  container: Container;
  options: ImportOptions;
  limits: ImportLimits;
  warn(code: string, message: string, at?: { file?: string; row?: number }): void;
  /** Rows read and counted but not mapped, because no canonical dataset holds them yet. */
  extra(file: string, kind: string, rows: number, note: string): void;
  ignore(file: string, reason: string): void;
}

/** One file of the upload with the start of its text, for detection. */
export interface ProbeFile {
  member: Member;
  /** First bytes as text (BOM removed), or null for binary content. */
  head: string | null;
}

export interface Probe {
  container: 'file' | 'zip';
  name: string;
  files: ProbeFile[];
}

export interface Verdict {
  confidence: number;
  reason: string;
}

export interface Importer {
  name: string;
  version: string;
  title: string;
  /** Judges the content; null when it is not this format. */
  detect(probe: Probe): Verdict | null;
  run(ctx: ImportContext): AsyncGenerator<RawItem>;
}
