import { assertNoPersonalData, canonicalJson, type LogReader, type LogRepository } from '@steward/core';
import { isUuid, toNumber, type Db } from './support.ts';

export function logReader(db: Db): LogReader {
  return {
    async size(collectiveId) {
      if (!isUuid(collectiveId)) return 0;
      const r = await db.selectFrom('log_heads').select('size').where('collective_id', '=', collectiveId).executeTakeFirst();
      return r ? toNumber(r.size) : 0;
    },
    async list(collectiveId, fromIndex, limit) {
      if (!isUuid(collectiveId) || limit <= 0) return [];
      const rows = await db
        .selectFrom('log_entries')
        .select(['idx', 'body', 'created_at'])
        .where('collective_id', '=', collectiveId)
        .where('idx', '>=', Math.max(0, fromIndex))
        .orderBy('idx')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ collectiveId, index: toNumber(r.idx), body: r.body, createdAt: r.created_at }));
    },
  };
}

// Three parameters per entry; this keeps one INSERT well under PostgreSQL's 65535.
const ENTRIES_PER_INSERT = 10_000;

export function logRepository(db: Db): LogRepository {
  const reader = logReader(db);
  return {
    ...reader,
    async append(collectiveId, entries) {
      const bodies = entries.map((e) => {
        assertNoPersonalData(e);
        if (e.collective !== collectiveId) throw new TypeError(`log entry names collective ${e.collective} but is appended to ${collectiveId}`);
        return canonicalJson(e);
      });
      if (bodies.length === 0) return reader.size(collectiveId);
      // Bumping the head row takes its row lock until this transaction ends, so concurrent
      // appends to one collective queue here and get consecutive, gapless indices. A rollback
      // undoes the bump together with the entries (rule T1).
      const head = await db
        .insertInto('log_heads')
        .values({ collective_id: collectiveId, size: bodies.length })
        .onConflict((oc) => oc.column('collective_id').doUpdateSet((eb) => ({ size: eb('log_heads.size', '+', eb.ref('excluded.size')) })))
        .returning('size')
        .executeTakeFirstOrThrow();
      const first = toNumber(head.size) - bodies.length;
      const rows = bodies.map((body, i) => ({ collective_id: collectiveId, idx: first + i, body }));
      for (let i = 0; i < rows.length; i += ENTRIES_PER_INSERT) {
        await db.insertInto('log_entries').values(rows.slice(i, i + ENTRIES_PER_INSERT)).execute();
      }
      return first;
    },
  };
}
