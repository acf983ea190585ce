import { describe, expect, it } from 'vitest';
import {
  formatCheckpoint,
  generateSignerKey,
  leafHash,
  MalformedCheckpointError,
  openNote,
  parseCheckpoint,
  signNote,
  toBase64,
  UnverifiedNoteError,
} from '../../src/index.ts';
import { ascii, b64, fixture } from './helpers.ts';

interface CheckpointFixture {
  good: Array<{ why: string; text: string; origin: string; size: number; root: string; rootIsLeafHashOfAscii?: string; extensions: string[] }>;
  bad: Array<{ why: string; text: string }>;
  signedExample: { why: string; note: string };
}

const f = fixture<CheckpointFixture>('checkpoints.json');

describe('log/checkpoint: C2SP tlog-checkpoint', () => {
  for (const g of f.good) {
    it(`parses and re-formats byte for byte: ${g.why}`, () => {
      const c = parseCheckpoint(g.text);
      expect(c.origin).toBe(g.origin);
      expect(c.size).toBe(g.size);
      expect(toBase64(c.root)).toBe(g.root);
      expect(c.extensions).toEqual(g.extensions);
      if (g.rootIsLeafHashOfAscii) expect(toBase64(leafHash(ascii(g.rootIsLeafHashOfAscii)))).toBe(g.root);
      expect(formatCheckpoint({ origin: g.origin, size: g.size, root: b64(g.root), extensions: g.extensions })).toBe(g.text);
    });
  }

  for (const bad of f.bad) {
    it(`refuses: ${bad.why}`, () => {
      expect(() => parseCheckpoint(bad.text)).toThrow(MalformedCheckpointError);
    });
  }

  it('refuses to format what it could not parse back', () => {
    const root = new Uint8Array(32);
    expect(() => formatCheckpoint({ origin: '', size: 1, root })).toThrow(MalformedCheckpointError);
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, root })).toThrow(MalformedCheckpointError);
    expect(() => formatCheckpoint({ origin: 'a', size: -1, root })).toThrow(MalformedCheckpointError);
    expect(() => formatCheckpoint({ origin: 'a', size: 1.5, root })).toThrow(MalformedCheckpointError);
    expect(() => formatCheckpoint({ origin: 'a', size: 1, root: new Uint8Array(31) })).toThrow(MalformedCheckpointError);
    expect(() => formatCheckpoint({ origin: 'a', size: 1, root, extensions: [''] })).toThrow(MalformedCheckpointError);
  });

  it("opens the spec's signed example as well-formed but unverified (its keys are not published)", () => {
    try {
      openNote(f.signedExample.note, generateSignerKey('example.com/behind-the-sofa').vkey);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnverifiedNoteError);
      expect((e as UnverifiedNoteError).unverified.map((s) => s.name)).toEqual(['example.com/behind-the-sofa', 'witness.example.com/w1']);
    }
  });

  it('signs a checkpoint with a key named as its origin and opens it again', () => {
    const origin = 'steward.example/c/7f3a';
    const { skey, vkey } = generateSignerKey(origin);
    const text = formatCheckpoint({ origin, size: 42, root: leafHash(ascii('x')), extensions: ['witnessed-by none'] });
    const note = signNote(text, skey);
    const opened = openNote(note, vkey);
    expect(opened.signatures.map((s) => s.name)).toEqual([origin]);
    expect(parseCheckpoint(opened.text)).toEqual(parseCheckpoint(text));
  });
});
