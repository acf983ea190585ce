/**
 * Micro-benchmark of the transparency log core (not a test). Run from the repository root:
 *
 *   ./node_modules/.bin/node packages/core/bench/log-bench.ts [leaves]
 *
 * Appends `leaves` (default 1,000,000) entries through storedHashes into an in-memory hash array,
 * against the floor of hashing the same entries alone, then times proofs on the full tree.
 * Target: the log within 3× of the hashing floor.
 */
import {
  canonicalJson,
  leafHash,
  proveRecord,
  proveTree,
  storedHashCount,
  storedHashes,
  treeHash,
  verifyConsistency,
  verifyInclusion,
  type HashReader,
} from '../src/index.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const PROOFS = 10_000;

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const out = fn();
  return [out, performance.now() - start];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const out = await fn();
  return [out, performance.now() - start];
}

// Entries shaped like real log entries (canonical JSON, ~180 bytes), made before any timing.
const encoder = new TextEncoder();
const entries = Array.from({ length: N }, (_, i) =>
  encoder.encode(
    canonicalJson({
      v: 1,
      type: 'records.imported',
      time: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      collective: 'c_7f3a9b2e',
      actor: `p:${(i * 2654435761) % 1_000_003}`,
      counts: { records: i % 500 },
      digests: { file: (i * 40503).toString(16).padStart(16, '0') },
    }),
  ),
);
const avgEntry = entries.reduce((s, e) => s + e.length, 0) / N;

// A fixed, repeatable sequence of probe indexes: benchmarks need the same input every run (and rule P4 keeps Math.* randomness out of project code).
let seed = 0x9e3779b9;
const rand = (below: number): number => {
  seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
  return seed % below;
};

const [, floorMs] = time(() => {
  for (const e of entries) leafHash(e);
});

const hashes: Uint8Array[] = [];
const read: HashReader = (indexes) => indexes.map((i) => hashes[i]!);
const [, logMs] = await timeAsync(async () => {
  for (let n = 0; n < N; n++) {
    const out = await storedHashes(n, entries[n]!, read);
    for (const h of out) hashes.push(h);
  }
});
if (hashes.length !== storedHashCount(N)) throw new Error('stored hash count mismatch');

const [root, rootMs] = await timeAsync(() => treeHash(N, read));

const indexes = Array.from({ length: PROOFS }, () => rand(N));
const [recordProofs, proveRecordMs] = await timeAsync(() => Promise.all(indexes.map((i) => proveRecord(i, N, read))));
const leafHashes = indexes.map((i) => hashes[storedIndexOfLeaf(i)]!);
const [okInclusion, verifyInclusionMs] = time(() => recordProofs.every((p, k) => verifyInclusion(leafHashes[k]!, indexes[k]!, N, p, root)));

const olds = Array.from({ length: PROOFS / 10 }, () => 1 + rand(N - 1));
const oldRoots = await Promise.all(olds.map((o) => treeHash(o, read)));
const [treeProofs, proveTreeMs] = await timeAsync(() => Promise.all(olds.map((o) => proveTree(o, N, read))));
const [okConsistency, verifyConsistencyMs] = time(() => treeProofs.every((p, k) => verifyConsistency(olds[k]!, N, oldRoots[k]!, root, p)));
if (!okInclusion || !okConsistency) throw new Error('a proof did not verify');

function storedIndexOfLeaf(i: number): number {
  // storedHashIndex(0, i), inlined to keep the import list to what is timed.
  let x = 0;
  for (let n = i; n > 0; n = Math.floor(n / 2)) x += n;
  return x;
}

const us = (ms: number, count: number): string => `${((ms * 1000) / count).toFixed(1)} µs`;
console.log(`log bench: ${N.toLocaleString('en')} leaves, entries of ${avgEntry.toFixed(0)} bytes on average, node ${process.version}`);
console.log(`  hashing floor (leafHash only)   ${floorMs.toFixed(0)} ms  (${us(floorMs, N)} per entry)`);
console.log(`  append via storedHashes         ${logMs.toFixed(0)} ms  (${us(logMs, N)} per entry, ${hashes.length.toLocaleString('en')} hashes stored)`);
console.log(`  ratio log / floor               ${(logMs / floorMs).toFixed(2)}×  (target ≤ 3×)`);
console.log(`  treeHash(${N})              ${rootMs.toFixed(2)} ms`);
console.log(`  proveRecord at ${N}         ${us(proveRecordMs, PROOFS)} per proof (${recordProofs[0]!.length} hashes)`);
console.log(`  verifyInclusion at ${N}     ${us(verifyInclusionMs, PROOFS)} per proof`);
console.log(`  proveTree to ${N}           ${us(proveTreeMs, olds.length)} per proof`);
console.log(`  verifyConsistency to ${N}   ${us(verifyConsistencyMs, olds.length)} per proof`);
