import { decideConsent, type BoundedAggregatePlan, type BoundedAggregateRows, type ConsentReason, type DataRecord, type DataUse, type GatedRecordReader, type Page, type Readers } from '@steward/core';
import type { Deps } from '../../context.ts';

/** Later than any record's time: in a snapshot, every record it holds counts (see below). */
const END_OF_TIME = new Date('9999-12-31T23:59:59.999Z');

/** What a use of data may see: how the gate decided, and the consenting members' records only. */
export interface ConsentedRecords {
  /** The instant the use is judged at (rule C2): consent recorded later does not apply to it. */
  at: Date;
  /** How many members the gate let in. */
  allowedMembers: number;
  /** Members left out, by reason (counts only: who consented is not the user's business). */
  excluded: Partial<Record<ConsentReason, number>>;
  /** Pages through the allowed members' records of the use's dataset; up to 10 000 a page. */
  page(request: { limit: number; cursor?: string | null }): Promise<Page<DataRecord>>;
  /**
   * The exact member-bounded aggregates of a private query over the allowed members' records
   * (rule P1 bounds, no noise yet: the caller adds it). The plan's dataset must be the use's.
   */
  aggregate(plan: BoundedAggregatePlan): Promise<BoundedAggregateRows>;
  /** The allowed members' ids, for code that aggregates per member (rule P1 bounds contributions per member). */
  members: readonly string[];
  /** Other readers, on the same snapshot. */
  read: Readers;
}

/**
 * THE path from a use of data (a query, an export to a requester, model training, a federated
 * round) to members' records: in one database snapshot it reads the consent records, asks the
 * consent gate (core, pure) which members' records the use may include, and hands `fn` a reader
 * of those members' records only (rules C1, G1, S1). A revocation committed before the snapshot
 * begins is seen by it, so it applies to the whole use (rule C2). An architecture test checks that
 * nothing else reads `gated` records.
 *
 * Callers authorise the use (grant, charter) before calling; this decides consent only.
 */
export async function withConsentedRecords<T>(
  deps: Deps,
  input: { collectiveId: string; use: Omit<DataUse, 'at'> },
  fn: (records: ConsentedRecords) => Promise<T>,
): Promise<T> {
  return deps.store.snapshot(async (read) => {
    const now = deps.clock.now();
    // Everything this snapshot holds was committed before it began, so every record in it counts,
    // even one stamped a moment "later" by another server's clock; expiry is judged no earlier than now.
    const visible = await read.consents.forUse(input.collectiveId, { datasetId: input.use.datasetId, purpose: input.use.purpose, at: END_OF_TIME });
    const latest = visible.reduce((t, r) => Math.max(t, r.recordedAt.getTime()), now.getTime());
    const at = new Date(latest);
    const candidates = [...new Set(visible.map((r) => r.memberId))];
    const result = decideConsent(visible, candidates, { ...input.use, at });
    const excluded: Partial<Record<ConsentReason, number>> = {};
    for (const d of result.decisions) if (!d.allowed) excluded[d.reason] = (excluded[d.reason] ?? 0) + 1;
    const gated: GatedRecordReader = read.gated;
    const members = result.allowed;
    return fn({
      at,
      allowedMembers: members.length,
      excluded,
      members,
      page: (request) => gated.scanForMembers(input.use.datasetId, members, { limit: request.limit, cursor: request.cursor ?? null }),
      aggregate: (plan) => {
        if (plan.datasetId !== input.use.datasetId) throw new Error('a use aggregates only the dataset it was allowed');
        return gated.aggregateBounded(plan, members);
      },
      read,
    });
  });
}
