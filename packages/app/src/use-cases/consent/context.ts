import type { Collective, ConsentRecord, ConsentRecordStatus, Dataset, Readers } from '@steward/core';
import type { Actor } from '../../context.ts';

/** What consent notices, validation and receipts need to know about the collective's datasets. */
export interface ConsentDatasetInfo {
  id: string;
  slug: string;
  name: string;
  description: string;
  categories: string[];
  fields: string[];
  fieldInfo: Array<{ name: string; category: string; description: string }>;
}

export function consentDatasetInfo(d: Dataset): ConsentDatasetInfo {
  return {
    id: d.id,
    slug: d.slug,
    name: d.name,
    description: d.description,
    categories: [...new Set(d.schema.fields.map((f) => f.category))].sort(),
    fields: d.schema.fields.map((f) => f.name),
    fieldInfo: d.schema.fields.map((f) => ({ name: f.name, category: f.category, description: f.description })),
  };
}

export async function consentDatasets(read: Pick<Readers, 'datasets'>, collective: Collective): Promise<ConsentDatasetInfo[]> {
  return (await read.datasets.list(collective.id)).map(consentDatasetInfo);
}

/** How the decision reached us (27560 "method"): the web app uses a session, programs a token. */
export function methodOf(actor: Actor, override?: 'cli'): 'web' | 'api' | 'cli' {
  return override ?? (actor.via === 'session' ? 'web' : 'api');
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A record as the member sees it; `state` defaults to what the record says on its own (a new record is active). */
export const consentRecordView = (r: ConsentRecord, state: ConsentRecordStatus = r.status === 'given' ? 'active' : r.status) => ({
  id: r.id,
  seq: r.seq,
  scope: r.scope,
  status: r.status,
  state,
  legalBasis: r.legalBasis,
  method: r.method,
  noticeDigest: r.noticeDigest,
  recordedAt: r.recordedAt.toISOString(),
  expiresAt: iso(r.expiresAt),
  reviewAt: iso(r.reviewAt),
  inReplyTo: r.inReplyTo,
});
