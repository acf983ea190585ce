import { leafHash, openNote, parseCheckpoint, toBase64, verifyReceipt, type NoteSignature } from '@steward/core';
import { formatCount } from './format.ts';
import { toLogReceipt } from './transparency.ts';
import type { LogCheckpoint, LogEntry, Receipt } from './types.ts';

/**
 * Checks the log's proofs in the browser with the pure verifiers of @steward/core, so nobody has
 * to take the server's word for them. Loaded on demand (see verifier.ts): the Ed25519 and
 * SHA-256 code is only fetched by pages that verify something.
 */

export type StepStatus = 'pass' | 'fail' | 'skip';

/** One thing that was checked, in words, with what was found. */
export interface Step {
  id: string;
  label: string;
  status: StepStatus;
  detail: string;
}

export interface CheckpointFacts {
  origin: string;
  size: number;
  rootHash: string;
  /** `name+hash` of the key whose signature verified. */
  signedBy: string;
}

export type CheckpointCheck = { ok: true; facts: CheckpointFacts } | { ok: false; reason: string; detail: string };

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const keyId = (s: NoteSignature) => `${s.name}+${hex8(s.keyHash)}`;
/** The first characters of a hash, enough to compare by eye. */
const start = (s: string) => s.slice(0, 12);

function codeOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** Plain words for why a signed note did not open. */
function noteProblem(e: unknown): string {
  switch (codeOf(e)) {
    case 'note_signature_invalid':
      return 'The signature does not match: the checkpoint was changed after it was signed, or signed with another key.';
    case 'note_unverified':
      return 'The checkpoint is not signed by this log’s key.';
    case 'note_key_invalid':
      return 'The verifier key cannot be used.';
    case 'note_malformed':
      return 'The checkpoint is damaged: it is not a well-formed signed note.';
    default:
      return 'The signature could not be checked.';
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The latest checkpoint: its signature checked with the verifier keys, its text parsed, and the
 * server's summary of it (origin, size, root) compared with what was actually signed.
 */
export function checkCheckpoint(checkpoint: LogCheckpoint, verifierKeys: readonly string[], origin: string): CheckpointCheck {
  let text: string;
  let signatures: NoteSignature[];
  try {
    ({ text, signatures } = openNote(checkpoint.note, verifierKeys));
  } catch (e) {
    return { ok: false, reason: noteProblem(e), detail: messageOf(e) };
  }
  let parsed;
  try {
    parsed = parseCheckpoint(text);
  } catch (e) {
    return { ok: false, reason: 'The signed text is not a valid checkpoint.', detail: messageOf(e) };
  }
  const byLog = signatures.find((s) => s.name === parsed.origin);
  if (!byLog) return { ok: false, reason: 'The checkpoint is signed, but not by the log it names.', detail: `origin ${parsed.origin}` };
  const rootHash = toBase64(parsed.root);
  if (parsed.origin !== origin || parsed.size !== checkpoint.size || rootHash !== checkpoint.rootHash || parsed.origin !== checkpoint.origin) {
    return {
      ok: false,
      reason: 'The server’s summary does not match what was signed.',
      detail: `signed: ${parsed.origin}, ${parsed.size} entries, ${rootHash}; summary: ${checkpoint.origin}, ${checkpoint.size} entries, ${checkpoint.rootHash}`,
    };
  }
  return { ok: true, facts: { origin: parsed.origin, size: parsed.size, rootHash, signedBy: keyId(byLog) } };
}

export interface ReceiptCheck {
  ok: boolean;
  steps: Step[];
}

/** The signed checkpoint of a receipt and who signed it, when the signature checks out; for the words. */
function receiptCheckpoint(note: string, keys: readonly string[]) {
  try {
    const opened = openNote(note, keys);
    return { signedBy: opened.signatures.map(keyId), checkpoint: parseCheckpoint(opened.text) };
  } catch {
    return undefined;
  }
}

/**
 * A member's receipt, checked with verifyReceipt: the checkpoint's signature, the checkpoint
 * itself, the entry's leaf hash recomputed from its exact text, and the inclusion proof from that
 * leaf to the signed root. Also that the receipt is for the entry the page showed.
 */
export function checkReceipt(receipt: Receipt, verifierKeys: readonly string[], shown: LogEntry): ReceiptCheck {
  const result = verifyReceipt(toLogReceipt(receipt), verifierKeys);
  const steps: Step[] = [];
  const status = (passed: boolean): StepStatus => (passed ? 'pass' : 'fail');

  if (!result.ok && result.reason === 'malformed') {
    steps.push({ id: 'format', label: 'The receipt is complete', status: 'fail', detail: `It is not a receipt that can be checked: ${result.message}.` });
  }
  const failed = result.ok ? undefined : result.reason;
  const opened = receiptCheckpoint(receipt.checkpoint, verifierKeys);
  const cp = result.ok ? result.checkpoint : opened?.checkpoint;
  const signedBy = result.ok ? result.signatures.map(keyId) : (opened?.signedBy ?? []);
  const reached = (after: 'signature' | 'checkpoint' | 'origin') => {
    const order = ['malformed', 'signature', 'checkpoint', 'origin', 'inclusion'];
    return failed === undefined || order.indexOf(failed) > order.indexOf(after);
  };

  steps.push({
    id: 'signature',
    label: 'Signed by the collective’s log key',
    status: failed === 'malformed' ? 'skip' : status(failed !== 'signature' && failed !== 'origin'),
    detail: result.ok
      ? `The signature by ${signedBy.join(', ')} was checked here with the verifier key.`
      : failed === 'signature'
        ? `The signature does not check out: ${result.message}.`
        : failed === 'origin'
          ? 'The checkpoint is signed, but not by the log it names.'
          : failed === 'malformed'
            ? 'Not checked.'
            : `The signature by ${signedBy.join(', ') || 'the log'} was checked here with the verifier key.`,
  });
  steps.push({
    id: 'checkpoint',
    label: 'The signed checkpoint reads correctly',
    status: !reached('signature') ? 'skip' : status(failed !== 'checkpoint'),
    detail: failed === 'checkpoint' ? `It does not: ${result.ok ? '' : result.message}.` : cp ? `When it was signed the log had ${formatCount(cp.size)} entries; its fingerprint starts with ${start(toBase64(cp.root))}.` : 'Not checked.',
  });

  const leaf = toBase64(leafHash(new TextEncoder().encode(receipt.entry.text)));
  const leafMatches = leaf === receipt.leafHash;
  steps.push({
    id: 'leaf',
    label: 'The entry’s fingerprint was recomputed',
    status: status(leafMatches),
    detail: leafMatches
      ? `SHA-256 of the entry’s exact text starts with ${start(leaf)}, as the server says.`
      : `SHA-256 of the entry’s exact text starts with ${start(leaf)}, but the server says ${start(receipt.leafHash)}.`,
  });
  steps.push({
    id: 'inclusion',
    label: 'The entry is in the signed log',
    status: !reached('origin') ? 'skip' : status(failed !== 'inclusion'),
    detail:
      failed === 'inclusion'
        ? `The proof does not lead from this entry to the signed fingerprint: the entry or the proof was changed.`
        : reached('origin')
          ? `A proof of ${receipt.proof.length} ${receipt.proof.length === 1 ? 'hash' : 'hashes'} leads from entry #${receipt.index} to the signed fingerprint.`
          : 'Not checked.',
  });
  const same = receipt.index === shown.index && receipt.entry.text === shown.body;
  steps.push({
    id: 'same',
    label: 'The receipt is for the entry shown',
    status: status(same),
    detail: same ? `Same index (#${shown.index}) and the same text, byte for byte.` : `The receipt is for different content than entry #${shown.index} as listed.`,
  });
  return { ok: result.ok && leafMatches && same, steps };
}
