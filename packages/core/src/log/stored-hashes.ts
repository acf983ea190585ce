import { bytesEqual } from './bytes.ts';
import { LogProofError, LogRangeError } from './errors.ts';
import { assertTreeInt, MAX_TREE_SIZE, shr, splitPoint, trailingZeros } from './int.ts';
import { HASH_SIZE, emptyRootHash, leafHash, nodeHash } from './merkle.ts';

/**
 * Hash storage after Go's golang.org/x/mod/sumdb/tlog: every complete subtree hash is stored
 * once, at a dense index (Crosby & Wallach §3.3), in the order the appends produce them. Appending
 * record n writes 1 + trailingZeros(n+1) hashes (two on average) and reads at most log₂ n, so
 * the store can append inside the same transaction as the change it records (rule T1).
 * Unlike Go, the empty tree's hash is RFC 6962's SHA-256 of nothing, not 32 zero bytes.
 */

/**
 * Reads stored hashes by stored-hash index; must return exactly one 32-byte hash per index, in
 * order. Sync or async, so SQL can back it. Indexes asked for here are always increasing.
 */
export type HashReader = (indexes: number[]) => Promise<Uint8Array[]> | Uint8Array[];

/** The dense storage index of the hash of 2^level leaves starting at leaf n·2^level. */
export function storedHashIndex(level: number, n: number): number {
  // Level L's n-th hash is written right after level L+1's (2n+1)-th: walk down to level 0.
  for (let l = level; l > 0; l--) n = 2 * n + 1;
  // Level 0's n-th hash is written at n + n/2 + n/4 + … .
  let i = 0;
  for (; n > 0; n = shr(n, 1)) i += n;
  return i + level;
}

/** Inverse of storedHashIndex. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  assertTreeInt(index, 'stored hash index', 0, 2 * MAX_TREE_SIZE);
  // storedHashIndex(0, n) < 2n, so the leaf whose append wrote this hash is in [index/2, index/2 + log₂ index].
  let n = shr(index, 1);
  let indexN = storedHashIndex(0, n);
  for (;;) {
    // Appending leaf n writes 1 + trailingZeros(n+1) hashes.
    const next = indexN + 1 + trailingZeros(n + 1);
    if (next > index) break;
    n++;
    indexN = next;
  }
  const level = index - indexN;
  return { level, n: shr(n, level) };
}

/** How many hashes are stored for a tree of n records. */
export function storedHashCount(n: number): number {
  assertTreeInt(n, 'tree size');
  if (n === 0) return 0;
  let count = storedHashIndex(0, n - 1) + 1;
  for (let i = n - 1; i % 2 === 1; i = shr(i, 1)) count++;
  return count;
}

function checkRead(hashes: Uint8Array[], want: number): void {
  if (hashes.length !== want) throw new LogProofError(`hash reader returned ${hashes.length} hashes for ${want} indexes`);
  for (const h of hashes) if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) throw new LogProofError('hash reader returned a hash that is not 32 bytes');
}

async function readExactly(read: HashReader, indexes: number[]): Promise<Uint8Array[]> {
  if (indexes.length === 0) return [];
  const hashes = await read(indexes);
  checkRead(hashes, indexes.length);
  return hashes;
}

/**
 * The hashes to store, from storedHashIndex(0, n) on, when appending record n (0-based) with
 * this leaf hash: the leaf hash, then the hash of each subtree the leaf completes.
 */
export function storedHashesForLeafHash(n: number, leaf: Uint8Array, read: HashReader): Promise<Uint8Array[]> {
  // Not an async function: with a synchronous reader (in memory) this saves a promise or two per
  // append, and appends are the hot path. Errors still arrive as rejections.
  try {
    assertTreeInt(n, 'record index');
    if (n >= MAX_TREE_SIZE) throw new LogRangeError('the log is full');
    if (!(leaf instanceof Uint8Array) || leaf.length !== HASH_SIZE) throw new LogProofError('a leaf hash is 32 bytes');
    // Each trailing 1 bit of n completes a subtree, whose left half was stored earlier.
    const m = trailingZeros(n + 1);
    if (m === 0) return Promise.resolve([leaf]);
    const indexes = new Array<number>(m);
    for (let i = 0; i < m; i++) indexes[m - 1 - i] = storedHashIndex(i, shr(n, i) - 1);
    const combine = (old: Uint8Array[]): Uint8Array[] => {
      checkRead(old, m);
      const out = [leaf];
      let h = leaf;
      for (let i = 0; i < m; i++) {
        h = nodeHash(old[m - 1 - i]!, h);
        out.push(h);
      }
      return out;
    };
    const got = read(indexes);
    return got instanceof Promise ? got.then(combine) : Promise.resolve(combine(got));
  } catch (e) {
    return Promise.reject(e);
  }
}

