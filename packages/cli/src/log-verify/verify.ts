import {
  fromBase64,
  MalformedNoteError,
  NoteSignatureError,
  openNote,
  parseCheckpoint,
  rootHash,
  toBase64,
  UnverifiedNoteError,
  verifyConsistency,
  type Checkpoint,
  type NoteVerifier,
} from '@steward/core';
import { VerificationError } from './errors.ts';
import { getText, HttpStatusError, type FetchLike } from './http.ts';
import { keyId, rotationPath, verifierFor } from './keys.ts';
import type { PinnedLog, WitnessState } from './state.ts';
import { verifyTree } from './tree.ts';

/**
 * `steward log verify`'s core: audits a C2SP tlog-tiles log against what this witness saw before.
 * Takes a fetch and the witness state, returns what was verified and the state to save; does no
 * other I/O. Every failure is a VerificationError with a one-line message.
 */

export type KeySource = 'flag' | 'pinned' | 'first-use' | 'rotated';

export interface VerifyInput {
  /** The log prefix, e.g. `https://host/collectives/riders/log/` (trailing slash optional). */
  url: string;
  fetch: FetchLike;
  state: WitnessState;
  /** A verifier key to trust instead of the pinned one (`--key`). */
  key?: string;
  now?: Date;
}

export interface VerifyResult {
  origin: string;
  url: string;
  size: number;
  /** Base64 root hash. */
  root: string;
  key: { vkey: string; id: string; source: KeySource; rotatedFrom?: string; rotationEntries?: number[] };
  checked: { entries: number; hashTiles: number; entryBundles: number };
  previous: null | {
    size: number;
    root: string;
    verifiedAt: string;
    /** `same`: the same checkpoint again; `extended`: the new tree starts with the old one. */
    relation: 'same' | 'extended';
    /** The server's RFC 9162 consistency proof, when the URL is a Steward server's. */
    serverProof: 'verified' | 'not-needed' | 'not-a-steward-server';
  };
  /** The witness state with this checkpoint recorded; save it only because everything verified. */
  state: WitnessState;
}

