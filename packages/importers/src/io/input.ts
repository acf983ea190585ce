import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { ImportError, asImportError } from '../errors.ts';
import type { ImportLimits } from '../limits.ts';
import type { ImportInput } from '../types.ts';
import { meter, sha256Hex } from './meter.ts';

export const HEAD_BYTES = 64 * 1024;

/**
 * The uploaded file made readable for detection and import: the first bytes for detection, and
 * the whole content as a stream. Bytes and paths can be read again; a one-shot stream is kept
 * in memory only for its first 64 KiB (or spooled to a temporary file when it is a zip, which
 * needs random access).
 */
export interface Source {
  name: string;
  size: number | null;
  head: Buffer;
  isZip: boolean;
  /** Where yauzl can read it from, for zips. */
  zip: { path: string } | { bytes: Buffer } | null;
  /** The whole content; `onDone` gets size and SHA-256 once it has all been read. */
  open(onDone?: (bytes: number, sha256: string) => void): AsyncIterable<Buffer>;
  /** SHA-256 of the whole upload when known before reading it (bytes, spooled streams). */
  knownDigest: { bytes: number; sha256: string } | null;
  dispose(): Promise<void>;
}

const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

function looksLikeZip(head: Buffer): boolean {
  return ZIP_MAGIC.some((m) => head.subarray(0, 4).equals(m));
}

async function readHeadFromPath(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of createReadStream(path, { start: 0, end: HEAD_BYTES - 1 })) {
    chunks.push(c as Buffer);
    n += (c as Buffer).length;
  }
  return Buffer.concat(chunks, n);
}

async function hashPath(path: string): Promise<{ bytes: number; sha256: string }> {
  let result = { bytes: 0, sha256: '' };
  for await (const _ of meter(createReadStream(path), { file: path, maxBytes: Number.MAX_SAFE_INTEGER, onDone: (bytes, sha256) => (result = { bytes, sha256 }) })) {
    // drain
  }
  return result;
}

export async function prepareInput(input: ImportInput, limits: ImportLimits): Promise<Source> {
  const name = typeof input?.name === 'string' && input.name.trim() !== '' ? input.name : 'upload';
  try {
    if ('bytes' in input && input.bytes !== undefined) return fromBytes(name, input.bytes, limits);
    if ('path' in input && input.path !== undefined) return await fromPath(name, input.path, limits);
    if ('stream' in input && input.stream !== undefined) return await fromStream(name, input.stream, limits);
  } catch (error) {
    throw asImportError(error, { file: name });
  }
  throw new ImportError('invalid_option', { file: name }, 'give the file as bytes, a stream or a path');
}

function fromBytes(name: string, bytes: Uint8Array, limits: ImportLimits): Source {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length > limits.maxFileBytes) throw new ImportError('file_too_large', { file: name }, `is larger than the limit of ${limits.maxFileBytes} bytes`);
  const head = buf.subarray(0, HEAD_BYTES);
  const digest = { bytes: buf.length, sha256: sha256Hex(buf) };
  const isZip = looksLikeZip(head);
  return {
    name,
    size: buf.length,
    head,
    isZip,
    zip: isZip ? { bytes: buf } : null,
    knownDigest: digest,
    open: (onDone) => meter([buf], { file: name, maxBytes: limits.maxFileBytes, onDone }),
    dispose: async () => {},
  };
}

async function fromPath(name: string, path: string, limits: ImportLimits): Promise<Source> {
  const info = await stat(path);
  if (!info.isFile()) throw new ImportError('invalid_option', { file: name }, 'is not a regular file');
  if (info.size > limits.maxFileBytes) throw new ImportError('file_too_large', { file: name }, `is larger than the limit of ${limits.maxFileBytes} bytes`);
  const head = await readHeadFromPath(path);
  const isZip = looksLikeZip(head);
  return {
    name,
    size: info.size,
    head,
    isZip,
    zip: isZip ? { path } : null,
    knownDigest: isZip ? await hashPath(path) : null,
    open: (onDone) => meter(createReadStream(path), { file: name, maxBytes: limits.maxFileBytes, onDone }),
    dispose: async () => {},
  };
}

async function fromStream(name: string, stream: AsyncIterable<Uint8Array>, limits: ImportLimits): Promise<Source> {
  const it = stream[Symbol.asyncIterator]();
  const first: Buffer[] = [];
  let n = 0;
  let done = false;
  while (n < HEAD_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = Buffer.from(r.value);
    first.push(b);
    n += b.length;
    if (n > limits.maxFileBytes) throw new ImportError('file_too_large', { file: name }, `is larger than the limit of ${limits.maxFileBytes} bytes`);
  }
  const headAll = Buffer.concat(first, n);
  const rest: AsyncIterable<Buffer> = {
    async *[Symbol.asyncIterator]() {
      yield headAll;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield Buffer.from(r.value);
      }
    },
  };
  if (done) return fromBytes(name, headAll, limits);
  if (looksLikeZip(headAll)) {
    // A zip is read from its end (the central directory): spool it to a private temporary file.
    const dir = await mkdtemp(join(tmpdir(), 'steward-import-'));
    const path = join(dir, 'upload.zip');
    let digest = { bytes: 0, sha256: '' };
    try {
      const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
      for await (const chunk of meter(rest, { file: name, maxBytes: limits.maxFileBytes, onDone: (bytes, sha256) => (digest = { bytes, sha256 }) })) {
        if (!out.write(chunk)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return {
      name,
      size: digest.bytes,
      head: headAll.subarray(0, HEAD_BYTES),
      isZip: true,
      zip: { path },
      knownDigest: digest,
      open: (onDone) => meter(createReadStream(path), { file: name, maxBytes: limits.maxFileBytes, onDone }),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }
  let opened = false;
  return {
    name,
    size: null,
    head: headAll.subarray(0, HEAD_BYTES),
    isZip: false,
    zip: null,
    knownDigest: null,
    open: (onDone) => {
      if (opened) throw new ImportError('read_failed', { file: name }, 'a stream can only be read once');
      opened = true;
      return meter(rest, { file: name, maxBytes: limits.maxFileBytes, onDone });
    },
    dispose: async () => {},
  };
}
