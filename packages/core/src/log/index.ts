/** The transparency log's pure core: Merkle tree, stored hashes, tiles, signed notes, checkpoints, receipts. */
export * from './errors.ts';
export { toBase64, fromBase64, toHex } from './bytes.ts';
export { MAX_TREE_SIZE } from './int.ts';
export * from './merkle.ts';
export * from './stored-hashes.ts';
export * from './tiles.ts';
export * from './note.ts';
export * from './checkpoint.ts';
export * from './proof-bundle.ts';
