import { fromBase64, toBase64 } from './bytes.ts';
import { MalformedCheckpointError } from './errors.ts';
import { HASH_SIZE } from './merkle.ts';

/**
 * C2SP tlog-checkpoint: the note text naming the log (origin), its size and root hash, with
 * optional extension lines. The text is what a signed note signs (see note.ts).
 */
export interface Checkpoint {
  /** The log's identity; by our convention also the name of the key that signs it. */
  origin: string;
  /** Number of leaves. A number: sizes stay far below 2^53 (see MAX_TREE_SIZE). */
  size: number;
  /** RFC 6962 root hash, 32 bytes. */
  root: Uint8Array;
  /** Opaque extension lines, kept in order. */
  extensions: string[];
}

function checkLine(line: string, what: string): void {
  if (line === '') throw new MalformedCheckpointError(`checkpoint ${what} is empty`);
  for (let i = 0; i < line.length; i++) {
    if (line.charCodeAt(i) < 0x20) throw new MalformedCheckpointError(`checkpoint ${what} holds a control character`);
  }
}

/** Formats a checkpoint's note text: origin, size, base64 root, extension lines, each ending in a newline. */
export function formatCheckpoint(checkpoint: { origin: string; size: number; root: Uint8Array; extensions?: readonly string[] }): string {
  const { origin, size, root, extensions = [] } = checkpoint;
  checkLine(origin, 'origin');
  if (!Number.isSafeInteger(size) || size < 0) throw new MalformedCheckpointError(`checkpoint size ${size} is not a non-negative safe integer`);
  if (!(root instanceof Uint8Array) || root.length !== HASH_SIZE) throw new MalformedCheckpointError('checkpoint root hash must be 32 bytes');
  extensions.forEach((line) => checkLine(line, 'extension line'));
  return [origin, String(size), toBase64(root), ...extensions].join('\n') + '\n';
}

/** Parses checkpoint note text (the text of an opened note, not the signed note itself). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new MalformedCheckpointError('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new MalformedCheckpointError('checkpoint needs origin, size and root lines');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  checkLine(origin, 'origin');
  if (!/^(0|[1-9]\d*)$/.test(sizeText)) throw new MalformedCheckpointError('checkpoint size must be decimal without leading zeros');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new MalformedCheckpointError('checkpoint size is beyond 2^53');
  const root = fromBase64(rootText);
  if (!root || root.length !== HASH_SIZE) throw new MalformedCheckpointError('checkpoint root hash must be base64 of 32 bytes');
  extensions.forEach((line) => checkLine(line, 'extension line'));
  return { origin, size, root, extensions };
}
