import { fromBase64, fromUtf8, toBase64, utf8 } from './bytes.ts';
import { parseCheckpoint, type Checkpoint } from './checkpoint.ts';
import { DomainError } from '../errors.ts';
import { leafHash, verifyInclusion } from './merkle.ts';
import { openNote, type NoteSignature, type NoteVerifier } from './note.ts';

/**
 * A member's receipt: one log entry, its index, an inclusion proof, and the signed checkpoint the
 * proof leads to. Plain JSON so it can be saved, mailed or pasted; verifyReceipt is what the web
 * app runs in the browser to check it without trusting the server.
 */
export interface LogReceipt {
  /** Receipt format version. */
  v: 1;
  /** The entry exactly as logged: UTF-8 text (canonical JSON entries) or base64 bytes. */
  entry: { text: string } | { base64: string };
  /** 0-based index of the entry in the log. */
  index: number;
  /** Inclusion proof, base64 hashes, leaf to root (RFC 9162 order). */
  proof: string[];
  /** The signed checkpoint note (C2SP tlog-checkpoint + signed-note). */
  checkpoint: string;
}

export type ReceiptFailure = 'malformed' | 'signature' | 'checkpoint' | 'origin' | 'inclusion';

export type ReceiptVerification =
  | { ok: true; checkpoint: Checkpoint; index: number; entry: Uint8Array; leafHash: Uint8Array; signatures: NoteSignature[] }
  | { ok: false; reason: ReceiptFailure; message: string };

/** Builds a receipt; text entries stay readable, byte entries go as base64. */
export function createReceipt(input: { entry: string | Uint8Array; index: number; proof: readonly Uint8Array[]; checkpoint: string }): LogReceipt {
  return {
    v: 1,
    entry: typeof input.entry === 'string' ? { text: input.entry } : { base64: toBase64(input.entry) },
    index: input.index,
    proof: input.proof.map(toBase64),
    checkpoint: input.checkpoint,
  };
}

const fail = (reason: ReceiptFailure, message: string): ReceiptVerification => ({ ok: false, reason, message });

function entryBytes(entry: unknown): Uint8Array | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Record<string, unknown>;
  if (typeof e.text === 'string' && e.base64 === undefined) return e.text.isWellFormed() ? utf8(e.text) : undefined;
  if (typeof e.base64 === 'string' && e.text === undefined) return fromBase64(e.base64);
  return undefined;
}

/**
 * Checks a receipt against the log's verifier key(s): the checkpoint is signed by a trusted key
 * named like the checkpoint's origin, parses, and the entry's leaf hash is included at `index`
 * under its root. Never throws; says which check failed.
 */
export function verifyReceipt(receipt: unknown, verifierKeys: string | NoteVerifier | ReadonlyArray<string | NoteVerifier>): ReceiptVerification {
  if (typeof receipt !== 'object' || receipt === null) return fail('malformed', 'a receipt is a JSON object');
  const r = receipt as Record<string, unknown>;
  if (r.v !== 1) return fail('malformed', 'unknown receipt version');
  const entry = entryBytes(r.entry);
  if (!entry) return fail('malformed', 'the entry must be {text} or {base64}');
  if (!Number.isSafeInteger(r.index) || (r.index as number) < 0) return fail('malformed', 'the index must be a non-negative integer');
  if (!Array.isArray(r.proof) || !r.proof.every((p) => typeof p === 'string')) return fail('malformed', 'the proof must be a list of base64 hashes');
  const proof = (r.proof as string[]).map(fromBase64);
  if (proof.some((p) => !p || p.length !== 32)) return fail('malformed', 'every proof hash must be base64 of 32 bytes');
  if (typeof r.checkpoint !== 'string') return fail('malformed', 'the checkpoint must be signed note text');

  let text: string;
  let signatures: NoteSignature[];
  try {
    ({ text, signatures } = openNote(r.checkpoint, verifierKeys));
  } catch (e) {
    return fail('signature', e instanceof DomainError ? e.message : 'the checkpoint signature does not verify');
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch (e) {
    return fail('checkpoint', e instanceof DomainError ? e.message : 'the checkpoint does not parse');
  }
  const byLog = signatures.filter((s) => s.name === checkpoint.origin);
  if (byLog.length === 0) return fail('origin', `no trusted signature by the log ${JSON.stringify(checkpoint.origin)}`);
  const index = r.index as number;
  const leaf = leafHash(entry);
  if (!verifyInclusion(leaf, index, checkpoint.size, proof as Uint8Array[], checkpoint.root)) {
    return fail('inclusion', `entry ${index} is not proven to be in the log of size ${checkpoint.size}`);
  }
  return { ok: true, checkpoint, index, entry, leafHash: leaf, signatures: byLog };
}

/** The entry of a receipt as text, when it is text. */
export function receiptEntryText(receipt: LogReceipt): string | undefined {
  if ('text' in receipt.entry) return receipt.entry.text;
  const bytes = fromBase64(receipt.entry.base64);
  return bytes && fromUtf8(bytes);
}
