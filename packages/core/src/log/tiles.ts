import { MalformedTileError } from './errors.ts';
import { assertTreeInt, pow2, shr } from './int.ts';
import { HASH_SIZE, nodeHash } from './merkle.ts';
import { splitStoredHashIndex, storedHashIndex, type HashReader } from './stored-hashes.ts';

/**
 * C2SP tlog-tiles: the tree published as static files. A tile of height H at level L, index N
 * lists W consecutive hashes at tree level H·L starting at N·2^H; a full tile has 2^H hashes.
 * C2SP fixes H = 8; the height stays a parameter (as in Go's tlog) so tests can use small tiles.
 * Entry bundles are tiles at level -1 (ENTRY_BUNDLE_LEVEL) holding the entries themselves.
 */

/** C2SP's tile height: 256 hashes per full tile. */
export const TILE_HEIGHT = 8;
/** Level of an entry bundle (`tile/entries/…`), like Go's data tiles. */
export const ENTRY_BUNDLE_LEVEL = -1;
/** Largest entry an entry bundle can hold (2-byte length prefix). */
export const MAX_ENTRY_SIZE = 0xffff;

export interface Tile {
  /** Tile height H; 8 for everything published. */
  height: number;
  /** Tile level L, or ENTRY_BUNDLE_LEVEL. */
  level: number;
  /** Tile index within its level. */
  n: number;
  /** Number of hashes (or entries), 1..2^height; less than 2^height means partial. */
  width: number;
}

function assertTile(t: Tile): void {
  if (!Number.isInteger(t.height) || t.height < 1 || t.height > 30) throw new MalformedTileError(`tile height ${t.height} is not 1..30`);
  if (!Number.isInteger(t.level) || t.level < ENTRY_BUNDLE_LEVEL || t.level > 63) throw new MalformedTileError(`tile level ${t.level} is not -1..63`);
  if (!Number.isSafeInteger(t.n) || t.n < 0) throw new MalformedTileError(`tile index ${t.n} is not a non-negative integer`);
  if (!Number.isInteger(t.width) || t.width < 1 || t.width > pow2(t.height)) throw new MalformedTileError(`tile width ${t.width} is not 1..${pow2(t.height)}`);
}

/** The smallest tile holding stored hash `index`, with the byte range of the hashes it spans. */
function locate(index: number, height: number): { tile: Tile; start: number; end: number } {
  let { level, n } = splitStoredHashIndex(index);
  const tileLevel = Math.floor(level / height);
  level -= tileLevel * height; // level within the tile
  const tileN = shr(n * pow2(level), height);
  n -= tileN * pow2(height - level); // n within the tile, at its level
  const width = (n + 1) * pow2(level);
  return { tile: { height, level: tileLevel, n: tileN, width }, start: n * pow2(level) * HASH_SIZE, end: width * HASH_SIZE };
}

/** The smallest tile from which stored hash `index` can be read (Go's TileForIndex). */
export function tileForIndex(index: number, height = TILE_HEIGHT): Tile {
  return locate(index, height).tile;
}

/** The hash tiles that a tree growing from oldSize to newSize adds or widens. */
export function newTiles(oldSize: number, newSize: number, height = TILE_HEIGHT): Tile[] {
  assertTreeInt(oldSize, 'old tree size');
  assertTreeInt(newSize, 'new tree size');
  const tiles: Tile[] = [];
  const full = pow2(height);
  for (let level = 0; shr(newSize, height * level) > 0; level++) {
    const oldN = shr(oldSize, height * level);
    const newN = shr(newSize, height * level);
    if (oldN === newN) continue;
    for (let n = shr(oldN, height); n < shr(newN, height); n++) tiles.push({ height, level, n, width: full });
    const n = shr(newN, height);
    const width = newN - n * full;
    if (width > 0) tiles.push({ height, level, n, width });
  }
  return tiles;
}

/** The entry bundles that a tree growing from oldSize to newSize adds or widens. */
export function newEntryBundles(oldSize: number, newSize: number, height = TILE_HEIGHT): Tile[] {
  return newTiles(oldSize, newSize, height)
    .filter((t) => t.level === 0)
    .map((t) => ({ ...t, level: ENTRY_BUNDLE_LEVEL }));
}

