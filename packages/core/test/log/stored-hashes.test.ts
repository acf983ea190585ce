import { describe, expect, it } from 'vitest';
import {
  checkRecord,
  checkTree,
  consistencyProof,
  emptyRootHash,
  inclusionProof,
  LogProofError,
  LogRangeError,
  proveRecord,
  proveTree,
  rootHash,
  splitStoredHashIndex,
  storedHashCount,
  storedHashIndex,
  storedHashesForLeafHash,
  treeHash,
  verifyConsistency,
  verifyInclusion,
  type HashReader,
} from '../../src/index.ts';
import { flip, leafData, MemoryLog, proofKey, subtreeTable, toHexString } from './helpers.ts';

const MAX = 300;

/** Go's StoredHashIndex in bigint: the 64-bit reference for the number-based version. */
function storedHashIndexBig(level: number, n: bigint): bigint {
  for (let l = level; l > 0; l--) n = 2n * n + 1n;
  let i = 0n;
  for (; n > 0n; n >>= 1n) i += n;
  return i + BigInt(level);
}

describe('log/stored-hashes: index arithmetic', () => {
  it('splitStoredHashIndex inverts storedHashIndex (Go TestSplitStoredHashIndex)', () => {
    for (let level = 0; level < 10; level++) {
      for (let n = 0; n < 100; n++) expect(splitStoredHashIndex(storedHashIndex(level, n))).toEqual({ level, n });
    }
  });

  it('stays exact beyond 32 bits, up to the documented 2^51 bound', () => {
    const samples = [2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, 961984013, 123456789012, 2 ** 50 + 12345, 2 ** 51 - 1];
    for (const n of samples) {
      for (const level of [0, 1, 7, 20]) {
        const big = storedHashIndexBig(level, BigInt(Math.floor(n / 2 ** level)));
        const idx = storedHashIndex(level, Math.floor(n / 2 ** level));
        expect(BigInt(idx), `${level}/${n}`).toBe(big);
        expect(splitStoredHashIndex(idx)).toEqual({ level, n: Math.floor(n / 2 ** level) });
      }
    }
    expect(storedHashCount(2 ** 51)).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(() => storedHashCount(2 ** 51 + 1)).toThrow(LogRangeError);
    expect(() => storedHashCount(0.5)).toThrow(LogRangeError);
  });

  it('the tree of size zero has the RFC 6962 empty root', async () => {
    expect(toHexString(await treeHash(0, () => []))).toBe(toHexString(emptyRootHash()));
    expect(storedHashCount(0)).toBe(0);
  });
});

