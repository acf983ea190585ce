import { describe, expect, it } from 'vitest';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  ENTRY_BUNDLE_LEVEL,
  hashFromTile,
  leafHash,
  MalformedTileError,
  MAX_ENTRY_SIZE,
  newEntryBundles,
  newTiles,
  parseTilePath,
  readTileData,
  storedHashIndex,
  TILE_HEIGHT,
  tileForIndex,
  tilePath,
  type Tile,
} from '../../src/index.ts';
import { fixture, leafData, MemoryLog, toHexString } from './helpers.ts';

interface TileFixture {
  paths: Array<{ go?: string; c2sp?: string; path: string; tile: { level: number; n: number; width: number } }>;
  badPaths: Array<{ go?: string; path: string; why: string }>;
  newTiles: Array<{ height: number; oldSize: number; newSize: number; count: number }>;
  c2spExamples: Array<{ size: number; fullPerLevel: number[]; partialWidthPerLevel: number[] }>;
}

const f = fixture<TileFixture>('tlog-tiles.json');
const key = (t: Tile): string => `${t.height}/${t.level}/${t.n}/${t.width}`;

describe('log/tiles: C2SP tile paths', () => {
  for (const p of f.paths) {
    it(`${p.path} ⇄ level ${p.tile.level}, index ${p.tile.n}, width ${p.tile.width}${p.go ? ` (Go: ${p.go})` : ''}`, () => {
      const tile = { height: TILE_HEIGHT, ...p.tile };
      expect(tilePath(tile)).toBe(p.path);
      expect(parseTilePath(p.path)).toEqual(tile);
    });
  }

  for (const p of f.badPaths) {
    it(`refuses ${p.path}: ${p.why}`, () => {
      expect(() => parseTilePath(p.path)).toThrow(MalformedTileError);
    });
  }

  it('writes paths only for height-8 tiles', () => {
    expect(() => tilePath({ height: 2, level: 0, n: 0, width: 4 })).toThrow(MalformedTileError);
  });
});

describe('log/tiles: which tiles a growing tree writes', () => {
  for (const v of f.newTiles) {
    it(`height ${v.height}: ${v.oldSize} → ${v.newSize} writes ${v.count} tiles (Go TestNewTilesForSize)`, () => {
      expect(newTiles(v.oldSize, v.newSize, v.height)).toHaveLength(v.count);
    });
  }

  for (const v of f.c2spExamples) {
    it(`a tree of ${v.size} is the full and partial tiles the C2SP spec lists`, () => {
      const tiles = newTiles(0, v.size);
      v.fullPerLevel.forEach((full, level) => {
        expect(tiles.filter((t) => t.level === level && t.width === 256), `level ${level} full`).toHaveLength(full);
        const partial = tiles.filter((t) => t.level === level && t.width < 256);
        expect(partial.map((t) => t.width), `level ${level} partial`).toEqual(v.partialWidthPerLevel[level] ? [v.partialWidthPerLevel[level]] : []);
      });
      expect(Math.max(...tiles.map((t) => t.level))).toBe(v.fullPerLevel.length - 1);
      const bundles = newEntryBundles(0, v.size);
      expect(bundles.map((t) => t.level)).toEqual(bundles.map(() => ENTRY_BUNDLE_LEVEL));
      expect(bundles).toHaveLength(tiles.filter((t) => t.level === 0).length);
    });
  }
});

