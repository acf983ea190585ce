import { verifyConsentReceipt } from '@steward/core';
import type { ConsentReceipt } from './model.ts';

/**
 * Checks a consent receipt in the browser with core's verifier: the collective's log key signed
 * it, and the record is byte for byte the one that was signed. Loaded on demand (its Ed25519 and
 * SHA-256 code is a separate chunk, shared with the log's verifiers).
 */

export type ReceiptVerdict = { ok: true; detail: string } | { ok: false; reason: string };

const REASONS: Record<string, string> = {
  malformed: 'It is not a complete Steward consent receipt.',
  signature: 'The signature does not check out with the collective’s key: the receipt was changed, or signed by someone else.',
  origin: 'It is signed, but not by this collective’s log.',
  digest: 'The record in it is not the one that was signed: something in it was changed.',
};

export function checkConsentReceipt(receipt: ConsentReceipt, verifierKeys: readonly string[], recordId: string): ReceiptVerdict {
  const result = verifyConsentReceipt(receipt, verifierKeys);
  if (!result.ok) return { ok: false, reason: `${REASONS[result.reason] ?? 'It does not check out.'} (${result.message})` };
  if (result.record.identifier !== recordId) return { ok: false, reason: 'The receipt is valid, but for another decision than this one.' };
  const key = result.signatures.map((s) => s.name).join(', ');
  return { ok: true, detail: `Signed by ${key}, and the record in it is exactly what was signed.` };
}
