import { describe, expect, it } from 'vitest';
import {
  checkRecord,
  checkTree,
  consistencyProof,
  emptyRootHash,
  inclusionProof,
  leafHash,
  LogProofError,
  LogRangeError,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from '../../src/index.ts';
import { ascii, b64, fixture, fixtureNames, flip, flipHash, hex, subtreeTable, toHexString } from './helpers.ts';

interface TestTree {
  hasher: {
    emptyRoot: string;
    leaf: Array<{ dataHex?: string; dataAscii?: string; hash: string }>;
    node: Array<{ leftAscii: string; rightAscii: string; hash: string }>;
  };
  leavesHex: string[];
  rootsBySize: string[];
  inclusion: Array<{ index: number; size: number; proof: string[] }>;
  consistency: Array<{ oldSize: number; newSize: number; proof: string[] }>;
  someHash: string;
}

interface Argon {
  treeSize: number;
  rootHash: string;
  leafIndex: number;
  leafInput: string;
  auditPath: string[];
  oldTreeSize: number;
  oldRootHash: string;
  consistency: string[];
}

const tree = fixture<TestTree>('rfc6962-test-tree.json');
const leaves = tree.leavesHex.map((h) => leafHash(hex(h)));
const roots = tree.rootsBySize.map(hex);
const someHash = hex(tree.someHash);
const hashAt = subtreeTable(leaves);

/** transparency-dev/merkle's corruptInclusionProof probes: every one must fail. */
function inclusionProbes(index: number, size: number, proof: Uint8Array[], root: Uint8Array, leaf: Uint8Array) {
  const probes: Array<{ desc: string; index: number; size: number; proof: Uint8Array[]; root: Uint8Array; leaf: Uint8Array }> = [
    { desc: 'index - 1', index: index - 1, size, proof, root, leaf },
    { desc: 'index + 1', index: index + 1, size, proof, root, leaf },
    { desc: 'index ^ 2', index: index ^ 2, size, proof, root, leaf },
    { desc: 'size * 2', index, size: size * 2, proof, root, leaf },
    { desc: 'size / 2', index, size: Math.floor(size / 2), proof, root, leaf },
    { desc: 'index = size', index: size, size, proof, root, leaf },
    { desc: 'wrong leaf', index, size, proof, root, leaf: ascii('WrongLeaf') },
    { desc: 'flipped leaf', index, size, proof, root, leaf: flipHash(leaf) },
    { desc: 'empty root', index, size, proof, root: emptyRootHash(), leaf },
    { desc: 'random root', index, size, proof, root: someHash, leaf },
    { desc: 'flipped root', index, size, proof, root: flipHash(root, 7), leaf },
    { desc: 'trailing garbage', index, size, proof: [...proof, new Uint8Array(0)], root, leaf },
    { desc: 'trailing root', index, size, proof: [...proof, root], root, leaf },
    { desc: 'preceding garbage', index, size, proof: [new Uint8Array(0), ...proof], root, leaf },
    { desc: 'preceding root', index, size, proof: [root, ...proof], root, leaf },
  ];
  proof.forEach((_, i) => probes.push({ desc: `proof[${i}] bit 3 flipped`, index, size, proof: flip(proof, i), root, leaf }));
  if (proof.length > 0) probes.push({ desc: 'truncated proof', index, size, proof: proof.slice(0, -1), root, leaf });
  if (proof.length > 1) probes.push({ desc: 'inserted component', index, size, proof: [proof[0]!, someHash, ...proof.slice(1)], root, leaf });
  return probes.filter((p) => p.index >= 0);
}

/** transparency-dev/merkle's corruptConsistencyProof probes, plus swapped sizes: every one must fail. */
function consistencyProbes(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: Uint8Array[]) {
  const wrongRoot = ascii('WrongRoot');
  const probes: Array<{ desc: string; size1: number; size2: number; root1: Uint8Array; root2: Uint8Array; proof: Uint8Array[] }> = [
    { desc: 'size1 - 1', size1: size1 - 1, size2, root1, root2, proof },
    { desc: 'size1 + 1', size1: size1 + 1, size2, root1, root2, proof },
    { desc: 'size1 ^ 2', size1: size1 ^ 2, size2, root1, root2, proof },
    { desc: 'size2 * 2', size1, size2: size2 * 2, root1, root2, proof },
    { desc: 'size2 / 2', size1, size2: Math.floor(size2 / 2), root1, root2, proof },
    { desc: 'swapped sizes', size1: size2, size2: size1, root1: root2, root2: root1, proof },
    { desc: 'wrong root1', size1, size2, root1: wrongRoot, root2, proof },
    { desc: 'wrong root2', size1, size2, root1, root2: wrongRoot, proof },
    { desc: 'flipped root1', size1, size2, root1: flipHash(root1), root2, proof },
    { desc: 'flipped root2', size1, size2, root1, root2: flipHash(root2), proof },
    { desc: 'swapped roots', size1, size2, root1: root2, root2: root1, proof },
    { desc: 'empty proof', size1, size2, root1, root2, proof: [] },
    { desc: 'trailing garbage', size1, size2, root1, root2, proof: [...proof, new Uint8Array(0)] },
    { desc: 'trailing root1', size1, size2, root1, root2, proof: [...proof, root1] },
    { desc: 'trailing root2', size1, size2, root1, root2, proof: [...proof, root2] },
    { desc: 'preceding garbage', size1, size2, root1, root2, proof: [new Uint8Array(0), ...proof] },
    { desc: 'preceding root1', size1, size2, root1, root2, proof: [root1, ...proof] },
    { desc: 'preceding root2', size1, size2, root1, root2, proof: [root2, ...proof] },
    { desc: 'preceding proof[0]', size1, size2, root1, root2, proof: [proof[0]!, ...proof] },
    { desc: 'truncated proof', size1, size2, root1, root2, proof: proof.slice(0, -1) },
  ];
  proof.forEach((_, i) => probes.push({ desc: `proof[${i}] bit 4 flipped`, size1, size2, root1, root2, proof: flip(proof, i, 4) }));
  // size1 - 1 = 0 is trivially consistent with an empty proof only; with this proof it must fail too.
  return probes.filter((p) => p.size1 >= 0 && p.size2 >= 0);
}

describe('log/merkle: RFC 6962 hashing', () => {
  it(`names its source (${fixtureNames().length} fixture files)`, () => {
    for (const name of fixtureNames()) expect(fixture<object>(name).source, name).toMatch(/\S/);
  });

  it('hashes the empty tree, leaves and nodes like RFC 6962', () => {
    expect(toHexString(emptyRootHash())).toBe(tree.hasher.emptyRoot);
    expect(toHexString(rootHash([]))).toBe(tree.hasher.emptyRoot);
    for (const v of tree.hasher.leaf) {
      const data = v.dataAscii !== undefined ? ascii(v.dataAscii) : hex(v.dataHex!);
      expect(toHexString(leafHash(data))).toBe(v.hash);
    }
    for (const v of tree.hasher.node) expect(toHexString(nodeHash(ascii(v.leftAscii), ascii(v.rightAscii)))).toBe(v.hash);
  });

  it('gives the known root of the test tree for every size 1..8', () => {
    roots.forEach((root, i) => expect(toHexString(rootHash(leaves.slice(0, i + 1))), `size ${i + 1}`).toBe(toHexString(root)));
  });
});

describe('log/merkle: inclusion proofs (RFC 9162 §2.1.3)', () => {
  for (const v of tree.inclusion) {
    const proof = v.proof.map(hex);
    const root = roots[v.size - 1]!;
    const leaf = leaves[v.index]!;

    it(`builds and verifies the published proof for leaf ${v.index} of ${v.size}`, () => {
      expect(inclusionProof(v.index, v.size, hashAt).map(toHexString)).toEqual(v.proof);
      expect(verifyInclusion(leaf, v.index, v.size, proof, root)).toBe(true);
      expect(() => checkRecord(leaf, v.index, v.size, proof, root)).not.toThrow();
    });

    it(`rejects every corruption of the proof for leaf ${v.index} of ${v.size}`, () => {
      for (const p of inclusionProbes(v.index, v.size, proof, root, leaf)) {
        expect(verifyInclusion(p.leaf, p.index, p.size, p.proof, p.root), p.desc).toBe(false);
        if (p.index < p.size) expect(() => checkRecord(p.leaf, p.index, p.size, p.proof, p.root), p.desc).toThrow();
      }
    });
  }

  it('rejects an index at or past the size, and size 0, whatever the proof', () => {
    for (const [index, size] of [[0, 0], [1, 0], [1, 1], [2, 1]] as const) {
      expect(verifyInclusion(someHash, index, size, [], someHash)).toBe(false);
      expect(verifyInclusion(emptyRootHash(), index, size, [], emptyRootHash())).toBe(false);
    }
    expect(() => inclusionProof(8, 8, hashAt)).toThrow(/not below/);
    expect(() => checkRecord(leaves[0]!, 1, 1, [], roots[0]!)).toThrow(/not below/);
  });

  it('for a one-leaf tree, accepts only the leaf hash as the root, with an empty proof', () => {
    const h = leafHash(ascii('data'));
    expect(verifyInclusion(h, 0, 1, [], h)).toBe(true);
    expect(verifyInclusion(h, 0, 1, [], new Uint8Array(0))).toBe(false);
    expect(verifyInclusion(new Uint8Array(0), 0, 1, [], h)).toBe(false);
    expect(verifyInclusion(h, 0, 1, [h], h)).toBe(false);
  });

  it('rejects non-integer and unsafe indexes instead of rounding them', () => {
    const [v] = tree.inclusion.filter((x) => x.size === 8);
    const proof = v!.proof.map(hex);
    expect(verifyInclusion(leaves[0]!, 0.5, 8, proof, roots[7]!)).toBe(false);
    expect(verifyInclusion(leaves[0]!, 0, 8 + 2 ** 53, proof, roots[7]!)).toBe(false);
    expect(verifyInclusion(leaves[0]!, Number.NaN, 8, proof, roots[7]!)).toBe(false);
  });
});

describe('log/merkle: consistency proofs (RFC 9162 §2.1.4)', () => {
  for (const v of tree.consistency) {
    const proof = v.proof.map(hex);
    const root1 = roots[v.oldSize - 1]!;
    const root2 = roots[v.newSize - 1]!;

    it(`[T2] builds and verifies the published proof from ${v.oldSize} to ${v.newSize}`, () => {
      expect(consistencyProof(v.oldSize, v.newSize, hashAt).map(toHexString)).toEqual(v.proof);
      expect(verifyConsistency(v.oldSize, v.newSize, root1, root2, proof)).toBe(true);
      expect(() => checkTree(v.oldSize, v.newSize, root1, root2, proof)).not.toThrow();
    });

    if (proof.length > 0) {
      it(`[T2] rejects every corruption of the proof from ${v.oldSize} to ${v.newSize}, and the swapped sizes`, () => {
        for (const p of consistencyProbes(v.oldSize, v.newSize, root1, root2, proof)) {
          expect(verifyConsistency(p.size1, p.size2, p.root1, p.root2, p.proof), p.desc).toBe(false);
          if (p.size1 >= 1) expect(() => checkTree(p.size1, p.size2, p.root1, p.root2, p.proof), p.desc).toThrow();
        }
      });
    }
  }

  it('handles the edge sizes as transparency-dev/merkle does', () => {
    const r1 = someHash;
    const r2 = flipHash(someHash);
    const empty = emptyRootHash();
    const cases: Array<[number, number, Uint8Array, Uint8Array, Uint8Array[], boolean]> = [
      [0, 0, r1, r2, [], false],
      [0, 0, r1, r1, [], true],
      [0, 1, r1, r2, [], true],
      [1, 1, r2, r2, [], true],
      [1, 1, r1, r2, [], false],
      [1, 0, r1, r2, [], false],
      [2, 1, r1, r2, [], false],
      [1, 2, r1, r2, [], false],
      [1, 1, empty, r2, [], false],
      [0, 0, empty, empty, [empty], false],
      [0, 1, empty, empty, [empty], false],
      [1, 1, empty, empty, [empty], false],
    ];
    for (const [s1, s2, a, b, proof, want] of cases) expect(verifyConsistency(s1, s2, a, b, proof), `${s1}->${s2}`).toBe(want);
  });

  it('refuses to build a proof back in time', () => {
    expect(() => consistencyProof(5, 2, hashAt)).toThrow(/exceeds/);
    expect(consistencyProof(0, 8, hashAt)).toEqual([]);
    expect(consistencyProof(8, 8, hashAt)).toEqual([]);
  });
});

describe('log/merkle: a real Certificate Transparency log (sizes above 2^31)', () => {
  const a = fixture<Argon>('ct-argon2020.json');
  const leaf = leafHash(b64(a.leafInput));
  const root = b64(a.rootHash);
  const path = a.auditPath.map(b64);
  const oldRoot = b64(a.oldRootHash);
  const cons = a.consistency.map(b64);

  it('verifies the published inclusion proof, and no corruption of it', () => {
    expect(verifyInclusion(leaf, a.leafIndex, a.treeSize, path, root)).toBe(true);
    expect(() => checkRecord(leaf, a.leafIndex, a.treeSize, path, root)).not.toThrow();
    for (const p of inclusionProbes(a.leafIndex, a.treeSize, path, root, leaf)) {
      expect(verifyInclusion(p.leaf, p.index, p.size, p.proof, p.root), p.desc).toBe(false);
    }
  });

  it('[T2] verifies the published consistency proof, and no corruption of it', () => {
    expect(verifyConsistency(a.oldTreeSize, a.treeSize, oldRoot, root, cons)).toBe(true);
    expect(() => checkTree(a.oldTreeSize, a.treeSize, oldRoot, root, cons)).not.toThrow();
    for (const p of consistencyProbes(a.oldTreeSize, a.treeSize, oldRoot, root, cons)) {
      expect(verifyConsistency(p.size1, p.size2, p.root1, p.root2, p.proof), p.desc).toBe(false);
      if (p.size1 >= 1) expect(() => checkTree(p.size1, p.size2, p.root1, p.root2, p.proof), p.desc).toThrow(p.size1 > p.size2 ? LogRangeError : LogProofError);
    }
  });
});
