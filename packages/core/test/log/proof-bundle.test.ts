import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  createReceipt,
  formatCheckpoint,
  generateSignerKey,
  proveRecord,
  receiptEntryText,
  signNote,
  toBase64,
  treeHash,
  verifyReceipt,
  type LogReceipt,
} from '../../src/index.ts';
import { b64, flip, MemoryLog } from './helpers.ts';

const origin = 'steward.example/log/coop-42';
const key = generateSignerKey(origin, new Uint8Array(32).fill(42));
const other = generateSignerKey(origin);

const entries = Array.from({ length: 13 }, (_, i) =>
  canonicalJson({ v: 1, type: 'member.joined', time: `2026-01-0${(i % 9) + 1}T00:00:00.000Z`, collective: 'coop-42', actor: `p:${i}` }),
);

async function setup() {
  const log = new MemoryLog();
  for (const e of entries) await log.append(new TextEncoder().encode(e));
  const root = await treeHash(log.size, log.read);
  const checkpoint = signNote(formatCheckpoint({ origin, size: log.size, root }), key.skey);
  const receipt = async (index: number): Promise<LogReceipt> =>
    createReceipt({ entry: entries[index]!, index, proof: await proveRecord(index, log.size, log.read), checkpoint });
  return { log, checkpoint, receipt };
}

describe('log/proof-bundle: member receipts', () => {
  it('verifies every entry of a log from its receipt, also after a JSON round trip', async () => {
    const { receipt } = await setup();
    for (let i = 0; i < entries.length; i++) {
      const r = JSON.parse(JSON.stringify(await receipt(i))) as LogReceipt;
      const result = verifyReceipt(r, key.vkey);
      expect(result.ok, `entry ${i}`).toBe(true);
      if (result.ok) {
        expect(result.index).toBe(i);
        expect(result.checkpoint.size).toBe(entries.length);
        expect(result.signatures[0]!.name).toBe(origin);
      }
      expect(receiptEntryText(r)).toBe(entries[i]);
    }
  });

  it('verifies byte entries given as base64', async () => {
    const { log, checkpoint } = await setup();
    const r = createReceipt({ entry: new TextEncoder().encode(entries[3]!), index: 3, proof: await proveRecord(3, log.size, log.read), checkpoint });
    expect('base64' in r.entry).toBe(true);
    expect(verifyReceipt(r, key.vkey).ok).toBe(true);
    expect(receiptEntryText(r)).toBe(entries[3]);
  });

  it('fails, saying why, on every kind of tampering', async () => {
    const { receipt, log } = await setup();
    const good = await receipt(5);
    const proof = good.proof.map(b64);
    const otherRoot = await treeHash(log.size - 1, log.read);
    const cases: Array<[string, unknown, string]> = [
      ['edited entry', { ...good, entry: { text: entries[5]!.replace('p:5', 'p:6') } }, 'inclusion'],
      ['another entry', { ...good, entry: { text: entries[6] } }, 'inclusion'],
      ['wrong index', { ...good, index: 4 }, 'inclusion'],
      ['index past the size', { ...good, index: entries.length }, 'inclusion'],
      ['flipped proof bit', { ...good, proof: flip(proof, 1).map(toBase64) }, 'inclusion'],
      ['truncated proof', { ...good, proof: good.proof.slice(0, -1) }, 'inclusion'],
      ['extended proof', { ...good, proof: [...good.proof, good.proof[0]] }, 'inclusion'],
      ['checkpoint signed by another key', { ...good, checkpoint: signNote(formatCheckpoint({ origin, size: log.size, root: otherRoot }), other.skey) }, 'signature'],
      ['checkpoint size edited', { ...good, checkpoint: good.checkpoint.replace(`\n${entries.length}\n`, `\n${entries.length + 1}\n`) }, 'signature'],
      ['checkpoint root swapped', { ...good, checkpoint: good.checkpoint.replace(/\n[A-Za-z0-9+/]{43}=\n/, `\n${toBase64(otherRoot)}\n`) }, 'signature'],
      ['unsigned checkpoint', { ...good, checkpoint: formatCheckpoint({ origin, size: log.size, root: otherRoot }) }, 'signature'],
      ['proof hash not 32 bytes', { ...good, proof: [...good.proof.slice(0, -1), 'AAAA'] }, 'malformed'],
      ['no entry', { ...good, entry: {} }, 'malformed'],
      ['negative index', { ...good, index: -1 }, 'malformed'],
      ['unknown version', { ...good, v: 2 }, 'malformed'],
      ['not an object', 'receipt', 'malformed'],
    ];
    for (const [why, r, reason] of cases) {
      const result = verifyReceipt(r, key.vkey);
      expect(result.ok, why).toBe(false);
      if (!result.ok) expect(result.reason, why).toBe(reason);
    }
  });

  it('refuses a checkpoint whose origin is not the name of the key that signed it', async () => {
    const { log } = await setup();
    const root = await treeHash(log.size, log.read);
    const note = signNote(formatCheckpoint({ origin: 'steward.example/log/elsewhere', size: log.size, root }), key.skey);
    const r = createReceipt({ entry: entries[0]!, index: 0, proof: await proveRecord(0, log.size, log.read), checkpoint: note });
    const result = verifyReceipt(r, key.vkey);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe('origin');
  });
});
