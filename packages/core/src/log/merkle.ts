import { sha256 } from '@noble/hashes/sha2.js';
import { bytesEqual } from './bytes.ts';
import { LogRangeError } from './errors.ts';
import { assertTreeInt, isPow2, pow2, shr, splitPoint } from './int.ts';

/**
 * The RFC 6962 / RFC 9162 Merkle tree: SHA-256, leaves prefixed 0x00, interior nodes 0x01.
 * Proof generation follows the RFC's recursive definitions (PATH and PROOF) over any source of
 * complete-subtree hashes; verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 step by step.
 */

/** Size in bytes of every hash in the log. */
export const HASH_SIZE = 32;

/**
 * Reads the hash of a complete subtree: 2^level leaves starting at leaf n·2^level. Over stored
 * hashes that is `(level, n) => hashes[storedHashIndex(level, n)]`.
 */
export type SubtreeHashAt = (level: number, n: number) => Uint8Array;

const EMPTY_ROOT = sha256(new Uint8Array(0));

// One scratch buffer for the prefixed hash input: appends hash millions of small inputs, and
// allocating each one costs as much as hashing it. Safe because hashing is synchronous.
let scratch = new Uint8Array(1024);

function prefixed(prefix: number, a: Uint8Array, b?: Uint8Array): Uint8Array {
  const len = 1 + a.length + (b ? b.length : 0);
  if (len > scratch.length) {
    if (len > 65536) {
      const big = new Uint8Array(len);
      big[0] = prefix;
      big.set(a, 1);
      if (b) big.set(b, 1 + a.length);
      return big;
    }
    scratch = new Uint8Array(65536);
  }
  scratch[0] = prefix;
  scratch.set(a, 1);
  if (b) scratch.set(b, 1 + a.length);
  return scratch.subarray(0, len);
}

/** RFC 6962 leaf hash: SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Uint8Array {
  return sha256(prefixed(0, data));
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(prefixed(1, left, right));
}

/** Root of the empty tree, SHA-256 of nothing (RFC 6962 §2.1; Go's sumdb uses zeros instead). */
export function emptyRootHash(): Uint8Array {
  return EMPTY_ROOT.slice();
}

/** Reference Merkle Tree Hash of a list of leaf hashes, straight from the RFC's definition. */
export function rootHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRootHash();
  if (leafHashes.length === 1) return leafHashes[0]!;
  const { k } = splitPoint(leafHashes.length);
  return nodeHash(rootHash(leafHashes.slice(0, k)), rootHash(leafHashes.slice(k)));
}

/** MTH(D[lo:hi]) from complete-subtree hashes, splitting at the largest power of two. */
function rangeHash(lo: number, hi: number, hashAt: SubtreeHashAt): Uint8Array {
  const size = hi - lo;
  if (isPow2(size)) {
    const level = Math.round(Math.log2(size));
    return hashAt(level, lo / pow2(level));
  }
  const { k } = splitPoint(size);
  return nodeHash(rangeHash(lo, lo + k, hashAt), rangeHash(lo + k, hi, hashAt));
}

/** The inclusion proof (RFC 9162 §2.1.3.1 PATH) for leaf `index` in the tree of `size` leaves. */
export function inclusionProof(index: number, size: number, hashAt: SubtreeHashAt): Uint8Array[] {
  assertTreeInt(size, 'tree size', 1);
  assertTreeInt(index, 'leaf index');
  if (index >= size) throw new LogRangeError(`leaf index ${index} is not below tree size ${size}`);
  const path = (m: number, lo: number, hi: number): Uint8Array[] => {
    if (hi - lo === 1) return [];
    const { k } = splitPoint(hi - lo);
    return m < k
      ? [...path(m, lo, lo + k), rangeHash(lo + k, hi, hashAt)]
      : [...path(m - k, lo + k, hi), rangeHash(lo, lo + k, hashAt)];
  };
  return path(index, 0, size);
}

/** The consistency proof (RFC 9162 §2.1.4.1 PROOF) that tree `oldSize` is a prefix of `newSize`. */
export function consistencyProof(oldSize: number, newSize: number, hashAt: SubtreeHashAt): Uint8Array[] {
  assertTreeInt(oldSize, 'old tree size');
  assertTreeInt(newSize, 'new tree size');
  if (oldSize > newSize) throw new LogRangeError(`old tree size ${oldSize} exceeds new tree size ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  const subproof = (m: number, lo: number, hi: number, whole: boolean): Uint8Array[] => {
    if (m === hi - lo) return whole ? [] : [rangeHash(lo, hi, hashAt)];
    const { k } = splitPoint(hi - lo);
    return m <= k
      ? [...subproof(m, lo, lo + k, whole), rangeHash(lo + k, hi, hashAt)]
      : [...subproof(m - k, lo + k, hi, false), rangeHash(lo, lo + k, hashAt)];
  };
  return subproof(oldSize, 0, newSize, true);
}

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

function validSize(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER;
}

/**
 * RFC 9162 §2.1.3.2: does `proof` show leaf hash `leaf` at `index` in the tree of `size` with
 * root `root`? False on any mismatch, never throws.
 */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!validSize(index) || !validSize(size) || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = shr(fn, 1);
        sn = shr(sn, 1);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = shr(fn, 1);
    sn = shr(sn, 1);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show the tree (`oldSize`, `oldRoot`) is a prefix of the tree
 * (`newSize`, `newRoot`)? Equal sizes need equal roots and an empty proof; an empty old tree is
 * a prefix of every tree. False on any mismatch, never throws.
 */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!validSize(oldSize) || !validSize(newSize) || oldSize > newSize) return false;
  if (!proof.every(isHash)) return false;
  if (oldSize === newSize) return proof.length === 0 && isHash(oldRoot) && bytesEqual(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0;
  if (!isHash(oldRoot) || !isHash(newRoot)) return false;
  if (proof.length === 0) return false;
  const path = isPow2(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = shr(fn, 1);
    sn = shr(sn, 1);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = shr(fn, 1);
        sn = shr(sn, 1);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = shr(fn, 1);
    sn = shr(sn, 1);
  }
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}
