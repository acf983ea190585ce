/** Bounds that keep one import from exhausting memory or disk, whatever the input claims. */
export interface ImportLimits {
  /** Bytes of any one file: the upload itself, or one zip member once decompressed. */
  maxFileBytes: number;
  /** Decompressed bytes read from all members of one archive together. */
  maxTotalBytes: number;
  /** Entries in one archive (files and folders). */
  maxEntries: number;
  /** Decompressed / compressed size of a zip member, checked while it streams. */
  maxCompressionRatio: number;
  /** The ratio is only enforced once a member has produced this many bytes (tiny files compress oddly). */
  ratioGraceBytes: number;
  /** Characters in one CSV field or JSON string value. */
  maxFieldChars: number;
  /** Bytes of one CSV record or one JSON element. */
  maxRecordBytes: number;
}

export const DEFAULT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxFileBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxEntries: 10_000,
  maxCompressionRatio: 200,
  ratioGraceBytes: 1024 * 1024,
  maxFieldChars: 10_000,
  maxRecordBytes: 1024 * 1024,
});

export function resolveLimits(partial: Partial<ImportLimits> | undefined): ImportLimits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}
