import {
  decodeEntryBundle,
  encodeEntryBundle,
  MalformedTileError,
  NotFoundError,
  parseTilePath,
  readTileData,
  TILE_HEIGHT,
  type Tile,
} from '@steward/core';
import type { Deps } from '../../context.ts';

/**
 * The static C2SP tlog-tiles view of a collective's log, served under
 * `/collectives/SLUG/log/`: the latest signed checkpoint, the verifier key, hash tiles and entry
 * bundles. Tiles are cut at the latest checkpoint, so every tile a verifier fetches agrees with
 * the checkpoint it has; full tiles never change and may be cached forever.
 */

const encoder = new TextEncoder();

async function collectiveId(deps: Deps, slug: string): Promise<string> {
  const c = await deps.store.read.collectives.bySlug(slug.trim().toLowerCase());
  if (!c) throw new NotFoundError('collective', `No collective "${slug}".`);
  return c.id;
}

/** The latest signed checkpoint as note text. */
export async function logCheckpointText(deps: Deps, input: { slug: string }): Promise<string> {
  const cp = await deps.store.read.log.latestCheckpoint(await collectiveId(deps, input.slug));
  if (!cp) throw new NotFoundError('checkpoint', 'No checkpoint has been published yet.');
  return cp.note;
}

/** The verifier key of the current signing key, in signed-note text form. */
export async function logKeyText(deps: Deps, input: { slug: string }): Promise<string> {
  const key = await deps.keys.current(await collectiveId(deps, input.slug));
  if (!key) throw new NotFoundError('log key');
  return key.vkey;
}

/** Number of entries the tile covers: 2^(H·L) per tile entry at level L. */
function tileSpan(tile: Tile): number {
  return 2 ** (TILE_HEIGHT * Math.max(tile.level, 0));
}

/** One hash tile or entry bundle by its path (`0/x001/234`, `entries/005.p/17`); `full` says it is immutable. */
export async function logTile(deps: Deps, input: { slug: string; path: string }): Promise<{ data: Uint8Array; full: boolean }> {
  const id = await collectiveId(deps, input.slug);
  let tile: Tile;
  try {
    tile = parseTilePath(`tile/${input.path}`);
  } catch (e) {
    if (e instanceof MalformedTileError) throw new NotFoundError('tile', `No tile at ${input.path}.`);
    throw e;
  }
  if (tile.height !== TILE_HEIGHT) throw new NotFoundError('tile');
  const cp = await deps.store.read.log.latestCheckpoint(id);
  const size = cp?.size ?? 0;
  // The entries a tile covers must all be in the checkpoint; a tile beyond it does not exist yet.
  const end = (tile.n * 2 ** TILE_HEIGHT + tile.width) * tileSpan(tile);
  if (end > size) throw new NotFoundError('tile', 'That tile is beyond the latest checkpoint.');
  const full = tile.width === 2 ** TILE_HEIGHT;
  if (tile.level === -1) {
    const first = tile.n * 2 ** TILE_HEIGHT;
    const rows = await deps.store.read.log.list(id, first, tile.width);
    const data = encodeEntryBundle(rows.map((r) => encoder.encode(r.body)));
    // Round-trip check: a bundle that would not decode to `width` entries must never be served.
    decodeEntryBundle(data, tile.width);
    return { data, full };
  }
  return { data: await readTileData(tile, (indexes) => deps.store.read.log.readHashes(id, indexes)), full };
}
