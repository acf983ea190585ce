import {
  canonicalJson,
  decodeEntryBundle,
  HASH_SIZE,
  leafHash,
  MalformedTileError,
  newEntryBundles,
  newTiles,
  nodeHash,
  rootHash,
  TILE_HEIGHT,
  tilePath,
  toBase64,
  type Tile,
} from '@steward/core';
import { VerificationError } from './errors.ts';
import { getBytes, mapLimit, type FetchLike } from './http.ts';

/**
 * The full audit of one tree size from its C2SP tiles: every hash tile and entry bundle is
 * fetched, the root is recomputed from the level-0 hashes with RFC 9162's MTH, every higher-level
 * hash is recomputed from the level below, and every entry must hash to its level-0 hash and be
 * canonical JSON. Nothing the server says is taken on trust except the checkpoint's signature.
 */

const TILE_WIDTH = 2 ** TILE_HEIGHT;
const PARALLEL_FETCHES = 8;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const b64 = toBase64;

export interface VerifiedTree {
  /** Level-0 hashes, one per entry, checked against the entries and the root. */
  leaves: Uint8Array[];
  /** Each entry parsed (canonical JSON), in log order. */
  entries: unknown[];
  hashTiles: number;
  entryBundles: number;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The tile holding entry `index` at level 0, as it was served for this tree size. */
function tileOf(tiles: readonly Tile[], index: number): string {
  const t = tiles.find((x) => x.n === Math.floor(index / TILE_WIDTH));
  return t ? tilePath(t) : '?';
}

/**
 * Every complete subtree hash, level by level: levels[h][i] is the hash of entries
 * [i·2^h, (i+1)·2^h). Computed from the level-0 hashes only.
 */
function subtreeLevels(leaves: Uint8Array[], top: number): Uint8Array[][] {
  const levels = [leaves];
  for (let h = 1; h <= top; h++) {
    const below = levels[h - 1]!;
    const row: Uint8Array[] = [];
    for (let i = 0; 2 * i + 1 < below.length; i++) row.push(nodeHash(below[2 * i]!, below[2 * i + 1]!));
    levels.push(row);
  }
  return levels;
}

/** Fetches and checks every tile and entry of the tree of `size` entries with root `root`. */
export async function verifyTree(fetch: FetchLike, base: string, size: number, root: Uint8Array): Promise<VerifiedTree> {
  const hashTiles = newTiles(0, size);
  const bundles = newEntryBundles(0, size);
  const level0 = hashTiles.filter((t) => t.level === 0);
  const upper = hashTiles.filter((t) => t.level > 0);

  const fetchTile = async (t: Tile): Promise<Uint8Array> => getBytes(fetch, base + tilePath(t));
  const [hashData, bundleData] = await Promise.all([mapLimit(hashTiles, PARALLEL_FETCHES, fetchTile), mapLimit(bundles, PARALLEL_FETCHES, fetchTile)]);
  const dataOf = new Map(hashTiles.map((t, i) => [t, hashData[i]!]));

  // Level 0: the leaf hashes, exactly `width` of them per tile.
  const leaves: Uint8Array[] = [];
  for (const t of level0) {
    const data = dataOf.get(t)!;
    if (data.length !== t.width * HASH_SIZE) {
      throw new VerificationError(`${tilePath(t)}: ${data.length} bytes, expected ${t.width * HASH_SIZE} (${t.width} hashes)`);
    }
    for (let i = 0; i < t.width; i++) leaves.push(data.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  }

  // The entries, and the leaf hash each one really has.
  const bodies: Uint8Array[] = [];
  bundles.forEach((t, k) => {
    try {
      bodies.push(...decodeEntryBundle(bundleData[k]!, t.width));
    } catch (e) {
      if (e instanceof MalformedTileError) throw new VerificationError(`${tilePath(t)}: ${e.message}`);
      throw e;
    }
  });
  const entryLeaves = bodies.map(leafHash);

  // The root, recomputed from the level-0 hashes alone (RFC 9162 §2.1.1 MTH).
  const got = rootHash(leaves);
  if (!sameBytes(got, root)) {
    const bad = entryLeaves.findIndex((h, i) => !sameBytes(h, leaves[i]!));
    // When the entries themselves hash to the signed root, the wrong one is the stored hash.
    const hint =
      bad >= 0 && sameBytes(rootHash(entryLeaves), root)
        ? `; the level-0 hash of entry ${bad} in ${tileOf(level0, bad)} does not match the entry, whose hash does lead to the signed root`
        : '';
    throw new VerificationError(`root mismatch: the level-0 hash tiles give root ${b64(got)} for ${size} entries, the checkpoint says ${b64(root)}${hint}`);
  }

  // Each entry is the leaf the tree holds, and is canonical JSON.
  const entries: unknown[] = [];
  for (let i = 0; i < size; i++) {
    const where = tileOf(bundles, i);
    if (!sameBytes(entryLeaves[i]!, leaves[i]!)) {
      throw new VerificationError(`entry ${i} (${where}): its leaf hash ${b64(entryLeaves[i]!)} does not match the level-0 hash ${b64(leaves[i]!)} in ${tileOf(level0, i)}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(strictUtf8.decode(bodies[i]!));
    } catch {
      throw new VerificationError(`entry ${i} (${where}) is not UTF-8 JSON`);
    }
    let canonical: string;
    try {
      canonical = canonicalJson(parsed);
    } catch (e) {
      throw new VerificationError(`entry ${i} (${where}) is not canonical JSON: ${(e as Error).message}`);
    }
    if (!sameBytes(new TextEncoder().encode(canonical), bodies[i]!)) {
      throw new VerificationError(`entry ${i} (${where}) is not canonical JSON: re-encoding it gives different bytes`);
    }
    entries.push(parsed);
  }

  // Higher levels: tile level L holds the hashes of subtrees of 2^(8L) entries.
  const top = Math.max(0, ...upper.map((t) => t.level));
  const levels = subtreeLevels(leaves, top * TILE_HEIGHT);
  for (const t of upper) {
    const data = dataOf.get(t)!;
    const path = tilePath(t);
    if (data.length !== t.width * HASH_SIZE) throw new VerificationError(`${path}: ${data.length} bytes, expected ${t.width * HASH_SIZE} (${t.width} hashes)`);
    const span = 2 ** (TILE_HEIGHT * t.level);
    for (let j = 0; j < t.width; j++) {
      const n = t.n * TILE_WIDTH + j;
      const want = levels[TILE_HEIGHT * t.level]![n]!;
      const have = data.subarray(j * HASH_SIZE, (j + 1) * HASH_SIZE);
      if (!sameBytes(have, want)) {
        throw new VerificationError(
          `${path}: hash ${j} (the subtree of entries ${n * span}–${(n + 1) * span - 1}) is ${b64(have)}, but the level-0 hashes below it give ${b64(want)}`,
        );
      }
    }
  }

  return { leaves, entries, hashTiles: hashTiles.length, entryBundles: bundles.length };
}
