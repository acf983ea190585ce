import { createHmac } from 'node:crypto';
import type { LogEntryBody, Repositories } from '@steward/core';

/** What a use-case says happened; `actor` and `subject` are user ids, pseudonymised here. */
export interface LogEvent {
  type: string;
  actorUserId: string | 'system';
  subjectUserId?: string;
  refs?: Record<string, string>;
  counts?: Record<string, number>;
  digests?: Record<string, string>;
  /**
   * Pseudonymise `actor` and `subject` within this scope (a proposal id) instead of the whole
   * collective: a voter's entries on one proposal cannot be linked to their other entries.
   */
  scope?: string;
}

/**
 * A user's pseudonym in one collective's log: HMAC of the user id under the collective's secret
 * salt. Stable within the collective (a member can find their own entries), unlinkable across
 * collectives, and carries no personal data (rule T3).
 */
export function pseudonym(logSalt: string, userId: string): string {
  return 'p:' + createHmac('sha256', logSalt).update(userId).digest('base64url').slice(0, 22);
}

/**
 * A user's pseudonym within one scope of one collective (a proposal: ballots and delegations
 * counted on it). Distinct from their collective pseudonym and from their pseudonym in any other
 * scope, so ballots are not linkable across proposals or to the voter's other entries (rule T3).
 */
export function scopedPseudonym(logSalt: string, scope: string, userId: string): string {
  return 'v:' + createHmac('sha256', logSalt).update(`${scope}\n${userId}`).digest('base64url').slice(0, 22);
}

/**
 * Appends events to the collective's log inside the caller's transaction (rule T1): if the append
 * fails, the whole change fails with it.
 */
export async function appendLog(tx: Repositories, collectiveId: string, now: Date, events: LogEvent[]): Promise<number> {
  const salt = await tx.collectives.logSalt(collectiveId);
  const alias = (e: LogEvent, userId: string) => (e.scope === undefined ? pseudonym(salt, userId) : scopedPseudonym(salt, e.scope, userId));
  const entries: LogEntryBody[] = events.map((e) => ({
    v: 1,
    type: e.type,
    time: now.toISOString(),
    collective: collectiveId,
    actor: e.actorUserId === 'system' ? 'system' : alias(e, e.actorUserId),
    ...(e.subjectUserId ? { subject: alias(e, e.subjectUserId) } : {}),
    ...(e.refs ? { refs: e.refs } : {}),
    ...(e.counts ? { counts: e.counts } : {}),
    ...(e.digests ? { digests: e.digests } : {}),
  }));
  return tx.log.append(collectiveId, entries);
}
