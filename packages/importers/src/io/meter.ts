import { createHash, type Hash } from 'node:crypto';
import { ImportError } from '../errors.ts';

/** Running byte count shared by all members of one archive. */
export interface ByteBudget {
  used: number;
  max: number;
  archive: string;
}

export interface MeterOptions {
  file: string;
  maxBytes: number;
  budget?: ByteBudget;
  /** For zip members: bytes stored in the archive, to bound the expansion ratio while streaming. */
  compressedBytes?: number;
  maxRatio?: number;
  ratioGraceBytes?: number;
  /** Called once the stream ended, with the size and SHA-256 of what went through. */
  onDone?: (bytes: number, sha256: string) => void;
}

/**
 * Passes bytes through while counting them against the limits and hashing them. Limits are
 * checked on the bytes actually produced, never on what a header claims.
 */
export async function* meter(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, o: MeterOptions): AsyncGenerator<Buffer> {
  const hash: Hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of source) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    bytes += buf.length;
    if (bytes > o.maxBytes) {
      throw new ImportError('file_too_large', { file: o.file }, `is larger than the limit of ${o.maxBytes} bytes`);
    }
    if (o.budget) {
      o.budget.used += buf.length;
      if (o.budget.used > o.budget.max) {
        throw new ImportError('total_too_large', { file: o.budget.archive }, `expands to more than the limit of ${o.budget.max} bytes in total`);
      }
    }
    if (o.compressedBytes !== undefined && o.maxRatio !== undefined && bytes > (o.ratioGraceBytes ?? 0)) {
      const ratio = bytes / Math.max(1, o.compressedBytes);
      if (ratio > o.maxRatio) {
        throw new ImportError('zip_bomb', { file: o.file }, `expands more than ${o.maxRatio} times its compressed size (a zip bomb?)`);
      }
    }
    hash.update(buf);
    yield buf;
  }
  o.onDone?.(bytes, hash.digest('hex'));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