/** Normalises a log prefix URL: http(s), no query or fragment, ending in `/`. */
export function normalizeLogUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VerificationError(`${JSON.stringify(raw)} is not a URL; give the log prefix, e.g. https://host/collectives/SLUG/log/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new VerificationError(`${raw}: only http and https logs can be fetched`);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** The Steward API's consistency-proof URL for a log prefix `…/collectives/SLUG/log/`, if it has that shape. */
export function stewardConsistencyUrl(logUrl: string, from: number, to: number): string | undefined {
  const url = new URL(logUrl);
  const m = /^(.*)\/collectives\/([^/]+)\/log\/$/.exec(url.pathname);
  if (!m) return undefined;
  return `${url.origin}${m[1]}/api/v1/collectives/${m[2]}/log/proof/consistency?from=${from}&to=${to}`;
}

const b64 = toBase64;

function openCheckpoint(note: string, verifier: NoteVerifier, source: KeySource): { checkpoint: Checkpoint } {
  const which = source === 'rotated' ? "the server's new" : source === 'flag' ? 'the --key' : source === 'pinned' ? 'the pinned' : "the server's";
  let text: string;
  try {
    ({ text } = openNote(note, verifier));
  } catch (e) {
    if (e instanceof NoteSignatureError) throw new VerificationError(`checkpoint signature does not verify: ${e.message} (${which} key)`);
    if (e instanceof UnverifiedNoteError) {
      const by = e.unverified.map((s) => `${s.name}+${s.keyHash.toString(16).padStart(8, '0')}`).join(', ') || 'nobody';
      throw new VerificationError(`key mismatch: the checkpoint is not signed by ${which} key ${keyId(verifier)}; it is signed by ${by}`);
    }
    if (e instanceof MalformedNoteError) throw new VerificationError(`the checkpoint is not a well-formed signed note (${e.message})`);
    throw e;
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch (e) {
    throw new VerificationError(`the checkpoint does not parse: ${(e as Error).message}`);
  }
  if (checkpoint.origin !== verifier.name) {
    throw new VerificationError(`the checkpoint's origin ${JSON.stringify(checkpoint.origin)} is not the key's name ${JSON.stringify(verifier.name)}`);
  }
  return { checkpoint };
}

/** Which key to check the checkpoint with, and why we trust it. */
async function chooseKey(input: VerifyInput, url: string) {
  const flag = input.key === undefined ? undefined : verifierFor(input.key.trim(), '--key');
  const byUrl = Object.entries(input.state.logs).find(([, log]) => log.url === url);

  // The server's current key: needed for trust on first use, and to notice a rotation.
  let served: string | undefined;
  try {
    served = (await getText(input.fetch, url + 'key')).trim();
  } catch (e) {
    // A plain C2SP log need not publish its key; with a key in hand we can do without.
    if (!flag && !byUrl) throw e;
  }
  const servedVerifier = served === undefined ? undefined : verifierFor(served, `the key served at ${url}key`);

  const name = byUrl?.[0] ?? flag?.name ?? servedVerifier!.name;
  const pinned: PinnedLog | undefined = byUrl?.[1] ?? input.state.logs[name];
  const trusted = input.key?.trim() ?? pinned?.vkey;
  const source: KeySource = flag ? 'flag' : pinned ? 'pinned' : 'first-use';
  if (byUrl && servedVerifier && servedVerifier.name !== byUrl[0]) {
    throw new VerificationError(`${url} was pinned as the log ${JSON.stringify(byUrl[0])}, but its key now names ${JSON.stringify(servedVerifier.name)}`);
  }

  const pinnedAs = pinned ? name : undefined;
  if (trusted === undefined) return { use: served!, verifier: servedVerifier!, source, pinned, pinnedAs, rotatedFrom: undefined };
  const trustedVerifier = flag ?? verifierFor(trusted, `the key pinned for ${name}`);
  if (served === undefined || served === trusted) return { use: trusted, verifier: trustedVerifier, source, pinned, pinnedAs, rotatedFrom: undefined };
  // A different key: usable only if the log itself records the rotation to it (checked below).
  if (servedVerifier!.name !== trustedVerifier.name) {
    throw new VerificationError(
      `the server's key ${keyId(servedVerifier!)} is for ${JSON.stringify(servedVerifier!.name)}, but ${source === 'flag' ? 'the key given with --key' : 'the pinned key'} is for ${JSON.stringify(trustedVerifier.name)}`,
    );
  }
  return { use: served, verifier: servedVerifier!, source: 'rotated' as KeySource, pinned, pinnedAs, rotatedFrom: { vkey: trusted, source } };
}

