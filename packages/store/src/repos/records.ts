import type { DataRecord, NewRecord, RecordData, RecordReader, RecordRepository } from '@steward/core';
import { sql, type Selectable } from 'kysely';
import type { RecordsTable } from '../db/schema.ts';
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
      // Newest first, records without a time last, id breaking ties: the order of the index
      // records_member_time_idx. The timed and untimed parts are read separately so that each
      // keyset condition is an index condition (an OR of both would be a filter, and deep pages
      // would cost as much as OFFSET).
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
      const last = items.at(-1);
      return {
        items: items.map(
          (r): DataRecord => ({
            id: r.id,
            collectiveId: r.collective_id,
            datasetId: r.dataset_id,
            memberId: r.member_id,
            data: r.data as RecordData,
            occurredAt: r.occurred_at,
            source: r.source,
            importId: r.import_id,
            createdAt: r.created_at,
          }),
        ),
        next: more && last ? encodeCursor([last.occurred_at?.toISOString() ?? null, last.id]) : null,
      };
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
