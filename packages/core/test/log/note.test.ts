import { describe, expect, it } from 'vitest';
import {
  generateSignerKey,
  isValidKeyName,
  keyHash,
  MalformedNoteError,
  newSigner,
  newVerifier,
  NoteKeyError,
  NoteSignatureError,
  openNote,
  signNote,
  UnverifiedNoteError,
  verifierKeyFromPublicKey,
} from '../../src/index.ts';
import { fixture } from './helpers.ts';

interface NoteFixture {
  keys: { PeterNeumann: { skey: string; vkey: string; keyHash: string }; EnochRoot: { vkey: string; keyHash: string } };
  badVerifierKeys: Array<{ why: string; vkey: string }>;
  text: string;
  signatures: Record<'PeterNeumann' | 'EnochRoot', { line: string; base64: string }>;
  signedByPeter: string;
  signedByBoth: string;
  malformed: Array<{ why: string; note: string }>;
}

const f = fixture<NoteFixture>('sumdb-note.json');
const peter = f.keys.PeterNeumann;
const enoch = f.keys.EnochRoot;
const peterSig = f.signatures.PeterNeumann;
const enochSig = f.signatures.EnochRoot;
const sig = (name: 'PeterNeumann' | 'EnochRoot') => ({ name, keyHash: Number.parseInt(f.keys[name].keyHash, 16), base64: f.signatures[name].base64 });

/** Every proper substring and every one-byte increment of a key, as Go's tests try. */
function manglings(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= key.length; i++) for (let j = i + 1; j <= key.length; j++) if (i !== 0 || j !== key.length) out.push(key.slice(i, j));
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1));
  return out;
}

