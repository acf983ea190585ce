import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64, leafHash, nodeHash, storedHashes, type HashReader, type SubtreeHashAt } from '../../src/index.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Every fixture file names where its data comes from. */
export function fixture<T>(name: string): T & { source: string } {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T & { source: string };
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
}

export const hex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
export const toHexString = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
export const proofKey = (p: readonly Uint8Array[]): string => p.map(toHexString).join(',');
export const b64 = (s: string): Uint8Array => {
  const out = fromBase64(s);
  if (!out) throw new Error(`bad base64 in fixture: ${s}`);
  return out;
};
export const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A copy of `proof` with bit `bit` of byte 0 of element `i` flipped. */
export function flip(proof: readonly Uint8Array[], i: number, bit = 3): Uint8Array[] {
  return proof.map((h, j) => {
    if (j !== i) return h;
    const c = h.slice();
    c[0]! ^= 1 << bit;
    return c;
  });
}

export function flipHash(h: Uint8Array, bit = 0): Uint8Array {
  const c = h.slice();
  c[c.length - 1]! ^= 1 << bit;
  return c;
}

/** An append-only in-memory hash store, as the SQL store will be; checks indexes come sorted, as Go's test does. */
export class MemoryLog {
  readonly hashes: Uint8Array[] = [];
  readonly leaves: Uint8Array[] = [];
  size = 0;
  readonly read: HashReader = (indexes) => {
    for (let i = 1; i < indexes.length; i++) if (indexes[i - 1]! >= indexes[i]!) throw new Error('indexes out of order');
    return indexes.map((x) => {
      const h = this.hashes[x];
      if (!h) throw new Error(`no stored hash ${x}`);
      return h;
    });
  };
  async append(data: Uint8Array): Promise<void> {
    const stored = await storedHashes(this.size, data, this.read);
    this.hashes.push(...stored);
    this.leaves.push(leafHash(data));
    this.size++;
  }
}

/** Complete-subtree hashes straight from the MTH definition, for the reference proofs. */
export function subtreeTable(leafHashes: readonly Uint8Array[]): SubtreeHashAt {
  const levels: Uint8Array[][] = [leafHashes.slice()];
  while (levels[levels.length - 1]!.length > 1) {
    const below = levels[levels.length - 1]!;
    const up: Uint8Array[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) up.push(nodeHash(below[i]!, below[i + 1]!));
    levels.push(up);
  }
  return (level, n) => {
    const h = levels[level]?.[n];
    if (!h) throw new Error(`no complete subtree at level ${level} index ${n}`);
    return h;
  };
}

export const leafData = (i: number): Uint8Array => ascii(`leaf ${i}`);
