import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64, fromUtf8, toBase64, utf8 } from './bytes.ts';
import { MalformedNoteError, NoteKeyError, NoteSignatureError, UnverifiedNoteError } from './errors.ts';

/**
 * C2SP signed-note with Ed25519 keys, after Go's golang.org/x/mod/sumdb/note: the same key
 * strings (`PRIVATE+KEY+<name>+<hash>+<base64>` and `<name>+<hash>+<base64>`), the same note
 * format, the same rejections.
 */

/** Signature type byte of Ed25519 note signatures. */
export const ALG_ED25519 = 0x01;
/** Notes with more signature lines than this are refused, as Go does. */
export const MAX_NOTE_SIGNATURES = 100;

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  /** The 32-bit key ID. */
  keyHash: number;
  /** base64(key ID || signature), as on the line. */
  base64: string;
}

export interface NoteSigner {
  name: string;
  keyHash: number;
  sign(message: Uint8Array): Uint8Array;
}

export interface NoteVerifier {
  name: string;
  keyHash: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface OpenedNote {
  /** The signed text, ending in a newline. */
  text: string;
  /** Signatures by trusted keys, all verified. */
  signatures: NoteSignature[];
  /** Signatures by keys not among the verifiers (ignored, per the spec). */
  unverifiedSignatures: NoteSignature[];
}

// Go's unicode.IsSpace: ASCII white space, NEL, NBSP and the Unicode space separators.
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** A key name is non-empty, well-formed, with no Unicode space and no `+`. */
export function isValidKeyName(name: string): boolean {
  return name !== '' && name.isWellFormed() && !SPACE.test(name) && !name.includes('+');
}

/** Key ID: first 4 bytes, big-endian, of SHA-256(name || 0x0A || type byte || public key). */
export function keyHash(name: string, typedKey: Uint8Array): number {
  const nameBytes = utf8(name);
  const buf = new Uint8Array(nameBytes.length + 1 + typedKey.length);
  buf.set(nameBytes);
  buf[nameBytes.length] = 0x0a;
  buf.set(typedKey, nameBytes.length + 1);
  const sum = sha256(buf);
  return ((sum[0]! << 24) | (sum[1]! << 16) | (sum[2]! << 8) | sum[3]!) >>> 0;
}

const hex8 = (h: number): string => h.toString(16).padStart(8, '0');

function typed(alg: number, key: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + key.length);
  out[0] = alg;
  out.set(key, 1);
  return out;
}

/** Splits at the first `sep`; no sep gives [s, '']. Go's chop, so mangled keys fail alike. */
function chop(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

function parseHash(hash16: string): number | undefined {
  return /^[0-9a-fA-F]{8}$/.test(hash16) ? Number.parseInt(hash16, 16) : undefined;
}

/** A new Ed25519 key pair for `name`, as Go's note.GenerateKey text; `seed` only for tests. */
export function generateSignerKey(name: string, seed?: Uint8Array): { skey: string; vkey: string } {
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  const secret = seed ?? ed25519.utils.randomSecretKey();
  if (secret.length !== 32) throw new NoteKeyError('an Ed25519 seed is 32 bytes');
  const pub = typed(ALG_ED25519, ed25519.getPublicKey(secret));
  const h = hex8(keyHash(name, pub));
  return { skey: `PRIVATE+KEY+${name}+${h}+${toBase64(typed(ALG_ED25519, secret))}`, vkey: `${name}+${h}+${toBase64(pub)}` };
}

/** The verifier key text for a raw 32-byte Ed25519 public key. */
export function verifierKeyFromPublicKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new NoteKeyError(`an Ed25519 public key is 32 bytes, got ${publicKey.length}`);
  const pub = typed(ALG_ED25519, publicKey);
  return `${name}+${hex8(keyHash(name, pub))}+${toBase64(pub)}`;
}

/** Parses a `PRIVATE+KEY+<name>+<hash>+<key>` signer key, checking its hash against the derived public key. */
export function newSigner(skey: string): NoteSigner {
  const [priv1, r1] = chop(skey, '+');
  const [priv2, r2] = chop(r1, '+');
  const [name, r3] = chop(r2, '+');
  const [hash16, key64] = chop(r3, '+');
  const hash = parseHash(hash16);
  const key = fromBase64(key64);
  if (priv1 !== 'PRIVATE' || priv2 !== 'KEY' || hash === undefined || !key || key.length === 0 || !isValidKeyName(name)) {
    throw new NoteKeyError('malformed signer key');
  }
  if (key[0] !== ALG_ED25519) throw new NoteKeyError('unknown signer key algorithm');
  const seed = key.slice(1);
  if (seed.length !== 32) throw new NoteKeyError('malformed signer key');
  if (keyHash(name, typed(ALG_ED25519, ed25519.getPublicKey(seed))) !== hash) throw new NoteKeyError('signer key hash does not match its key');
  return { name, keyHash: hash, sign: (message) => ed25519.sign(message, seed) };
}

