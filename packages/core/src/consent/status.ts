import { scopeIncludes } from './scope.ts';
import type { ConsentRecord } from './types.ts';

/**
 * How to show each record of a member's history (C3: the history is kept, so the member needs to
 * see which records still matter). This is presentation only: the gate alone decides uses.
 */
export type ConsentRecordStatus = 'active' | 'superseded' | 'expired' | 'due_for_review' | 'withdrawn' | 'refused';

export interface RecordWithStatus {
  record: ConsentRecord;
  status: ConsentRecordStatus;
}

/**
 * The status of each record recorded at or before `at` (later ones are left out), in the order
 * given. `superseded` is approximate: a record is superseded when a single newer record of the
 * same member covers every cell it covers. A record overridden piecemeal by several newer ones
 * shows its own status although it may no longer decide any cell.
 */
export function consentRecordStatuses(history: readonly ConsentRecord[], at: Date): RecordWithStatus[] {
  const atMs = at.getTime();
  const visible = history.filter((r) => r.recordedAt.getTime() <= atMs);
  return visible.map((record) => {
    const superseded = visible.some((n) => n.memberId === record.memberId && n.seq > record.seq && scopeIncludes(n.scope, record.scope));
    return { record, status: superseded ? 'superseded' : ownStatus(record, atMs) };
  });
}

function ownStatus(record: ConsentRecord, atMs: number): ConsentRecordStatus {
  if (record.status === 'withdrawn') return 'withdrawn';
  if (record.status === 'refused') return 'refused';
  // Same fail-closed comparisons as the gate: an invalid date counts as passed.
  if (record.expiresAt !== null && !(record.expiresAt.getTime() > atMs)) return 'expired';
  if (record.reviewAt !== null && !(record.reviewAt.getTime() > atMs)) return 'due_for_review';
  return 'active';
}

/**
 * Records, of any members, whose review date has passed while they still give consent (given,
 * not expired, not superseded): the members to ask again. Sorted by member id, then seq.
 */
export function dueForReview(records: readonly ConsentRecord[], at: Date): ConsentRecord[] {
  const byMember = new Map<string, ConsentRecord[]>();
  for (const r of records) {
    const list = byMember.get(r.memberId);
    if (list) list.push(r);
    else byMember.set(r.memberId, [r]);
  }
  const out: ConsentRecord[] = [];
  for (const memberId of [...byMember.keys()].sort()) {
    const history = byMember.get(memberId)!.sort((a, b) => a.seq - b.seq);
    for (const { record, status } of consentRecordStatuses(history, at)) {
      if (status === 'due_for_review') out.push(record);
    }
  }
  return out;
}