describe('log/tiles: tile contents from stored hashes (after Go TestTree)', () => {
  for (const height of [2, TILE_HEIGHT]) {
    it(`height ${height}: tiles only grow, and every stored hash reads back from its tile, for trees of 1..300`, async () => {
      const log = new MemoryLog();
      const tiles = new Map<string, Uint8Array>();
      const problems: string[] = [];
      for (let size = 1; size <= 300; size++) {
        const before = log.hashes.length;
        await log.append(leafData(size - 1));
        for (const tile of newTiles(size - 1, size, height)) {
          const data = await readTileData(tile, log.read);
          const old = tiles.get(key({ ...tile, width: tile.width - 1 }));
          if (tile.width > 1 && (!old || toHexString(old) !== toHexString(data.subarray(0, old.length)))) problems.push(`${key(tile)} does not extend its earlier tile`);
          tiles.set(key(tile), data);
        }
        for (let j = before; j < log.hashes.length; j++) {
          const tile = tileForIndex(j, height);
          const data = tiles.get(key(tile));
          if (!data) {
            problems.push(`tile ${key(tile)} for stored hash ${j} was never written`);
            continue;
          }
          if (toHexString(hashFromTile(tile, data, j)) !== toHexString(log.hashes[j]!)) problems.push(`hashFromTile ${j}`);
        }
      }
      for (const tile of newTiles(0, 300, height)) {
        if (toHexString(tiles.get(key(tile))!) !== toHexString(await readTileData(tile, log.read))) problems.push(`tile ${key(tile)} differs when read again`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('reads a hash from any wider tile, and refuses the wrong tile or short data', async () => {
    const log = new MemoryLog();
    for (let i = 0; i < 20; i++) await log.append(leafData(i));
    const index = storedHashIndex(1, 2); // hash of leaves 4..5, between tile levels at height 2
    const tile = tileForIndex(index, 2);
    expect(tile).toEqual({ height: 2, level: 0, n: 1, width: 2 });
    const full = { ...tile, width: 4 };
    const data = await readTileData(full, log.read);
    expect(toHexString(hashFromTile(full, data, index))).toBe(toHexString(log.hashes[index]!));
    expect(() => hashFromTile({ ...full, n: 0 }, data, index)).toThrow(MalformedTileError);
    expect(() => hashFromTile({ ...tile, width: 1 }, data, index)).toThrow(MalformedTileError);
    expect(() => hashFromTile(full, data.subarray(0, 64), index)).toThrow(MalformedTileError);
  });
});

describe('log/tiles: entry bundles', () => {
  it('round-trips entries as 2-byte big-endian length-prefixed records that hash to the level-0 tile', async () => {
    const log = new MemoryLog();
    const entries = Array.from({ length: 256 + 17 }, (_, i) => leafData(i));
    for (const e of entries) await log.append(e);
    const bundles = newEntryBundles(0, entries.length);
    expect(bundles.map(tilePath)).toEqual(['tile/entries/000', 'tile/entries/001.p/17']);
    for (const b of bundles) {
      const slice = entries.slice(b.n * 256, b.n * 256 + b.width);
      const bytes = encodeEntryBundle(slice);
      expect(bytes[0]).toBe(0);
      expect(bytes[1]).toBe(slice[0]!.length);
      const back = decodeEntryBundle(bytes, b.width);
      const tile = await readTileData({ ...b, level: 0 }, log.read);
      back.forEach((e, i) => expect(toHexString(leafHash(e))).toBe(toHexString(tile.subarray(i * 32, i * 32 + 32))));
    }
  });

  it(`holds entries up to ${MAX_ENTRY_SIZE} bytes and refuses larger ones`, () => {
    const big = new Uint8Array(MAX_ENTRY_SIZE).fill(7);
    const bytes = encodeEntryBundle([big, new Uint8Array(0)]);
    expect(bytes.subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xff]));
    expect(decodeEntryBundle(bytes).map((e) => e.length)).toEqual([MAX_ENTRY_SIZE, 0]);
    expect(() => encodeEntryBundle([new Uint8Array(MAX_ENTRY_SIZE + 1)])).toThrow(MalformedTileError);
  });

  it('refuses truncated bundles and a wrong entry count', () => {
    const bytes = encodeEntryBundle([leafData(1), leafData(2)]);
    expect(() => decodeEntryBundle(bytes.subarray(0, bytes.length - 1))).toThrow(MalformedTileError);
    expect(() => decodeEntryBundle(bytes.subarray(0, 1))).toThrow(MalformedTileError);
    expect(() => decodeEntryBundle(bytes, 3)).toThrow(MalformedTileError);
    expect(decodeEntryBundle(new Uint8Array(0))).toEqual([]);
  });
});
