import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '@steward/core';

export interface PendingUpload {
  id: string;
  path: string;
  fileName: string;
  userId: string;
  slug: string;
  choices: { timezone?: string; importer?: string; currency?: string };
  expiresAt: number;
}

/** Thrown when an upload is larger than the server takes; mapped to 413. */
export class UploadTooLargeError extends Error {
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`The file is larger than ${Math.round(maxBytes / 2 ** 20)} MiB, the most this server takes.`);
    this.maxBytes = maxBytes;
  }
}

/**
 * Uploaded exports waiting for the member's confirmation: streamed to a private temporary file
 * (never held in memory), readable only by the member who sent it, and deleted once imported,
 * abandoned or expired — they hold personal data.
 */
export class UploadStore {
  private readonly pending = new Map<string, PendingUpload>();
  private readonly dir: string;
  private readonly maxBytes: number;
  private readonly ttlMs: number;

  constructor(options: { dir: string; maxBytes: number; ttlMs: number }) {
    this.dir = options.dir;
    this.maxBytes = options.maxBytes;
    this.ttlMs = options.ttlMs;
  }

  /** Streams a request body to a new private file, refusing more than `maxBytes`. */
  async save(body: ReadableStream<Uint8Array> | null, meta: Omit<PendingUpload, 'id' | 'path' | 'expiresAt'>): Promise<PendingUpload> {
    await this.sweep();
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = randomBytes(18).toString('base64url');
    const path = join(this.dir, `${id}.upload`);
    let seen = 0;
    const max = this.maxBytes;
    async function* limited(source: AsyncIterable<Uint8Array>) {
      for await (const chunk of source) {
        seen += chunk.byteLength;
        if (seen > max) throw new UploadTooLargeError(max);
        yield chunk;
      }
    }
    try {
      const source = body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([]);
      await pipeline(source, limited, createWriteStream(path, { mode: 0o600 }));
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    const upload = { ...meta, id, path, expiresAt: Date.now() + this.ttlMs };
    this.pending.set(id, upload);
    return upload;
  }

  /** The member's own pending upload for this collective; anyone else's is simply not found. */
  get(id: string, userId: string, slug: string): PendingUpload {
    const u = this.pending.get(id);
    if (!u || u.userId !== userId || u.slug !== slug || u.expiresAt <= Date.now()) {
      throw new NotFoundError('upload', 'This upload is unknown or has expired; upload the file again.');
    }
    return u;
  }

  async remove(id: string): Promise<void> {
    const u = this.pending.get(id);
    this.pending.delete(id);
    if (u) await rm(u.path, { force: true });
  }

  /** Deletes expired uploads. */
  async sweep(): Promise<void> {
    const now = Date.now();
    for (const u of [...this.pending.values()]) if (u.expiresAt <= now) await this.remove(u.id);
  }

  /** Deletes every pending upload (server shutdown). */
  async clear(): Promise<void> {
    for (const id of [...this.pending.keys()]) await this.remove(id);
  }
}