/** Fetches, verifies and compares; see the module comment. */
export async function verifyLog(input: VerifyInput): Promise<VerifyResult> {
  const url = normalizeLogUrl(input.url);
  const key = await chooseKey(input, url);

  const note = await getText(input.fetch, url + 'checkpoint');
  const { checkpoint } = openCheckpoint(note, key.verifier, key.source);
  const { size, root } = checkpoint;
  if (key.pinnedAs !== undefined && key.pinnedAs !== checkpoint.origin) {
    throw new VerificationError(`${url} was pinned as the log ${JSON.stringify(key.pinnedAs)}, but its checkpoint is for ${JSON.stringify(checkpoint.origin)}`);
  }

  // Against what this witness saw before (rule T2): never smaller, never a different tree.
  const prev = key.pinned;
  const prevRoot = prev ? fromBase64(prev.root) : undefined;
  if (prev && !prevRoot) throw new VerificationError(`the witness state's root for ${checkpoint.origin} is not base64`);
  if (prev && size < prev.size) {
    throw new VerificationError(`rollback: the server's checkpoint has size ${size}, smaller than the size ${prev.size} this witness verified on ${prev.verifiedAt}`);
  }
  if (prev && size === prev.size && b64(root) !== prev.root) {
    throw new VerificationError(`fork: the server's checkpoint of size ${size} has root ${b64(root)}, but this witness verified root ${prev.root} for that size on ${prev.verifiedAt}`);
  }

  const tree = await verifyTree(input.fetch, url, size, root);

  let serverProof: 'verified' | 'not-needed' | 'not-a-steward-server' = 'not-needed';
  if (prev && size > prev.size) {
    const oldRoot = rootHash(tree.leaves.slice(0, prev.size));
    if (b64(oldRoot) !== prev.root) {
      throw new VerificationError(`fork: the first ${prev.size} entries of the log now have root ${b64(oldRoot)}, but the checkpoint this witness verified on ${prev.verifiedAt} has root ${prev.root}`);
    }
    serverProof = prev.size === 0 ? 'not-needed' : await checkServerProof(input.fetch, url, prev.size, prevRoot!, size, root);
  }

  let rotationEntries: number[] | undefined;
  if (key.rotatedFrom) {
    rotationEntries = rotationPath(tree.entries, key.rotatedFrom.vkey, key.use);
    if (!rotationEntries) {
      const what = key.rotatedFrom.source === 'flag' ? 'the key given with --key' : 'the pinned key';
      const from = keyId(verifierFor(key.rotatedFrom.vkey, what));
      throw new VerificationError(
        `key changed without a logged rotation: the server's key ${keyId(key.verifier)} is not ${what} ${from}, and the verified log holds no log.key_rotated entry leading from ${from} to it`,
      );
    }
  }

  const now = (input.now ?? new Date()).toISOString();
  const state: WitnessState = {
    version: 1,
    logs: { ...input.state.logs, [checkpoint.origin]: { url, vkey: key.use, size, root: b64(root), checkpoint: note, verifiedAt: now } },
  };
  return {
    origin: checkpoint.origin,
    url,
    size,
    root: b64(root),
    key: {
      vkey: key.use,
      id: keyId(key.verifier),
      source: key.source,
      ...(key.rotatedFrom ? { rotatedFrom: key.rotatedFrom.vkey, rotationEntries } : {}),
    },
    checked: { entries: tree.entries.length, hashTiles: tree.hashTiles, entryBundles: tree.entryBundles },
    previous: prev ? { size: prev.size, root: prev.root, verifiedAt: prev.verifiedAt, relation: size === prev.size ? 'same' : 'extended', serverProof } : null,
    state,
  };
}

/** The server's own consistency proof between the two sizes must verify too (RFC 9162 §2.1.4.2). */
async function checkServerProof(fetch: FetchLike, url: string, from: number, fromRoot: Uint8Array, to: number, toRoot: Uint8Array) {
  const api = stewardConsistencyUrl(url, from, to);
  if (!api) return 'not-a-steward-server' as const;
  let body: unknown;
  try {
    body = JSON.parse(await getText(fetch, api));
  } catch (e) {
    if (e instanceof HttpStatusError && e.status === 404) return 'not-a-steward-server' as const;
    if (e instanceof VerificationError) throw e;
    throw new VerificationError(`the consistency proof at ${api} is not JSON`);
  }
  const proofText = (body as { proof?: unknown }).proof;
  const proof = Array.isArray(proofText) ? proofText.map((p) => (typeof p === 'string' ? fromBase64(p) : undefined)) : undefined;
  if (!proof || proof.some((p) => !p)) throw new VerificationError(`the consistency proof at ${api} is not a list of base64 hashes`);
  if (!verifyConsistency(from, to, fromRoot, toRoot, proof as Uint8Array[])) {
    throw new VerificationError(`the server's consistency proof from size ${from} to ${to} does not verify (${api})`);
  }
  return 'verified' as const;
}
