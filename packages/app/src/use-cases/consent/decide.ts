import { createHash, randomUUID } from 'node:crypto';
import { CONSENT_VOCABULARY_VERSION, ValidationError, prepareDecision, type Collective, type ConsentMethod, type ConsentRecord, type Decision, type DecisionInput, type Readers, type Repositories } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog } from '../../log/append.ts';
import { consentDatasets, consentRecordView, methodOf } from './context.ts';

async function prepare(deps: Deps, read: Pick<Readers, 'datasets'>, collective: Collective, decision: DecisionInput) {
  const datasets = await consentDatasets(read, collective);
  return prepareDecision(decision, { now: deps.clock.now(), collectiveName: collective.name, datasets });
}

/** The notice a member reads before a decision, and its digest to send back when deciding. */
export async function consentNoticeFor(deps: Deps, input: { actor: Actor | null; slug: string; decision: DecisionInput }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'consent.own.manage');
  const prepared = await prepare(deps, deps.store.read, collective, input.decision);
  return { ...prepared.notice, vocabularyVersion: CONSENT_VOCABULARY_VERSION };
}

/** Digest of a scope for the log: which datasets, purposes and recipients, without saying them (T3). */
function scopeDigest(scope: unknown): string {
  return createHash('sha256').update(JSON.stringify(scope)).digest('hex');
}

/**
 * Records a member's decision: each change becomes a new, immutable consent record with its own
 * log entry, in one transaction (rules C3, T1). The notice digest the member sends must be the
 * digest of the notice the server builds for this very decision, so each record proves what the
 * member was told. Once this commits, every use that starts later sees it (rule C2).
 */
export async function recordConsent(
  deps: Deps,
  input: { actor: Actor | null; slug: string; decision: DecisionInput; noticeDigest: string; method?: 'cli' },
) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'consent.own.manage');
  const prepared = await prepare(deps, deps.store.read, collective, input.decision);
  if (input.noticeDigest !== prepared.notice.digest) {
    throw ValidationError.field('noticeDigest', 'the notice changed or does not match this decision; show the current notice and decide again');
  }
  const now = deps.clock.now();
  const method = methodOf(actor, input.method);
  return deps.store.transact(async (tx) => {
    const { records, logIndexes } = await appendDecision(tx, { collectiveId: collective.id, actorUserId: actor.userId, memberId: actor.userId, decision: prepared, method, now });
    return { records: records.map((r) => consentRecordView(r)), logIndexes };
  });
}

/**
 * Writes a prepared decision for a member inside the caller's transaction: one record and one log
 * entry per change (rules C3, T1). Shared by deciding and by leaving the collective.
 */
export async function appendDecision(
  tx: Repositories,
  input: { collectiveId: string; actorUserId: string; memberId: string; decision: Decision; method: ConsentMethod; now: Date },
): Promise<{ records: ConsentRecord[]; logIndexes: number[] }> {
  const records = await tx.consents.append(
    input.decision.changes.map((c) => ({
      id: randomUUID(),
      collectiveId: input.collectiveId,
      memberId: input.memberId,
      scope: c.scope,
      status: c.status,
      legalBasis: 'dpv:Consent' as const,
      method: input.method,
      noticeDigest: input.decision.notice.digest,
      recordedAt: input.now,
      expiresAt: c.expiresAt,
      reviewAt: c.reviewAt,
      inReplyTo: null,
    })),
  );
  const first = await appendLog(
    tx,
    input.collectiveId,
    input.now,
    records.map((r) => ({
      type: 'consent.recorded',
      actorUserId: input.actorUserId,
      subjectUserId: r.memberId,
      refs: { consent: r.id, status: r.status },
      counts: { datasets: r.scope.datasets.length, purposes: r.scope.purposes.length, recipients: r.scope.recipients.length },
      digests: { notice: r.noticeDigest, scope: scopeDigest(r.scope) },
    })),
  );
  return { records, logIndexes: records.map((_, i) => first + i) };
}

/** Everything withdrawn, for a member who leaves (their consent must not outlive their membership). */
export async function withdrawAllOnLeave(deps: Deps, tx: Repositories, input: { collective: Collective; memberId: string; method: ConsentMethod; now: Date }) {
  const history = await tx.consents.historyForMember(input.collective.id, input.memberId);
  if (history.length === 0) return;
  const decision = await prepare(deps, tx, input.collective, { preset: 'nothing' });
  await appendDecision(tx, { collectiveId: input.collective.id, actorUserId: input.memberId, memberId: input.memberId, decision, method: input.method, now: input.now });
}