describe(`log/stored-hashes: every tree of 1..${MAX} records`, () => {
  it(`[T2] treeHash equals the reference MTH, and every inclusion and consistency proof from stored hashes equals the reference proof and verifies`, async () => {
    const all = new MemoryLog();
    for (let i = 0; i < MAX; i++) await all.append(leafData(i));
    const ref = subtreeTable(all.leaves);
    const log = new MemoryLog();
    const roots: Uint8Array[] = [];
    const failures: string[] = [];
    let checked = 0;
    for (let size = 1; size <= MAX; size++) {
      await log.append(leafData(size - 1));
      if (log.hashes.length !== storedHashCount(size)) failures.push(`storedHashCount(${size})`);
      const root = await treeHash(size, log.read);
      if (toHexString(root) !== toHexString(rootHash(all.leaves.slice(0, size)))) failures.push(`treeHash(${size})`);
      roots.push(root);

      for (let index = 0; index < size; index++) {
        const proof = await proveRecord(index, size, log.read);
        const leaf = all.leaves[index]!;
        if (proofKey(proof) !== proofKey(inclusionProof(index, size, ref))) failures.push(`proveRecord(${index}, ${size}) differs`);
        if (!verifyInclusion(leaf, index, size, proof, root)) failures.push(`verifyInclusion(${index}, ${size})`);
        // Go's recursive checker too, as a second implementation (on the smaller trees, for time).
        if (size <= 128) checkRecord(leaf, index, size, proof, root);
        checked++;
      }
      for (let old = 1; old <= size; old++) {
        const proof = await proveTree(old, size, log.read);
        if (proofKey(proof) !== proofKey(consistencyProof(old, size, ref))) failures.push(`proveTree(${old}, ${size}) differs`);
        if (!verifyConsistency(old, size, roots[old - 1]!, root, proof)) failures.push(`verifyConsistency(${old}, ${size})`);
        if (size <= 128) checkTree(old, size, roots[old - 1]!, root, proof);
        checked++;
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(MAX * (MAX + 1));
  });

  it('no proof survives a flipped bit in any of its hashes (trees of 1..64)', async () => {
    const log = new MemoryLog();
    const roots: Uint8Array[] = [];
    const accepted: string[] = [];
    for (let size = 1; size <= 64; size++) {
      await log.append(leafData(size - 1));
      const root = await treeHash(size, log.read);
      roots.push(root);
      for (let index = 0; index < size; index++) {
        const proof = await proveRecord(index, size, log.read);
        for (let k = 0; k < proof.length; k++) {
          const bad = flip(proof, k, 0);
          if (verifyInclusion(log.leaves[index]!, index, size, bad, root)) accepted.push(`inclusion ${index}/${size} #${k}`);
          expect(() => checkRecord(log.leaves[index]!, index, size, bad, root)).toThrow(LogProofError);
        }
      }
      for (let old = 1; old < size; old++) {
        const proof = await proveTree(old, size, log.read);
        for (let k = 0; k < proof.length; k++) {
          const bad = flip(proof, k, 0);
          if (verifyConsistency(old, size, roots[old - 1]!, root, bad)) accepted.push(`consistency ${old}->${size} #${k}`);
          expect(() => checkTree(old, size, roots[old - 1]!, root, bad)).toThrow(LogProofError);
        }
      }
    }
    expect(accepted).toEqual([]);
  });
});

describe('log/stored-hashes: the hash reader contract', () => {
  it('appends through an async reader, as the SQL store will', async () => {
    const hashes: Uint8Array[] = [];
    const read: HashReader = async (indexes) => indexes.map((x) => hashes[x]!);
    const sync = new MemoryLog();
    for (let n = 0; n < 40; n++) {
      await sync.append(leafData(n));
      hashes.push(...(await storedHashesForLeafHash(n, sync.leaves[n]!, read)));
    }
    expect(hashes.map(toHexString)).toEqual(sync.hashes.map(toHexString));
    expect(toHexString(await treeHash(40, read))).toBe(toHexString(await treeHash(40, sync.read)));
  });

  it('reads at most log2 n hashes per append and writes two on average', async () => {
    const log = new MemoryLog();
    let reads = 0;
    const counting: HashReader = (indexes) => {
      reads = Math.max(reads, indexes.length);
      return log.read(indexes);
    };
    for (let n = 0; n < 1024; n++) {
      const out = await storedHashesForLeafHash(n, new Uint8Array(32).fill(n & 255), counting);
      log.hashes.push(...out);
    }
    expect(reads).toBeLessThanOrEqual(10);
    expect(log.hashes.length / 1024).toBeLessThan(2);
  });

  it('refuses a reader that returns the wrong number or size of hashes', async () => {
    await expect(storedHashesForLeafHash(1, new Uint8Array(32), () => [])).rejects.toThrow(LogProofError);
    await expect(storedHashesForLeafHash(1, new Uint8Array(32), () => [new Uint8Array(31)])).rejects.toThrow(LogProofError);
    await expect(treeHash(3, () => [new Uint8Array(32)])).rejects.toThrow(LogProofError);
  });

  it('refuses proofs for records or trees the log does not have', async () => {
    const log = new MemoryLog();
    for (let n = 0; n < 5; n++) await log.append(leafData(n));
    await expect(proveRecord(5, 5, log.read)).rejects.toThrow(LogRangeError);
    await expect(proveRecord(-1, 5, log.read)).rejects.toThrow(LogRangeError);
    await expect(proveTree(5, 3, log.read)).rejects.toThrow(LogRangeError);
    expect(await proveTree(0, 5, log.read)).toEqual([]);
    expect(await proveTree(5, 5, log.read)).toEqual([]);
  });
});
