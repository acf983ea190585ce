import { createConsentReceipt, NotFoundError } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { pseudonym } from '../../log/append.ts';
import { consentDatasets } from './context.ts';

/**
 * A signed consent receipt for one of the member's own records (ISO/IEC TS 27560 fields), signed
 * with the collective's log key so anyone holding the published key can check it, and pointing at
 * the record's transparency-log entry.
 */
export async function consentReceipt(deps: Deps, input: { actor: Actor | null; slug: string; recordId: string }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'consent.own.manage');
  const record = await deps.store.read.consents.byId(collective.id, input.recordId);
  // Someone else's record is "not found" too: its existence is not the caller's business.
  if (!record || record.memberId !== actor.userId) throw new NotFoundError('consent_record', 'No such consent record of yours.');
  const key = await deps.keys.current(collective.id);
  if (!key) throw new NotFoundError('log_key', 'This collective has no signing key yet.');
  const subject = pseudonym(await deps.store.read.collectives.logSalt(collective.id), actor.userId);
  const entries = await deps.store.read.log.listBySubject(collective.id, subject, 100_000);
  const entry = entries.find((e) => {
    const body = JSON.parse(e.body) as { type?: string; refs?: Record<string, string> };
    return body.type === 'consent.recorded' && body.refs?.consent === record.id;
  });
  return createConsentReceipt({
    record,
    controller: { id: collective.id, name: collective.name },
    datasets: await consentDatasets(deps.store.read, collective),
    ...(entry ? { logIndex: entry.index } : {}),
    signer: key.skey,
    origin: key.name,
  });
}
