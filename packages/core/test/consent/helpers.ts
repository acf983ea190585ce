import type { ConsentRecord, ConsentScope, Recipient } from '../../src/index.ts';

/** Fixed instants so tests never depend on the clock. */
export const T0 = new Date('2026-03-01T00:00:00Z');
export const at = (days: number): Date => new Date(T0.getTime() + days * 86_400_000);

export const DS = 'ds-trips';
export const ORG = '0b6f4c0e-3a57-4c39-9f0e-2d7d3c1f4a11';
export const OTHER_ORG = '7d0e2b7a-5c1f-4e8b-8a1d-9c4f1e2b3a44';

export function scope(over: Partial<ConsentScope> = {}): ConsentScope {
  return { datasets: [{ datasetId: DS }], purposes: ['dpv:AcademicResearch'], recipients: [{ category: 'academic' }], ...over };
}

let counter = 0;

/** A record with sensible defaults; `seq` orders decisions and must be given. */
export function rec(memberId: string, seq: number, over: Partial<ConsentRecord> = {}): ConsentRecord {
  counter++;
  return {
    id: `rec-${counter}`,
    seq,
    collectiveId: 'col',
    memberId,
    scope: scope(),
    status: 'given',
    legalBasis: 'dpv:Consent',
    method: 'web',
    noticeDigest: 'a'.repeat(64),
    recordedAt: at(seq),
    expiresAt: null,
    reviewAt: null,
    inReplyTo: null,
    ...over,
  };
}

export const academic: Recipient = { category: 'academic' };
export const named = (requesterId: string, category: Recipient['category'] = 'academic'): Recipient => ({ category, requesterId });
