import {
  checkRecord,
  checkTree,
  createReceipt,
  fromBase64,
  leafHash,
  openNote,
  parseCheckpoint,
  toBase64,
  verifyConsistency,
  verifyInclusion,
  verifyReceipt,
  type LogReceipt,
} from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.ts';
import { activeCollective, appendFiller, flipBase64Char, flipBit, logSize, type ActiveCollective } from './helpers.ts';

/**
 * The app's proofs and receipts, checked the way an auditor would: with core's pure verifiers,
 * against checkpoints the app published and signed, never against the app's own word.
 */

interface Published {
  size: number;
  root: Uint8Array;
}

const encoder = new TextEncoder();
const b = (s: string) => fromBase64(s)!;

let stack: Stack;
let c: ActiveCollective;
let vkey: string;
const published: Published[] = [];

/** Grows the log to `target` entries and publishes a checkpoint there. */
async function growTo(target: number): Promise<void> {
  const size = await logSize(stack, c.id);
  if (target > size) await appendFiller(stack, c.id, target - size);
  await stack.app.publishCheckpoints();
  const cp = await stack.store.read.log.latestCheckpoint(c.id);
  expect(cp!.size).toBe(target);
  // The checkpoint is signed by the log's key and names the root it stores.
  const parsed = parseCheckpoint(openNote(cp!.note, vkey).text);
  expect([parsed.size, toBase64(parsed.root)]).toEqual([target, toBase64(cp!.root)]);
  published.push({ size: target, root: parsed.root });
}

beforeAll(async () => {
  stack = await startStack('pglite');
  c = await activeCollective(stack, 'proofs');
  vkey = (await stack.app.logOverview({ slug: c.slug })).verifierKey;
  const start = await logSize(stack, c.id);
  // Sizes around powers of two and across the 256-entry tile boundary.
  for (const size of [start, start + 1, 16, 17, 63, 64, 65, 255, 256, 257, 300, 511, 512, 600]) if (size >= start) await growTo(size);
});
afterAll(() => stack?.close());

const indicesFor = (size: number): number[] =>
  size <= 65 ? Array.from({ length: size }, (_, i) => i) : [...new Set([0, 1, 2, 7, 8, 63, 64, 127, 128, 255, 256, 257, 299, 300, 511, 512, size - 2, size - 1].filter((i) => i < size))];

describe('app proofs, checked with core’s verifiers against published checkpoints', () => {
  it('[T2] inclusion proofs for many indices in every published tree verify; a neighbour’s index does not', async () => {
    const bodies = (await stack.store.read.log.list(c.id, 0, 1000)).map((e) => e.body);
    let checked = 0;
    for (const { size, root } of published) {
      for (const index of indicesFor(size)) {
        const p = await stack.app.inclusionProof({ slug: c.slug, index, size });
        const leaf = b(p.leafHash);
        // The leaf hash the app reports is the entry's, recomputed here.
        expect(toBase64(leafHash(encoder.encode(bodies[index]!)))).toBe(p.leafHash);
        const proof = p.proof.map(b);
        expect(verifyInclusion(leaf, index, size, proof, root), `entry ${index} in tree ${size}`).toBe(true);
        expect(() => checkRecord(leaf, index, size, proof, root)).not.toThrow();
        if (size > 1) expect(verifyInclusion(leaf, (index + 1) % size, size, proof, root)).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('[T2] consistency proofs between every pair of published checkpoints verify; swapped roots do not', async () => {
    for (const [i, from] of published.entries()) {
      for (const to of published.slice(i)) {
        const p = await stack.app.consistencyProof({ slug: c.slug, from: from.size, to: to.size });
        const proof = p.proof.map(b);
        expect(verifyConsistency(from.size, to.size, from.root, to.root, proof), `${from.size} → ${to.size}`).toBe(true);
        expect(() => checkTree(from.size, to.size, from.root, to.root, proof)).not.toThrow();
        if (from.size < to.size) expect(verifyConsistency(from.size, to.size, to.root, from.root, proof)).toBe(false);
      }
    }
  });

  it('receipts for many entries verify with verifyReceipt and the log’s key', async () => {
    const latest = published[published.length - 1]!;
    for (const index of indicesFor(latest.size)) {
      const r = await stack.app.logReceipt({ slug: c.slug, index });
      expect(r.verifierKeys).toEqual([vkey]);
      expect(verifyReceipt(r, vkey).ok).toBe(true); // the API's receipt is core's format
      const receipt = createReceipt({ entry: r.entry.text, index: r.index, proof: r.proof.map(b), checkpoint: r.checkpoint });
      const result = verifyReceipt(receipt, vkey);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) {
        expect(result.checkpoint.size).toBe(latest.size);
        expect(toBase64(result.leafHash)).toBe(r.leafHash);
      }
    }
  });

  it('a receipt with any one byte flipped in its entry, proof or checkpoint fails', async () => {
    const r = await stack.app.logReceipt({ slug: c.slug, index: 129 });
    const good: LogReceipt = createReceipt({ entry: r.entry.text, index: 129, proof: r.proof.map(b), checkpoint: r.checkpoint });
    expect(verifyReceipt(good, vkey).ok).toBe(true);
    const text = (good.entry as { text: string }).text;

    // Every byte of the entry.
    for (let i = 0; i < text.length; i++) {
      const bytes = flipBit(encoder.encode(text), i);
      const res = verifyReceipt({ ...good, entry: { base64: toBase64(bytes) } }, vkey);
      expect(res.ok ? 'ok' : res.reason, `entry byte ${i}`).toBe('inclusion');
    }
    // Every byte of every proof hash.
    good.proof.forEach((h, k) => {
      for (let i = 0; i < 32; i++) {
        const proof = good.proof.map((x, j) => (j === k ? toBase64(flipBit(b(x), i)) : x));
        const res = verifyReceipt({ ...good, proof }, vkey);
        expect(res.ok ? 'ok' : res.reason, `proof hash ${k} byte ${i}`).toBe('inclusion');
      }
    });
    // The index, and the checkpoint's root line and signature.
    expect(verifyReceipt({ ...good, index: 128 }, vkey)).toMatchObject({ ok: false, reason: 'inclusion' });
    const lines = good.checkpoint.split('\n');
    const rootAt = lines[0]!.length + lines[1]!.length + 2;
    expect(verifyReceipt({ ...good, checkpoint: flipBase64Char(good.checkpoint, rootAt + 5) }, vkey)).toMatchObject({ ok: false, reason: 'signature' });
    const sigAt = good.checkpoint.lastIndexOf(' ') + 30;
    expect(verifyReceipt({ ...good, checkpoint: flipBase64Char(good.checkpoint, sigAt) }, vkey)).toMatchObject({ ok: false, reason: 'signature' });
  });
});