describe('log/note: keys (Go sumdb/note vectors)', () => {
  it('parses the published PeterNeumann keys, with matching name and key hash', () => {
    const s = newSigner(peter.skey);
    const v = newVerifier(peter.vkey);
    expect([s.name, s.keyHash]).toEqual(['PeterNeumann', 0xc74f20a3]);
    expect([v.name, v.keyHash]).toEqual(['PeterNeumann', 0xc74f20a3]);
    expect(newVerifier(enoch.vkey).keyHash).toBe(0xaf0cfe78);
  });

  it('refuses every substring and every one-byte change of the verifier key (Go TestNewVerifier)', () => {
    const accepted = manglings(peter.vkey).filter((k) => {
      try {
        newVerifier(k);
        return true;
      } catch (e) {
        if (!(e instanceof NoteKeyError)) throw e;
        return false;
      }
    });
    expect(accepted).toEqual([]);
  });

  for (const bad of f.badVerifierKeys) {
    it(`refuses a verifier key with ${bad.why}`, () => {
      expect(() => newVerifier(bad.vkey)).toThrow(NoteKeyError);
    });
  }

  it('refuses every substring and every one-byte change of the signer key (Go TestNewSigner)', () => {
    const accepted = manglings(peter.skey).filter((k) => {
      try {
        newSigner(k);
        return true;
      } catch (e) {
        if (!(e instanceof NoteKeyError)) throw e;
        return false;
      }
    });
    expect(accepted).toEqual([]);
  });

  it('generates keys in Go note.GenerateKey text form, self-consistent', () => {
    const { skey, vkey } = generateSignerKey('EnochRoot');
    expect(skey).toMatch(/^PRIVATE\+KEY\+EnochRoot\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(vkey).toMatch(/^EnochRoot\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(skey.split('+')[3]).toBe(vkey.split('+')[1]);
    const s = newSigner(skey);
    const v = newVerifier(vkey);
    expect([s.name, s.keyHash]).toEqual([v.name, v.keyHash]);
    const msg = new TextEncoder().encode('hi');
    const signature = s.sign(msg);
    expect(v.verify(msg, signature)).toBe(true);
    signature[0]! ^= 1;
    expect(v.verify(msg, signature)).toBe(false);
  });

  it('derives the same keys from the same seed, and the key hash is SHA-256(name || 0x0A || 0x01 || pub)[:4]', () => {
    const seed = new Uint8Array(32).fill(9);
    const a = generateSignerKey('steward.example/log/c1', seed);
    expect(generateSignerKey('steward.example/log/c1', seed)).toEqual(a);
    const pub = Uint8Array.from(atob(a.vkey.split('+')[2]!), (c) => c.charCodeAt(0));
    expect(keyHash('steward.example/log/c1', pub).toString(16).padStart(8, '0')).toBe(a.vkey.split('+')[1]);
    expect(verifierKeyFromPublicKey('steward.example/log/c1', pub.subarray(1))).toBe(a.vkey);
    expect(() => verifierKeyFromPublicKey('x', pub)).toThrow(NoteKeyError);
  });

  it('refuses key names with spaces or plus signs', () => {
    for (const name of ['', 'a b', 'a+b', 'a\tb', 'a\u00a0b', 'a\u2003b', 'a\u0085b', 'a\ud800b']) {
      expect(isValidKeyName(name), JSON.stringify(name)).toBe(false);
      expect(() => generateSignerKey(name)).toThrow(NoteKeyError);
    }
    expect(isValidKeyName('example.com/log42')).toBe(true);
  });
});

describe('log/note: signing (Go TestSign)', () => {
  it('signs the example text exactly as Go does', () => {
    expect(signNote(f.text, peter.skey)).toBe(f.signedByPeter);
    expect(signNote(f.text, newSigner(peter.skey))).toBe(f.signedByPeter);
  });

  it('replaces an existing signature by the same key, and keeps others after re-checking them', () => {
    expect(signNote(f.text, peter.skey, [{ ...sig('PeterNeumann'), base64: 'BADSIGN=' }])).toBe(f.signedByPeter);
    expect(signNote(f.text, peter.skey, [sig('EnochRoot')])).toBe(f.text + '\n' + enochSig.line + peterSig.line);
    expect(() => signNote(f.text, peter.skey, [{ name: 'a+b', keyHash: 0, base64: 'ABCD' }])).toThrow(MalformedNoteError);
    expect(() => signNote(f.text, [], [{ name: 'EnochRoot', keyHash: 0xc74f20a3, base64: enochSig.base64 }])).toThrow(MalformedNoteError);
  });

  it('refuses text that does not end in a newline, or holds control characters', () => {
    expect(() => signNote('abc', peter.skey)).toThrow(MalformedNoteError);
    expect(() => signNote('a\u0001b\n', peter.skey)).toThrow(MalformedNoteError);
  });

  it('refuses a signer with an invalid name', () => {
    const good = newSigner(peter.skey);
    expect(() => signNote(f.text, { ...good, name: 'bad name' })).toThrow(NoteKeyError);
  });
});

describe('log/note: opening (Go TestOpen)', () => {
  const both = f.signedByBoth;

  it('verifies the trusted signature and sets the unknown one aside', () => {
    const n = openNote(both, [peter.vkey]);
    expect(n.text).toBe(f.text);
    expect(n.signatures).toEqual([sig('PeterNeumann')]);
    expect(n.unverifiedSignatures).toEqual([sig('EnochRoot')]);
  });

  it('verifies both when both keys are trusted', () => {
    const n = openNote(both, [peter.vkey, enoch.vkey]);
    expect(n.signatures).toEqual([sig('PeterNeumann'), sig('EnochRoot')]);
    expect(n.unverifiedSignatures).toEqual([]);
  });

  it('refuses a note no trusted key signed, saying who did', () => {
    try {
      openNote(both, []);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnverifiedNoteError);
      expect((e as UnverifiedNoteError).message).toBe('note has no verifiable signatures');
      expect((e as UnverifiedNoteError).unverified).toEqual([
        { name: 'PeterNeumann', keyHash: 0xc74f20a3 },
        { name: 'EnochRoot', keyHash: 0xaf0cfe78 },
      ]);
    }
  });

  it('refuses an ambiguous verifier list only when the key is used', () => {
    expect(() => openNote(f.text + '\n' + enochSig.line, [enoch.vkey, peter.vkey, enoch.vkey])).toThrow(/ambiguous key EnochRoot\+af0cfe78/);
    expect(openNote(f.text + '\n' + peterSig.line, [enoch.vkey, peter.vkey, enoch.vkey]).signatures).toHaveLength(1);
  });

  it('refuses more than 100 signatures', () => {
    expect(() => openNote(f.text + '\n' + peterSig.line.repeat(101), [peter.vkey])).toThrow(MalformedNoteError);
    expect(() => openNote(f.text + '\n' + peterSig.line.repeat(101), [])).toThrow(MalformedNoteError);
  });

  it('refuses a corrupted signature by a trusted key', () => {
    const line = peterSig.line;
    expect(() => openNote(f.text + '\n' + line.slice(0, 60) + 'ABCD' + line.slice(60), [peter.vkey])).toThrow(NoteSignatureError);
    expect(() => openNote(f.text + '\n' + line.slice(0, 60) + 'ABCD' + line.slice(60), [peter.vkey])).toThrow('invalid signature for key PeterNeumann+c74f20a3');
  });

  it('drops repeated signatures, verified or not', () => {
    const el = enochSig.line;
    const enochABCD = el.slice(0, 60) + 'ABCD' + el.slice(60);
    const n = openNote(f.text + '\n' + peterSig.line + peterSig.line + el + el + enochABCD, [peter.vkey]);
    expect(n.signatures).toEqual([sig('PeterNeumann')]);
    expect(n.unverifiedSignatures.map((s) => s.base64)).toEqual([enochSig.base64, enochABCD.slice('— EnochRoot '.length, -1)]);
  });

  for (const bad of f.malformed) {
    it(`refuses a malformed note: ${bad.why}`, () => {
      expect(() => openNote(bad.note, [peter.vkey])).toThrow(MalformedNoteError);
    });
  }

  it('refuses a note that is not UTF-8', () => {
    const bytes = new TextEncoder().encode(f.signedByPeter);
    const withFF = new Uint8Array([0xff, ...bytes]);
    expect(() => openNote(withFF, [peter.vkey])).toThrow(MalformedNoteError);
    expect(openNote(bytes, [peter.vkey]).text).toBe(f.text);
  });

  it('refuses a note whose text was edited after signing', () => {
    const edited = f.signedByPeter.replace('cryptography', 'cryptographY');
    expect(() => openNote(edited, [peter.vkey])).toThrow(NoteSignatureError);
    const appended = f.text + 'One more line.\n\n' + peterSig.line;
    expect(() => openNote(appended, [peter.vkey])).toThrow(NoteSignatureError);
  });

  it('does not accept a signature by another key under the same name', () => {
    const impostor = generateSignerKey('PeterNeumann');
    const forged = signNote(f.text, impostor.skey);
    // A different key hash: not the trusted key, so ignored, and nothing trusted remains.
    expect(() => openNote(forged, [peter.vkey])).toThrow(UnverifiedNoteError);
    // The impostor's signature relabelled with the trusted key hash: checked, and it fails.
    const raw = Uint8Array.from(atob(forged.split(' ').pop()!.trim()), (c) => c.charCodeAt(0));
    new DataView(raw.buffer).setUint32(0, 0xc74f20a3);
    const relabelled = `${f.text}\n— PeterNeumann ${btoa(String.fromCharCode(...raw))}\n`;
    expect(() => openNote(relabelled, [peter.vkey])).toThrow(NoteSignatureError);
  });
});
