import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { ImportError, asImportError } from '../errors.ts';
import type { ImportLimits } from '../limits.ts';
import type { FileDigest } from '../types.ts';
import { meter, type ByteBudget } from './meter.ts';
import type { Source } from './input.ts';

/** One file inside the upload: the upload itself, or a member of the uploaded archive. */
export interface Member {
  /** Path inside the archive, or the upload's name for a single file. */
  path: string;
  /** How errors and provenance name it: `export.zip › Driver/trips.csv`. */
  name: string;
  /** Last path segment. */
  base: string;
  /** Declared size in bytes (from the zip header, not trusted), or null. */
  size: number | null;
  compressedSize: number | null;
}

/** The upload seen as a set of files, whether it is one file or a zip. */
export interface Container {
  kind: 'file' | 'zip';
  name: string;
  members: Member[];
  /** Members skipped before any importer saw them (macOS metadata, folders), with why. */
  junk: Array<{ file: string; reason: string }>;
  /** Streams a member whole, metered against the limits; its digest is recorded when it ends. */
  open(member: Member): AsyncIterable<Buffer>;
  /** Up to `bytes` bytes from the start of a member, for detection. */
  peek(member: Member, bytes: number): Promise<Buffer>;
  digests(): FileDigest[];
  close(): Promise<void>;
}

const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|\._[^/]*$|Thumbs\.db$|desktop\.ini$)/i;

function baseName(path: string): string {
  const parts = path.split('/');
  return parts[parts.length - 1] ?? path;
}

export async function openContainer(source: Source, limits: ImportLimits): Promise<Container> {
  if (source.isZip) return openZipContainer(source, limits);
  const member: Member = { path: source.name, name: source.name, base: baseName(source.name), size: source.size, compressedSize: null };
  const digests: FileDigest[] = [];
  if (source.knownDigest) digests.push({ file: source.name, role: 'upload', ...source.knownDigest });
  return {
    kind: 'file',
    name: source.name,
    members: [member],
    junk: [],
    open: () =>
      source.open((bytes, sha256) => {
        if (!source.knownDigest) digests.push({ file: source.name, role: 'upload', bytes, sha256 });
      }),
    peek: async (_m, bytes) => source.head.subarray(0, bytes),
    digests: () => [...digests],
    close: () => source.dispose(),
  };
}

function zipOptions() {
  return { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: false };
}

function openZipFile(source: Source): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    const cb = (err: Error | null, zip: ZipFile) => (err ? reject(err) : resolve(zip));
    const where = source.zip!;
    if ('path' in where) yauzl.open(where.path, zipOptions(), cb);
    else yauzl.fromBuffer(where.bytes, zipOptions(), cb);
  });
}

function listEntries(zip: ZipFile, archive: string, limits: ImportLimits): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      reject(e);
    };
    zip.on('entry', (entry: Entry) => {
      if (failed) return;
      entries.push(entry);
      if (entries.length > limits.maxEntries) {
        fail(new ImportError('too_many_entries', { file: archive }, `has more than ${limits.maxEntries} entries`));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => {
      if (!failed) resolve(entries);
    });
    zip.on('error', (e: Error) => fail(new ImportError('corrupt_archive', { file: archive }, `is not a readable zip archive: ${e.message}`)));
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream & AsyncIterable<Buffer>> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream as NodeJS.ReadableStream & AsyncIterable<Buffer>)));
  });
}