/** Like storedHashesForLeafHash, from the record's bytes. */
export function storedHashes(n: number, data: Uint8Array, read: HashReader): Promise<Uint8Array[]> {
  return storedHashesForLeafHash(n, leafHash(data), read);
}

/** Stored-hash indexes of the complete subtrees that make up leaves [lo, hi), left to right. */
function subtreeIndexes(lo: number, hi: number, need: number[]): void {
  while (lo < hi) {
    const { k, level } = splitPoint(hi - lo + 1);
    need.push(storedHashIndex(level, lo / k));
    lo += k;
  }
}

/** Folds the hashes read for subtreeIndexes(lo, hi) into MTH(D[lo:hi]); advances the cursor. */
function subtreeHash(lo: number, hi: number, hashes: Uint8Array[], at: { i: number }): Uint8Array {
  let count = 0;
  for (let x = lo; x < hi; count++) x += splitPoint(hi - x + 1).k;
  let h = hashes[at.i + count - 1]!;
  for (let j = count - 2; j >= 0; j--) h = nodeHash(hashes[at.i + j]!, h);
  at.i += count;
  return h;
}

/** Root hash of the first n records, from at most 1 + log₂ n stored hashes read at once. */
export async function treeHash(n: number, read: HashReader): Promise<Uint8Array> {
  assertTreeInt(n, 'tree size');
  if (n === 0) return emptyRootHash();
  const need: number[] = [];
  subtreeIndexes(0, n, need);
  const hashes = await readExactly(read, need);
  return subtreeHash(0, n, hashes, { i: 0 });
}

function recordProofIndexes(lo: number, hi: number, index: number, need: number[]): void {
  if (hi - lo === 1) return;
  const { k } = splitPoint(hi - lo);
  if (index < lo + k) {
    recordProofIndexes(lo, lo + k, index, need);
    subtreeIndexes(lo + k, hi, need);
  } else {
    subtreeIndexes(lo, lo + k, need);
    recordProofIndexes(lo + k, hi, index, need);
  }
}

function recordProof(lo: number, hi: number, index: number, hashes: Uint8Array[], at: { i: number }): Uint8Array[] {
  if (hi - lo === 1) return [];
  const { k } = splitPoint(hi - lo);
  if (index < lo + k) {
    const p = recordProof(lo, lo + k, index, hashes, at);
    p.push(subtreeHash(lo + k, hi, hashes, at));
    return p;
  }
  const sibling = subtreeHash(lo, lo + k, hashes, at);
  const p = recordProof(lo + k, hi, index, hashes, at);
  p.push(sibling);
  return p;
}

/** Inclusion proof for record `index` in the tree of `size` records, from stored hashes (one read). */
export async function proveRecord(index: number, size: number, read: HashReader): Promise<Uint8Array[]> {
  assertTreeInt(size, 'tree size', 1);
  assertTreeInt(index, 'record index');
  if (index >= size) throw new LogRangeError(`record index ${index} is not below tree size ${size}`);
  const need: number[] = [];
  recordProofIndexes(0, size, index, need);
  const hashes = await readExactly(read, need);
  return recordProof(0, size, index, hashes, { i: 0 });
}

function treeProofIndexes(lo: number, hi: number, old: number, need: number[]): void {
  if (old === hi) {
    if (lo !== 0) subtreeIndexes(lo, hi, need);
    return;
  }
  const { k } = splitPoint(hi - lo);
  if (old <= lo + k) {
    treeProofIndexes(lo, lo + k, old, need);
    subtreeIndexes(lo + k, hi, need);
  } else {
    subtreeIndexes(lo, lo + k, need);
    treeProofIndexes(lo + k, hi, old, need);
  }
}

function treeProof(lo: number, hi: number, old: number, hashes: Uint8Array[], at: { i: number }): Uint8Array[] {
  if (old === hi) return lo === 0 ? [] : [subtreeHash(lo, hi, hashes, at)];
  const { k } = splitPoint(hi - lo);
  if (old <= lo + k) {
    const p = treeProof(lo, lo + k, old, hashes, at);
    p.push(subtreeHash(lo + k, hi, hashes, at));
    return p;
  }
  const sibling = subtreeHash(lo, lo + k, hashes, at);
  const p = treeProof(lo + k, hi, old, hashes, at);
  p.push(sibling);
  return p;
}