/** N as C2SP path elements: zero-padded 3-digit groups, all but the last prefixed with x. */
function encodeIndex(n: number): string {
  const digits = String(n);
  const padded = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups = padded.match(/\d{3}/g)!;
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The C2SP path of a tile: `tile/<L>/<N>[.p/<W>]`, or `tile/entries/<N>[.p/<W>]`. */
export function tilePath(tile: Tile): string {
  assertTile(tile);
  if (tile.height !== TILE_HEIGHT) throw new MalformedTileError(`C2SP tile paths need height ${TILE_HEIGHT}, got ${tile.height}`);
  const level = tile.level === ENTRY_BUNDLE_LEVEL ? 'entries' : String(tile.level);
  const partial = tile.width < pow2(tile.height) ? `.p/${tile.width}` : '';
  return `tile/${level}/${encodeIndex(tile.n)}${partial}`;
}

/** Parses a C2SP tile or entry-bundle path; refuses anything but the one canonical spelling. */
export function parseTilePath(path: string): Tile {
  const bad = (): MalformedTileError => new MalformedTileError(`not a tile path: ${JSON.stringify(path)}`);
  const m = /^tile\/(entries|0|[1-9]\d?)\/((?:x\d{3}\/)*\d{3})(?:\.p\/([1-9]\d{0,2}))?$/.exec(path);
  if (!m) throw bad();
  const level = m[1] === 'entries' ? ENTRY_BUNDLE_LEVEL : Number(m[1]);
  const n = Number(m[2]!.replace(/[x/]/g, ''));
  const width = m[3] === undefined ? pow2(TILE_HEIGHT) : Number(m[3]);
  const tile: Tile = { height: TILE_HEIGHT, level, n, width };
  if (!Number.isSafeInteger(n)) throw bad();
  let canonical: string;
  try {
    canonical = tilePath(tile);
  } catch {
    throw bad();
  }
  if (canonical !== path) throw bad();
  return tile;
}

/** The bytes of a hash tile: its W hashes, concatenated, read from stored hashes. */
export async function readTileData(tile: Tile, read: HashReader): Promise<Uint8Array> {
  assertTile(tile);
  if (tile.level === ENTRY_BUNDLE_LEVEL) throw new MalformedTileError('entry bundles are read from entries, not from hashes');
  const start = tile.n * pow2(tile.height);
  const indexes: number[] = [];
  for (let i = 0; i < tile.width; i++) indexes.push(storedHashIndex(tile.height * tile.level, start + i));
  const hashes = await read(indexes);
  if (hashes.length !== indexes.length) throw new MalformedTileError(`hash reader returned ${hashes.length} hashes for ${indexes.length}`);
  const out = new Uint8Array(tile.width * HASH_SIZE);
  hashes.forEach((h, i) => {
    if (h.length !== HASH_SIZE) throw new MalformedTileError('hash reader returned a hash that is not 32 bytes');
    out.set(h, i * HASH_SIZE);
  });
  return out;
}

/** Hash of a run of 2^k tile hashes: the subtree they are the bottom row of. */
function foldTileHashes(data: Uint8Array): Uint8Array {
  const count = data.length / HASH_SIZE;
  if (count === 1) return data.slice();
  const half = (count / 2) * HASH_SIZE;
  return nodeHash(foldTileHashes(data.subarray(0, half)), foldTileHashes(data.subarray(half)));
}

/** Stored hash `index`, read (and hashed up if it sits between tile levels) from a tile's bytes. */
export function hashFromTile(tile: Tile, data: Uint8Array, index: number): Uint8Array {
  assertTile(tile);
  if (tile.level === ENTRY_BUNDLE_LEVEL) throw new MalformedTileError('an entry bundle holds no hashes');
  if (data.length < tile.width * HASH_SIZE) throw new MalformedTileError(`tile data of ${data.length} bytes is too short for width ${tile.width}`);
  const { tile: t, start, end } = locate(index, tile.height);
  if (t.level !== tile.level || t.n !== tile.n || t.width > tile.width) {
    throw new MalformedTileError(`stored hash ${index} is not in tile level ${tile.level} index ${tile.n} width ${tile.width}`);
  }
  return foldTileHashes(data.subarray(start, end));
}

/** An entry bundle: each entry as a 2-byte big-endian length then its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const e of entries) {
    if (e.length > MAX_ENTRY_SIZE) throw new MalformedTileError(`log entry of ${e.length} bytes exceeds ${MAX_ENTRY_SIZE}`);
    size += 2 + e.length;
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const e of entries) {
    out[o] = e.length >> 8;
    out[o + 1] = e.length & 0xff;
    out.set(e, o + 2);
    o += 2 + e.length;
  }
  return out;
}

/** Splits an entry bundle into its entries; refuses truncated data or a different count. */
export function decodeEntryBundle(data: Uint8Array, expectedCount?: number): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let o = 0;
  while (o < data.length) {
    if (o + 2 > data.length) throw new MalformedTileError('entry bundle ends inside a length prefix');
    const len = (data[o]! << 8) | data[o + 1]!;
    if (o + 2 + len > data.length) throw new MalformedTileError('entry bundle ends inside an entry');
    entries.push(data.slice(o + 2, o + 2 + len));
    o += 2 + len;
  }
  if (expectedCount !== undefined && entries.length !== expectedCount) {
    throw new MalformedTileError(`entry bundle holds ${entries.length} entries, expected ${expectedCount}`);
  }
  return entries;
}