function zipStreamError(error: unknown, file: string): ImportError {
  if (error instanceof ImportError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (/too many bytes|too few bytes/i.test(text)) {
    return new ImportError('corrupt_archive', { file }, `does not decompress to the size its header declares (${text})`);
  }
  return new ImportError('corrupt_archive', { file }, `cannot be decompressed: ${text}`);
}

async function openZipContainer(source: Source, limits: ImportLimits): Promise<Container> {
  const archive = source.name;
  let zip: ZipFile;
  try {
    zip = await openZipFile(source);
  } catch (error) {
    throw new ImportError('corrupt_archive', { file: archive }, `is not a readable zip archive (truncated or damaged?): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ImportError('too_many_entries', { file: archive }, `has ${zip.entryCount} entries; the limit is ${limits.maxEntries}`);
    }
    const entries = await listEntries(zip, archive, limits);
    const members: Member[] = [];
    const byPath = new Map<string, Entry>();
    const junk: Array<{ file: string; reason: string }> = [];
    let declaredTotal = 0;
    for (const entry of entries) {
      const path = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw ?? (entry.fileName as unknown as Buffer), entry.extraFields, false);
      const display = `${archive} › ${path}`;
      // eslint-disable-next-line no-control-regex
      const unsafe = yauzl.validateFileName(path) ?? (/[\u0000-\u001f]/.test(path) ? 'control character in file name' : null);
      if (unsafe) throw new ImportError('unsafe_path', { file: `${archive} › ${JSON.stringify(path)}` }, `refused: unsafe path in archive (${unsafe})`);
      if (path.endsWith('/')) continue;
      if (JUNK.test(path)) {
        junk.push({ file: display, reason: 'operating-system metadata, not export data' });
        continue;
      }
      if (entry.isEncrypted()) {
        junk.push({ file: display, reason: 'encrypted member; cannot be read' });
        continue;
      }
      if (byPath.has(path)) throw new ImportError('corrupt_archive', { file: display }, 'appears twice in the archive');
      if (entry.uncompressedSize > limits.maxFileBytes) {
        throw new ImportError('file_too_large', { file: display }, `declares ${entry.uncompressedSize} bytes; the limit is ${limits.maxFileBytes}`);
      }
      declaredTotal += entry.uncompressedSize;
      byPath.set(path, entry);
      members.push({ path, name: display, base: baseName(path), size: entry.uncompressedSize, compressedSize: entry.compressedSize });
    }
    if (declaredTotal > limits.maxTotalBytes) {
      throw new ImportError('total_too_large', { file: archive }, `declares ${declaredTotal} bytes once decompressed; the limit is ${limits.maxTotalBytes}`);
    }
    const budget: ByteBudget = { used: 0, max: limits.maxTotalBytes, archive };
    const digests: FileDigest[] = source.knownDigest ? [{ file: archive, role: 'upload', ...source.knownDigest }] : [];
    const digested = new Set<string>();
    return {
      kind: 'zip',
      name: archive,
      members,
      junk,
      open(member) {
        const entry = byPath.get(member.path);
        if (!entry) throw new ImportError('read_failed', { file: member.name }, 'is not in the archive');
        return {
          async *[Symbol.asyncIterator]() {
            try {
              const stream = await openEntry(zip, entry);
              yield* meter(stream, {
                file: member.name,
                maxBytes: limits.maxFileBytes,
                budget,
                compressedBytes: entry.compressedSize,
                maxRatio: limits.maxCompressionRatio,
                ratioGraceBytes: limits.ratioGraceBytes,
                onDone: (bytes, sha256) => {
                  if (digested.has(member.path)) return;
                  digested.add(member.path);
                  digests.push({ file: member.name, role: 'member', bytes, sha256 });
                },
              });
            } catch (error) {
              throw zipStreamError(error, member.name);
            }
          },
        };
      },
      async peek(member, bytes) {
        const entry = byPath.get(member.path);
        if (!entry) return Buffer.alloc(0);
        const chunks: Buffer[] = [];
        let n = 0;
        let stream: (NodeJS.ReadableStream & AsyncIterable<Buffer> & { destroy?: () => void }) | null = null;
        try {
          stream = await openEntry(zip, entry);
          for await (const c of stream) {
            chunks.push(c);
            n += c.length;
            if (n >= bytes || n > limits.ratioGraceBytes) break;
          }
        } catch (error) {
          throw zipStreamError(error, member.name);
        } finally {
          stream?.destroy?.();
        }
        return Buffer.concat(chunks, n).subarray(0, bytes);
      },
      digests: () => [...digests],
      async close() {
        zip.close();
        await source.dispose();
      },
    };
  } catch (error) {
    zip.close();
    throw asImportError(error, { file: archive });
  }
}
