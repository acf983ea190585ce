import { sha256 } from '@noble/hashes/sha2.js';
import { categoryIri, isPersonalDataCategory } from '../datasets/dpv.ts';
import { DomainError, ValidationError } from '../errors.ts';
import { toBase64, utf8 } from '../log/bytes.ts';
import { canonicalJson } from '../log/canonical-json.ts';
import { openNote, signNote, type NoteSignature, type NoteSigner, type NoteVerifier } from '../log/note.ts';
import type { NoticeDataset } from './notice.ts';
import { requesterOf } from './scope.ts';
import type { ConsentMethod, ConsentRecord, ConsentStatus, RecipientCategory } from './types.ts';
import { CONSENT_VOCABULARY_VERSION, DPV_NS, expandPurposeId, purposeById, RECIPIENT_CATEGORY_INFO } from './vocabulary.ts';

/**
 * A consent receipt (ISO/IEC TS 27560 fields, DPV terms) the member can keep: plain JSON, signed
 * by the collective's Ed25519 note key (C2SP signed-note) over the SHA-256 of the canonical JSON
 * of `record`, so anyone with the collective's verifier key can check it, in a browser too.
 */

/** First line of the signed text; it keeps a receipt signature from ever passing as a checkpoint. */
export const CONSENT_RECEIPT_HEADER = 'steward consent receipt v1';

const STATUS_IRI: Record<ConsentStatus, string> = {
  given: `${DPV_NS}ConsentGiven`,
  withdrawn: `${DPV_NS}ConsentWithdrawn`,
  refused: `${DPV_NS}ConsentRefused`,
};

export interface ConsentReceiptRecord {
  /** The consent record's id. */
  identifier: string;
  /** Order of the decision among the collective's records. */
  seq: number;
  /** The member's user id. */
  dataSubject: string;
  controller: { id: string; name: string; url?: string };
  purposes: Array<{ id: string; iri: string; label: string }>;
  /** DPV `pd:` IRIs of the data the datasets hold, sorted. */
  personalDataCategories: string[];
  datasets: Array<{ id: string; name: string; fields?: string[] }>;
  recipients: Array<{ category: RecipientCategory; label: string; requesterId?: string }>;
  legalBasis: { id: 'dpv:Consent'; iri: string };
  status: { id: ConsentStatus; iri: string };
  method: ConsentMethod;
  notice: { algorithm: 'sha-256'; digest: string };
  recordedAt: string;
  expiresAt: string | null;
  reviewAt: string | null;
  inReplyTo: string | null;
  /** Index of the record's entry in the collective's transparency log, when known. */
  logIndex?: number;
  vocabularyVersion: string;
}

export interface ConsentReceipt {
  v: 1;
  type: 'steward-consent-receipt';
  record: ConsentReceiptRecord;
  /** Signed note: header, origin, base64 SHA-256 of canonicalJson(record). */
  signature: string;
}

export interface CreateConsentReceiptInput {
  record: ConsentRecord;
  controller: { id: string; name: string; url?: string };
  /** At least the datasets the record's scope names. */
  datasets: readonly NoticeDataset[];
  logIndex?: number;
  /** The collective's note signer (or its `PRIVATE+KEY+…` text); its name should be `origin`. */
  signer: NoteSigner | string;
  /** The collective's log origin, which is also its key name. */
  origin: string;
}

function recordDigest(record: unknown): string {
  return toBase64(sha256(utf8(canonicalJson(record))));
}

function noteText(origin: string, digest: string): string {
  return `${CONSENT_RECEIPT_HEADER}\n${origin}\n${digest}\n`;
}

