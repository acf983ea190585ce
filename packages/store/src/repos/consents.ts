import type { ConsentMethod, ConsentReader, ConsentRecord, ConsentRepository, ConsentScope, ConsentStatus } from '@steward/core';
import { sql, type Selectable } from 'kysely';
import type { ConsentRecordsTable } from '../db/schema.ts';
import { isUuid, toNumber, type Db } from './support.ts';

/** Rows per INSERT in `append`; all rows of a chunk travel as one JSON parameter. */
const APPEND_CHUNK = 5000;

// Namespace (first key) of the two-key advisory locks that order one member's decisions; the
// migration lock uses the one-key space, which never overlaps the two-key one.
const MEMBER_LOCK_SPACE = 27_560;

const COLUMNS = [
  'id',
  'seq',
  'collective_id',
  'member_id',
  'status',
  'legal_basis',
  'method',
  'notice_digest',
  'recorded_at',
  'expires_at',
  'review_at',
  'in_reply_to',
  'scope',
] as const;

type ConsentRow = Pick<Selectable<ConsentRecordsTable>, (typeof COLUMNS)[number]>;

const toConsent = (r: ConsentRow): ConsentRecord => ({
  id: r.id,
  seq: toNumber(r.seq),
  collectiveId: r.collective_id,
  memberId: r.member_id,
  scope: r.scope as ConsentScope,
  status: r.status as ConsentStatus,
  legalBasis: r.legal_basis as ConsentRecord['legalBasis'],
  method: r.method as ConsentMethod,
  noticeDigest: r.notice_digest,
  recordedAt: r.recorded_at,
  expiresAt: r.expires_at,
  reviewAt: r.review_at,
  inReplyTo: r.in_reply_to,
});

export function consentReader(db: Db): ConsentReader {
  const inCollective = (collectiveId: string) => db.selectFrom('consent_records').select(COLUMNS).where('collective_id', '=', collectiveId);
  return {
    async byId(collectiveId, id) {
      if (!isUuid(collectiveId) || !isUuid(id)) return undefined;
      const r = await inCollective(collectiveId).where('id', '=', id).executeTakeFirst();
      return r ? toConsent(r) : undefined;
    },
    async historyForMember(collectiveId, memberId) {
      if (!isUuid(collectiveId) || !isUuid(memberId)) return [];
      const rows = await inCollective(collectiveId).where('member_id', '=', memberId).orderBy('seq').execute();
      return rows.map(toConsent);
    },
    async forUse(collectiveId, use) {
      if (!isUuid(collectiveId)) return [];
      const rows = await inCollective(collectiveId)
        .where('recorded_at', '<=', use.at)
        .where(sql<boolean>`dataset_ids @> array[${use.datasetId}]::text[]`)
        .where(sql<boolean>`purposes @> array[${use.purpose}]::text[]`)
        .orderBy('seq')
        .execute();
      return rows.map(toConsent);
    },
    async listForCollective(collectiveId, at) {
      if (!isUuid(collectiveId)) return [];
      const rows = await inCollective(collectiveId).where('recorded_at', '<=', at).orderBy('seq').execute();
      return rows.map(toConsent);
    },
  };
}

export function consentRepository(db: Db): ConsentRepository {
  return {
    ...consentReader(db),
    async append(records) {
      if (records.length === 0) return [];
      // A member's decisions must be numbered in the order they commit, or a decision numbered
      // earlier but committed later would lose to one it came after (rules C2, C3). The identity
      // hands out numbers at insert time, so appends for the same member queue on a lock held
      // until the transaction ends. Each append takes its locks in key order, so two transactions
      // that append once each never deadlock on them.
      const members = [...new Set(records.map((r) => `${r.collectiveId}/${r.memberId}`))];
      await sql`
        select pg_advisory_xact_lock(${MEMBER_LOCK_SPACE}, k)
        from (select distinct hashtext(m) as k from json_array_elements_text(${JSON.stringify(members)}::json) as m order by k) as keys`.execute(db);

      const stored: ConsentRecord[] = [];
      for (let i = 0; i < records.length; i += APPEND_CHUNK) {
        const rows = records.slice(i, i + APPEND_CHUNK).map((r, k) => ({
          ord: k,
          id: r.id,
          collective_id: r.collectiveId,
          member_id: r.memberId,
          status: r.status,
          legal_basis: r.legalBasis,
          method: r.method,
          notice_digest: r.noticeDigest,
          recorded_at: r.recordedAt.toISOString(),
          expires_at: r.expiresAt?.toISOString() ?? null,
          review_at: r.reviewAt?.toISOString() ?? null,
          in_reply_to: r.inReplyTo,
          scope: r.scope,
        }));
        // Rows are inserted in `ord` order, so the identity numbers them as given.
        const result = await sql<ConsentRow>`
          insert into consent_records (
            id, collective_id, member_id, status, legal_basis, method, notice_digest,
            recorded_at, expires_at, review_at, in_reply_to, scope, dataset_ids, purposes
          )
          select id, collective_id, member_id, status, legal_basis, method, notice_digest,
            recorded_at, expires_at, review_at, in_reply_to, scope,
            array(select d ->> 'datasetId' from jsonb_array_elements(scope -> 'datasets') as d),
            array(select p from jsonb_array_elements_text(scope -> 'purposes') as p)
          from json_to_recordset(${JSON.stringify(rows)}::json) as x(
            ord integer, id uuid, collective_id uuid, member_id uuid, status text, legal_basis text,
            method text, notice_digest text, recorded_at timestamptz, expires_at timestamptz,
            review_at timestamptz, in_reply_to text, scope jsonb
          )
          order by ord
          returning ${sql.join(COLUMNS.map((c) => sql.ref(c)))}`.execute(db);
        const byId = new Map(result.rows.map((r) => [r.id, toConsent(r)]));
        for (const r of rows) stored.push(byId.get(r.id)!);
      }
      for (let k = 1; k < stored.length; k++) {
        if (stored[k]!.seq <= stored[k - 1]!.seq) throw new Error('consent records were numbered out of order');
      }
      return stored;
    },
  };
}

/**
 * Lets the current transaction delete consent records, and only it: the append-only trigger
 * (migration 0004) passes a DELETE when `steward.allow_consent_erasure` holds the transaction's
 * own id. For member erasure only (rule D2), which must log the erasure in the same transaction
 * (rule T1); nothing else may rewrite consent history (rule C3). UPDATE stays refused.
 */
export async function allowConsentErasure(tx: Db): Promise<void> {
  await sql`select set_config('steward.allow_consent_erasure', txid_current()::text, true)`.execute(tx);
}
