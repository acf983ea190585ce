import { consentRecordStatuses, decideConsent, dueForReview, PURPOSES, RECIPIENT_CATEGORIES, requesterOf, scopeFields, type ConsentRecord, type Recipient } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { consentRecordView } from './context.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * The member's consent as it stands now, cell by cell (dataset × purpose × recipient), decided by
 * the same gate every use goes through, with their whole history and what is due for review.
 */
export async function myConsent(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'consent.own.manage');
  const at = deps.clock.now();
  const [history, datasets] = await Promise.all([deps.store.read.consents.historyForMember(collective.id, actor.userId), deps.store.read.datasets.list(collective.id)]);
  const byId = new Map(history.map((r) => [r.id, r]));
  const cell = (datasetId: string, purpose: string, recipient: Recipient) => {
    const d = decideConsent(history, [actor.userId], { datasetId, purpose, recipient, at }).decisions[0]!;
    const record: ConsentRecord | undefined = d.recordId ? byId.get(d.recordId) : undefined;
    const fields = record ? scopeFields(record.scope, datasetId) : undefined;
    return {
      datasetId,
      purpose,
      category: recipient.category,
      allowed: d.allowed,
      reason: d.reason,
      recordId: d.recordId,
      fields: fields ? [...fields].sort() : null,
      expiresAt: iso(record?.expiresAt),
      reviewAt: iso(record?.reviewAt),
    };
  };
  const cells = datasets.flatMap((ds) => PURPOSES.flatMap((p) => RECIPIENT_CATEGORIES.map((category) => cell(ds.id, p.id, { category }))));
  // Named requesters the member has decided about, each in the category it was named under.
  const named = new Map<string, Recipient>();
  for (const r of history) for (const rec of r.scope.recipients) if (requesterOf(rec) !== undefined) named.set(`${rec.category}|${requesterOf(rec)}`, rec);
  const namedCells = [...named.values()].flatMap((rec) =>
    datasets.flatMap((ds) => PURPOSES.map((p) => ({ ...cell(ds.id, p.id, rec), requesterId: requesterOf(rec)! }))),
  );
  const states = new Map(consentRecordStatuses(history, at).map((s) => [s.record.id, s.status]));
  return {
    at: at.toISOString(),
    cells,
    named: namedCells.filter((c) => c.recordId !== null),
    history: [...history].reverse().map((r) => consentRecordView(r, states.get(r.id))),
    dueForReview: dueForReview(history, at).map((r) => r.id),
  };
}