/** Consistency proof that the tree of `oldSize` records is a prefix of the tree of `newSize`. */
export async function proveTree(oldSize: number, newSize: number, read: HashReader): Promise<Uint8Array[]> {
  assertTreeInt(oldSize, 'old tree size');
  assertTreeInt(newSize, 'new tree size');
  if (oldSize > newSize) throw new LogRangeError(`old tree size ${oldSize} exceeds new tree size ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  const need: number[] = [];
  treeProofIndexes(0, newSize, oldSize, need);
  const hashes = await readExactly(read, need);
  return treeProof(0, newSize, oldSize, hashes, { i: 0 });
}

/** Runs a record proof over leaves [lo, hi): the subtree hash it implies, or undefined. */
function runRecordProof(p: readonly Uint8Array[], lo: number, hi: number, index: number, leaf: Uint8Array): Uint8Array | undefined {
  if (hi - lo === 1) return p.length === 0 ? leaf : undefined;
  if (p.length === 0) return undefined;
  const { k } = splitPoint(hi - lo);
  const last = p[p.length - 1]!;
  const rest = p.slice(0, -1);
  if (index < lo + k) {
    const h = runRecordProof(rest, lo, lo + k, index, leaf);
    return h && nodeHash(h, last);
  }
  const h = runRecordProof(rest, lo + k, hi, index, leaf);
  return h && nodeHash(last, h);
}

/** Runs a tree proof over leaves [lo, hi): the old and new subtree hashes it implies. */
function runTreeProof(p: readonly Uint8Array[], lo: number, hi: number, old: number, oldRoot: Uint8Array): [Uint8Array, Uint8Array] | undefined {
  if (old === hi) {
    if (lo === 0) return p.length === 0 ? [oldRoot, oldRoot] : undefined;
    return p.length === 1 ? [p[0]!, p[0]!] : undefined;
  }
  if (p.length === 0) return undefined;
  const { k } = splitPoint(hi - lo);
  const last = p[p.length - 1]!;
  const rest = p.slice(0, -1);
  if (old <= lo + k) {
    const r = runTreeProof(rest, lo, lo + k, old, oldRoot);
    return r && [r[0], nodeHash(r[1], last)];
  }
  const r = runTreeProof(rest, lo + k, hi, old, oldRoot);
  return r && [nodeHash(last, r[0]), nodeHash(last, r[1])];
}

const allHashes = (p: readonly Uint8Array[]): boolean => p.every((h) => h instanceof Uint8Array && h.length === HASH_SIZE);

/**
 * Throws LogProofError unless `proof` shows record hash `leaf` at `index` in the tree of `size`
 * with root `root`. Go's CheckRecord, with arguments in verifyInclusion's order.
 */
export function checkRecord(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): void {
  assertTreeInt(size, 'tree size', 1);
  assertTreeInt(index, 'record index');
  if (index >= size) throw new LogRangeError(`record index ${index} is not below tree size ${size}`);
  const got = allHashes(proof) && leaf.length === HASH_SIZE ? runRecordProof(proof, 0, size, index, leaf) : undefined;
  if (!got || !bytesEqual(got, root)) throw new LogProofError(`inclusion proof for record ${index} in tree ${size} does not verify`);
}

/**
 * Throws LogProofError unless `proof` shows the tree (`oldSize`, `oldRoot`) is a prefix of the
 * tree (`newSize`, `newRoot`) (rule T2). Go's CheckTree, in verifyConsistency's order.
 */
export function checkTree(oldSize: number, newSize: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): void {
  assertTreeInt(oldSize, 'old tree size', 1);
  assertTreeInt(newSize, 'new tree size', 1);
  if (oldSize > newSize) throw new LogRangeError(`old tree size ${oldSize} exceeds new tree size ${newSize}`);
  const got = allHashes(proof) && oldRoot.length === HASH_SIZE ? runTreeProof(proof, 0, newSize, oldSize, oldRoot) : undefined;
  if (!got || !bytesEqual(got[0], oldRoot) || !bytesEqual(got[1], newRoot)) {
    throw new LogProofError(`consistency proof from tree ${oldSize} to tree ${newSize} does not verify`);
  }
}
