import {
  ValidationError,
  type DataRecord,
  type GatedRecordReader,
  type NewRecord,
  type PageRequest,
  type RecordData,
  type RecordReader,
  type RecordRepository,
} from '@steward/core';
import { sql, type Selectable } from 'kysely';
import type { RecordsTable } from '../db/schema.ts';
import { aggregateBounded } from './aggregate.ts';
import { cursorDate, cursorId, decodeCursor, encodeCursor, isUuid, pageLimit, splitPage, toNumber, type Db } from './support.ts';

/**
 * Rows per INSERT in `insertMany`. All rows travel as one JSON parameter (json_to_recordset),
 * so there is no 65535-parameter limit to respect; the chunk only bounds message size and memory.
 */
export const INSERT_CHUNK = 5000;

async function countsBy(q: Promise<Array<{ dataset_id: string; n: string | number | bigint }>>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of await q) out[r.dataset_id] = toNumber(r.n);
  return out;
}

/** Largest page of `pageForMember` and `scanForMembers`, which read much data in few round trips. */
export const MAX_BATCH = 10_000;

/** The batch size asked for, checked (1 to MAX_BATCH). */
function batchLimit(page: PageRequest): number {
  const limit = page.limit;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_BATCH) throw ValidationError.field('limit', `must be a whole number from 1 to ${MAX_BATCH}`);
  return limit;
}

const toRecord = (r: Selectable<RecordsTable>): DataRecord => ({
  id: r.id,
  collectiveId: r.collective_id,
  datasetId: r.dataset_id,
  memberId: r.member_id,
  data: r.data as RecordData,
  occurredAt: r.occurred_at,
  source: r.source,
  importId: r.import_id,
  createdAt: r.created_at,
});

/** The keyset of a record in a member's list: its time (null last) and id. */
const cursorOf = (r: DataRecord): Array<string | null> => [r.occurredAt?.toISOString() ?? null, r.id];

/**
 * One page of a member's records in a dataset after the keyset `after`: newest first, records
 * without a time last, id breaking ties, the order of the index records_member_time_idx.
 */
async function memberPage(db: Db, datasetId: string, memberId: string, limit: number, after: Array<string | null> | null): Promise<{ items: DataRecord[]; more: boolean }> {
  // The timed and untimed parts are read separately so that each keyset condition is an index
  // condition (an OR of both would be a filter, and deep pages would cost as much as OFFSET).
  const mine = db.selectFrom('records').selectAll().where('dataset_id', '=', datasetId).where('member_id', '=', memberId);
  const afterId = after ? cursorId(after[1] ?? null) : null;
  let rows: Array<Selectable<RecordsTable>> = [];
  if (!after || after[0] !== null) {
    let timed = mine.where('occurred_at', 'is not', null).orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit + 1);
    if (after) {
      const at = cursorDate(after[0] ?? null);
      timed = timed.where((eb) => eb(eb.refTuple('occurred_at', 'id'), '<', eb.tuple(at, afterId!)));
    }
    rows = await timed.execute();
  }
  if (rows.length <= limit) {
    let untimed = mine.where('occurred_at', 'is', null).orderBy('id', 'desc').limit(limit + 1 - rows.length);
    if (after && after[0] === null) untimed = untimed.where('id', '<', afterId!);
    rows = rows.concat(await untimed.execute());
  }
  const { items, more } = splitPage(rows, limit);
  return { items: items.map(toRecord), more };
}