/** Parses a `<name>+<hash>+<key>` verifier key, checking its hash. */
export function newVerifier(vkey: string): NoteVerifier {
  const [name, r1] = chop(vkey, '+');
  const [hash16, key64] = chop(r1, '+');
  const hash = parseHash(hash16);
  const key = fromBase64(key64);
  if (hash === undefined || !key || key.length === 0 || !isValidKeyName(name)) throw new NoteKeyError('malformed verifier key');
  if (keyHash(name, key) !== hash) throw new NoteKeyError('verifier key hash does not match its key');
  if (key[0] !== ALG_ED25519) throw new NoteKeyError('unknown verifier key algorithm');
  const pub = key.slice(1);
  if (pub.length !== 32) throw new NoteKeyError('malformed verifier key');
  return {
    name,
    keyHash: hash,
    verify: (message, signature) => {
      try {
        // Strict RFC 8032 verification, as Go's crypto/ed25519 (not ZIP-215's looser rules).
        return signature.length === 64 && ed25519.verify(signature, message, pub, { zip215: false });
      } catch {
        return false;
      }
    },
  };
}

function hasBadChars(text: string): boolean {
  // Valid UTF-8 (no lone surrogates) and no ASCII control character but newline.
  if (!text.isWellFormed()) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return true;
  }
  return false;
}

/**
 * Signs `text` (which must end in a newline) and returns the note: the text, a blank line, then
 * signature lines `— <name> base64(keyhash || sig)`. Signatures in `existing` are kept, except
 * those by the keys signing now.
 */
export function signNote(text: string, signers: string | NoteSigner | ReadonlyArray<string | NoteSigner>, existing: readonly NoteSignature[] = []): string {
  if (!text.endsWith('\n') || hasBadChars(text)) throw new MalformedNoteError();
  const list = (Array.isArray(signers) ? signers : [signers]) as ReadonlyArray<string | NoteSigner>;
  const message = utf8(text);
  const have = new Set<string>();
  let lines = '';
  for (const s of list) {
    const signer = typeof s === 'string' ? newSigner(s) : s;
    if (!isValidKeyName(signer.name)) throw new NoteKeyError('invalid signer');
    have.add(`${signer.name}+${signer.keyHash}`);
    const sig = signer.sign(message);
    const raw = new Uint8Array(4 + sig.length);
    new DataView(raw.buffer).setUint32(0, signer.keyHash);
    raw.set(sig, 4);
    lines += `— ${signer.name} ${toBase64(raw)}\n`;
  }
  let kept = '';
  for (const sig of existing) {
    if (!isValidKeyName(sig.name)) throw new MalformedNoteError();
    if (have.has(`${sig.name}+${sig.keyHash}`)) continue;
    const raw = fromBase64(sig.base64);
    if (!raw || raw.length < 4 || new DataView(raw.buffer).getUint32(0) !== sig.keyHash) throw new MalformedNoteError();
    kept += `— ${sig.name} ${sig.base64}\n`;
  }
  return `${text}\n${kept}${lines}`;
}

/**
 * Parses a signed note and checks its signatures against the trusted verifier keys. Returns the
 * text and which signatures verified; throws MalformedNoteError for a note that breaks the format,
 * NoteSignatureError when a trusted key's signature fails, UnverifiedNoteError when no trusted
 * key signed it.
 */
export function openNote(note: string | Uint8Array, verifiers: string | NoteVerifier | ReadonlyArray<string | NoteVerifier>): OpenedNote {
  const msg = typeof note === 'string' ? note : fromUtf8(note);
  if (msg === undefined || hasBadChars(msg)) throw new MalformedNoteError();
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw new MalformedNoteError();
  const text = msg.slice(0, split + 1);
  let sigs = msg.slice(split + 2);
  if (sigs.length === 0 || !sigs.endsWith('\n')) throw new MalformedNoteError();

  const known = new Map<string, NoteVerifier[]>();
  const list = (Array.isArray(verifiers) ? verifiers : [verifiers]) as ReadonlyArray<string | NoteVerifier>;
  for (const v of list) {
    const verifier = typeof v === 'string' ? newVerifier(v) : v;
    const id = `${verifier.name}+${verifier.keyHash}`;
    known.set(id, [...(known.get(id) ?? []), verifier]);
  }

  const message = utf8(text);
  const opened: OpenedNote = { text, signatures: [], unverifiedSignatures: [] };
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  let count = 0;
  while (sigs.length > 0) {
    const nl = sigs.indexOf('\n');
    const line = sigs.slice(0, nl);
    sigs = sigs.slice(nl + 1);
    if (!line.startsWith('— ')) throw new MalformedNoteError();
    const [name, b64] = chop(line.slice(2), ' ');
    const raw = fromBase64(b64);
    if (!raw || !isValidKeyName(name) || b64 === '' || raw.length < 5) throw new MalformedNoteError();
    if (++count > MAX_NOTE_SIGNATURES) throw new MalformedNoteError();
    const hash = new DataView(raw.buffer).getUint32(0);
    const id = `${name}+${hash}`;
    const candidates = known.get(id);
    if (!candidates) {
      if (seenUnverified.has(line)) continue;
      seenUnverified.add(line);
      opened.unverifiedSignatures.push({ name, keyHash: hash, base64: b64 });
      continue;
    }
    if (candidates.length > 1) throw new NoteKeyError(`ambiguous key ${name}+${hex8(hash)}`);
    if (seen.has(id)) continue;
    seen.add(id);
    if (!candidates[0]!.verify(message, raw.subarray(4))) throw new NoteSignatureError(name, hash);
    opened.signatures.push({ name, keyHash: hash, base64: b64 });
  }
  if (opened.signatures.length === 0) throw new UnverifiedNoteError(opened.unverifiedSignatures.map((s) => ({ name: s.name, keyHash: s.keyHash })));
  return opened;
}