/** Builds and signs the receipt. Throws ValidationError if a scoped dataset is not described. */
export function createConsentReceipt(input: CreateConsentReceiptInput): ConsentReceipt {
  const { record } = input;
  if (input.origin === '' || /[\p{Cc}]/u.test(input.origin)) throw ValidationError.field('origin', 'must be one line of text');
  const infoById = new Map(input.datasets.map((d) => [d.id, d]));
  const categories = new Set<string>();
  const datasets = record.scope.datasets.map((d, i) => {
    const info = infoById.get(d.datasetId);
    if (!info) throw ValidationError.field(`record.scope.datasets.${i}.datasetId`, 'dataset not described');
    for (const c of info.categories) categories.add(isPersonalDataCategory(c) ? categoryIri(c) : c);
    return d.fields ? { id: d.datasetId, name: info.name, fields: [...d.fields] } : { id: d.datasetId, name: info.name };
  });
  const body: ConsentReceiptRecord = {
    identifier: record.id,
    seq: record.seq,
    dataSubject: record.memberId,
    controller: input.controller.url === undefined ? { id: input.controller.id, name: input.controller.name } : { ...input.controller },
    purposes: record.scope.purposes.map((id) => ({ id, iri: expandPurposeId(id), label: purposeById(id)?.label ?? id })),
    personalDataCategories: [...categories].sort(),
    datasets,
    recipients: record.scope.recipients.map((r) => {
      const requesterId = requesterOf(r);
      const label = RECIPIENT_CATEGORY_INFO[r.category]?.label ?? r.category;
      return requesterId === undefined ? { category: r.category, label } : { category: r.category, label, requesterId };
    }),
    legalBasis: { id: 'dpv:Consent', iri: `${DPV_NS}Consent` },
    status: { id: record.status, iri: STATUS_IRI[record.status] },
    method: record.method,
    notice: { algorithm: 'sha-256', digest: record.noticeDigest },
    recordedAt: record.recordedAt.toISOString(),
    expiresAt: record.expiresAt?.toISOString() ?? null,
    reviewAt: record.reviewAt?.toISOString() ?? null,
    inReplyTo: record.inReplyTo,
    ...(input.logIndex === undefined ? {} : { logIndex: input.logIndex }),
    vocabularyVersion: CONSENT_VOCABULARY_VERSION,
  };
  return { v: 1, type: 'steward-consent-receipt', record: body, signature: signNote(noteText(input.origin, recordDigest(body)), input.signer) };
}

export type ConsentReceiptFailure = 'malformed' | 'signature' | 'origin' | 'digest';

export type ConsentReceiptVerification =
  | { ok: true; record: ConsentReceiptRecord; origin: string; signatures: NoteSignature[] }
  | { ok: false; reason: ConsentReceiptFailure; message: string };

const fail = (reason: ConsentReceiptFailure, message: string): ConsentReceiptVerification => ({ ok: false, reason, message });

/**
 * Checks a receipt against the collective's verifier key(s): the note is signed by a trusted key
 * named like the origin it states, and its digest is that of the record as received. Never throws.
 */
export function verifyConsentReceipt(receipt: unknown, verifierKeys: string | NoteVerifier | ReadonlyArray<string | NoteVerifier>): ConsentReceiptVerification {
  if (typeof receipt !== 'object' || receipt === null) return fail('malformed', 'a receipt is a JSON object');
  const r = receipt as Record<string, unknown>;
  if (r.v !== 1 || r.type !== 'steward-consent-receipt') return fail('malformed', 'not a version 1 Steward consent receipt');
  if (typeof r.record !== 'object' || r.record === null || Array.isArray(r.record)) return fail('malformed', 'the record must be an object');
  if (typeof r.signature !== 'string') return fail('malformed', 'the signature must be signed note text');
  let digest: string;
  try {
    digest = recordDigest(r.record);
  } catch {
    return fail('malformed', 'the record is not plain JSON with integer numbers');
  }
  let text: string;
  let signatures: NoteSignature[];
  try {
    ({ text, signatures } = openNote(r.signature, verifierKeys));
  } catch (e) {
    return fail('signature', e instanceof DomainError ? e.message : 'the signature does not verify');
  }
  const lines = text.split('\n');
  if (lines.length !== 4 || lines[0] !== CONSENT_RECEIPT_HEADER || lines[3] !== '') return fail('malformed', 'the signed text is not a consent receipt');
  const origin = lines[1]!;
  const byCollective = signatures.filter((s) => s.name === origin);
  if (byCollective.length === 0) return fail('origin', `no trusted signature by ${JSON.stringify(origin)}`);
  if (lines[2] !== digest) return fail('digest', 'the record is not the one that was signed');
  return { ok: true, record: r.record as ConsentReceiptRecord, origin, signatures: byCollective };
}