export function recordReader(db: Db): RecordReader {
  return {
    async countByDataset(collectiveId) {
      if (!isUuid(collectiveId)) return {};
      return countsBy(
        db
          .selectFrom('records')
          .select(['dataset_id', (eb) => eb.fn.countAll<string | number>().as('n')])
          .where('collective_id', '=', collectiveId)
          .groupBy('dataset_id')
          .execute(),
      );
    },
    async countForMember(collectiveId, memberId) {
      if (!isUuid(collectiveId) || !isUuid(memberId)) return {};
      return countsBy(
        db
          .selectFrom('records')
          .select(['dataset_id', (eb) => eb.fn.countAll<string | number>().as('n')])
          .where('collective_id', '=', collectiveId)
          .where('member_id', '=', memberId)
          .groupBy('dataset_id')
          .execute(),
      );
    },
    async listForMember(datasetId, memberId, page) {
      const limit = pageLimit(page);
      const after = page.cursor ? decodeCursor(page.cursor, 2) : null;
      if (!isUuid(datasetId) || !isUuid(memberId)) return { items: [], next: null };
      const { items, more } = await memberPage(db, datasetId, memberId, limit, after);
      const last = items.at(-1);
      return { items, next: more && last ? encodeCursor(cursorOf(last)) : null };
    },
    async pageForMember(collectiveId, memberId, page) {
      const limit = batchLimit(page);
      // The cursor is [dataset id, time, record id]; a null record id means "from the dataset's start".
      const after = page.cursor ? decodeCursor(page.cursor, 3) : null;
      if (!isUuid(collectiveId) || !isUuid(memberId)) return { items: [], next: null };
      const wanted = page.datasetIds?.filter(isUuid);
      if (wanted && wanted.length === 0) return { items: [], next: null };
      let datasets = db.selectFrom('datasets').select('id').where('collective_id', '=', collectiveId);
      if (wanted) datasets = datasets.where('id', 'in', wanted);
      // The order of datasets.list: by declaration, slug breaking ties.
      const ids = (await datasets.orderBy('created_at').orderBy('slug').execute()).map((d) => d.id);
      let first = 0;
      if (after) {
        first = ids.indexOf(after[0] ?? '');
        if (first < 0) throw ValidationError.field('cursor', 'is not a cursor this list gave out');
      }
      const items: DataRecord[] = [];
      for (let i = first; i < ids.length; i++) {
        const room = limit - items.length;
        if (room === 0) return { items, next: encodeCursor([ids[i]!, null, null]) };
        const keyset = i === first && after && after[2] !== null ? [after[1] ?? null, after[2] ?? null] : null;
        const { items: got, more } = await memberPage(db, ids[i]!, memberId, room, keyset);
        items.push(...got);
        if (more) return { items, next: encodeCursor([ids[i]!, ...cursorOf(got.at(-1)!)]) };
      }
      return { items, next: null };
    },
    async countContributors(collectiveId) {
      if (!isUuid(collectiveId)) return 0;
      const r = await db
        .selectFrom('records')
        .select((eb) => eb.fn.count<string | number>('member_id').distinct().as('n'))
        .where('collective_id', '=', collectiveId)
        .executeTakeFirstOrThrow();
      return toNumber(r.n);
    },
  };
}

/**
 * Many members' records of one dataset, for the consent gate's path only (rules C1, S1): the
 * caller passes the members the gate allowed. Handed out only inside `Store.snapshot`, so the
 * records are read as of the same moment as the consents that allowed them (rule C2).
 */
export function gatedRecordReader(db: Db): GatedRecordReader {
  return {
    async scanForMembers(datasetId, memberIds, page) {
      const limit = batchLimit(page);
      // The cursor is the (member id, record id) of the last record returned.
      const after = page.cursor ? decodeCursor(page.cursor, 2) : null;
      const afterMember = after ? cursorId(after[0] ?? null).toLowerCase() : null;
      const afterId = after ? cursorId(after[1] ?? null) : null;
      // Ids are checked, so the array literal below holds nothing but uuids.
      let members = [...new Set(memberIds.filter(isUuid).map((m) => m.toLowerCase()))].sort();
      if (afterMember) members = members.filter((m) => m >= afterMember);
      if (!isUuid(datasetId) || members.length === 0) return { items: [], next: null };
      let q = db
        .selectFrom('records')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .where(sql<boolean>`member_id = any(${`{${members.join(',')}}`}::uuid[])`);
      if (afterMember) q = q.where((eb) => eb(eb.refTuple('member_id', 'id'), '>', eb.tuple(afterMember, afterId!)));
      const rows = await q.orderBy('member_id').orderBy('id').limit(limit + 1).execute();
      const { items, more } = splitPage(rows.map(toRecord), limit);
      const last = items.at(-1);
      return { items, next: more && last ? encodeCursor([last.memberId, last.id]) : null };
    },
    aggregateBounded: (plan, memberIds) => aggregateBounded(db, plan, memberIds),
  };
}

export function recordRepository(db: Db): RecordRepository {
  return {
    ...recordReader(db),
    async insertMany(records: NewRecord[]) {
      // One JSON document per chunk, unpacked by json_to_recordset: one parameter whatever the
      // row count, and on PGlite about 1.5× faster than a multi-row VALUES list.
      let added = 0;
      for (let i = 0; i < records.length; i += INSERT_CHUNK) {
        const rows = records.slice(i, i + INSERT_CHUNK).map((r) => ({
          id: r.id,
          collective_id: r.collectiveId,
          dataset_id: r.datasetId,
          member_id: r.memberId,
          data: r.data,
          occurred_at: r.occurredAt?.toISOString() ?? null,
          source: r.source,
          import_id: r.importId,
          dedup_key: r.dedupKey ?? null,
        }));
        const result = await sql<{ n: string | number }>`
          with inserted as (
            insert into records (id, collective_id, dataset_id, member_id, data, occurred_at, source, import_id, dedup_key)
            select id, collective_id, dataset_id, member_id, data, occurred_at, source, import_id, dedup_key
            from json_to_recordset(${JSON.stringify(rows)}::json) as x(
              id uuid, collective_id uuid, dataset_id uuid, member_id uuid, data jsonb,
              occurred_at timestamptz, source text, import_id text, dedup_key text
            )
            on conflict (dataset_id, member_id, dedup_key) do nothing
            returning 1
          )
          select count(*) as n from inserted`.execute(db);
        added += toNumber(result.rows[0]!.n);
      }
      return added;
    },
  };
}
