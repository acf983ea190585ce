import {
  assertNoPersonalData,
  canonicalJson,
  MAX_ENTRY_SIZE,
  storedHashes,
  storedHashIndex,
  type HashReader,
  type LogReader,
  type LogRepository,
  type StoredCheckpoint,
  type StoredLogEntry,
} from '@steward/core';
import { sql } from 'kysely';
import { isUuid, toNumber, type Db } from './support.ts';

const encoder = new TextEncoder();

/** pg returns bytea as a Buffer, PGlite as a Uint8Array: hand out plain Uint8Arrays. */
const bytes = (b: Uint8Array) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

type EntryRow = { idx: string | number | bigint; body: string; created_at: Date };
const toEntry = (collectiveId: string) => (r: EntryRow): StoredLogEntry => ({ collectiveId, index: toNumber(r.idx), body: r.body, createdAt: r.created_at });

/** Reads stored hashes by index; one query for the lot. */
async function readHashes(db: Db, collectiveId: string, indexes: number[]): Promise<Uint8Array[]> {
  if (indexes.length === 0) return [];
  const rows = await db
    .selectFrom('log_hashes')
    .select(['idx', 'hash'])
    .where('collective_id', '=', collectiveId)
    .where('idx', 'in', [...new Set(indexes)])
    .execute();
  const byIndex = new Map(rows.map((r) => [toNumber(r.idx), bytes(r.hash)]));
  return indexes.map((i) => {
    const h = byIndex.get(i);
    if (!h) throw new Error(`log of collective ${collectiveId}: stored hash ${i} is missing`);
    return h;
  });
}

type CheckpointRow = { size: string | number | bigint; root: Uint8Array; note: string; created_at: Date };
const toCheckpoint = (collectiveId: string, r: CheckpointRow): StoredCheckpoint => ({
  collectiveId,
  size: toNumber(r.size),
  root: bytes(r.root),
  note: r.note,
  createdAt: r.created_at,
});

export function logReader(db: Db): LogReader {
  return {
    async size(collectiveId) {
      if (!isUuid(collectiveId)) return 0;
      const r = await db.selectFrom('log_heads').select('size').where('collective_id', '=', collectiveId).executeTakeFirst();
      return r ? toNumber(r.size) : 0;
    },
    async list(collectiveId, fromIndex, limit, type) {
      if (!isUuid(collectiveId) || limit <= 0) return [];
      let q = db
        .selectFrom('log_entries')
        .select(['idx', 'body', 'created_at'])
        .where('collective_id', '=', collectiveId)
        .where('idx', '>=', Math.max(0, fromIndex));
      if (type !== undefined) q = q.where('type', '=', type);
      const rows = await q.orderBy('idx').limit(limit).execute();
      return rows.map(toEntry(collectiveId));
    },
    async listBySubject(collectiveId, subject, limit) {
      if (!isUuid(collectiveId) || limit <= 0) return [];
      const rows = await db
        .selectFrom('log_entries')
        .select(['idx', 'body', 'created_at'])
        .where('collective_id', '=', collectiveId)
        .where('subject', '=', subject)
        .orderBy('idx')
        .limit(limit)
        .execute();
      return rows.map(toEntry(collectiveId));
    },
    readHashes: (collectiveId, indexes) => readHashes(db, collectiveId, indexes),
    async latestCheckpoint(collectiveId) {
      if (!isUuid(collectiveId)) return undefined;
      const r = await db
        .selectFrom('log_checkpoints')
        .select(['size', 'root', 'note', 'created_at'])
        .where('collective_id', '=', collectiveId)
        .orderBy('size', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? toCheckpoint(collectiveId, r) : undefined;
    },
    async checkpointAt(collectiveId, size) {
      if (!isUuid(collectiveId)) return undefined;
      const r = await db
        .selectFrom('log_checkpoints')
        .select(['size', 'root', 'note', 'created_at'])
        .where('collective_id', '=', collectiveId)
        .where('size', '=', size)
        .executeTakeFirst();
      return r ? toCheckpoint(collectiveId, r) : undefined;
    },
    async uncheckpointed() {
      const rows = await db
        .selectFrom('log_heads as h')
        .select(['h.collective_id', 'h.size'])
        .where('h.size', '>', (eb) =>
          eb.fn.coalesce(
            eb.selectFrom('log_checkpoints as c').select((e) => e.fn.max('c.size').as('m')).whereRef('c.collective_id', '=', 'h.collective_id'),
            sql<number>`0`,
          ),
        )
        .execute();
      return rows.map((r) => ({ collectiveId: r.collective_id, size: toNumber(r.size) }));
    },
  };
}

// Five parameters per entry row and three per hash row keep each INSERT well under 65535.
const ENTRIES_PER_INSERT = 5_000;
const HASHES_PER_INSERT = 10_000;

export function logRepository(db: Db): LogRepository {
  const reader = logReader(db);
  return {
    ...reader,
    async append(collectiveId, entries) {
      const bodies = entries.map((e) => {
        assertNoPersonalData(e);
        if (e.collective !== collectiveId) throw new TypeError(`log entry names collective ${e.collective} but is appended to ${collectiveId}`);
        const body = canonicalJson(e);
        // Entry bundles carry each entry behind a 2-byte length (C2SP tlog-tiles).
        if (encoder.encode(body).length > MAX_ENTRY_SIZE) throw new TypeError(`log entry of type ${e.type} is larger than ${MAX_ENTRY_SIZE} bytes`);
        return body;
      });
      if (bodies.length === 0) return reader.size(collectiveId);
      // Bumping the head row takes its row lock until this transaction ends, so concurrent
      // appends to one collective queue here and get consecutive, gapless indices. A rollback
      // undoes the bump together with the entries and hashes (rule T1).
      const head = await db
        .insertInto('log_heads')
        .values({ collective_id: collectiveId, size: bodies.length })
        .onConflict((oc) => oc.column('collective_id').doUpdateSet((eb) => ({ size: eb('log_heads.size', '+', eb.ref('excluded.size')) })))
        .returning('size')
        .executeTakeFirstOrThrow();
      const first = toNumber(head.size) - bodies.length;
      const rows = bodies.map((body, i) => ({
        collective_id: collectiveId,
        idx: first + i,
        body,
        type: entries[i]!.type,
        subject: entries[i]!.subject ?? null,
      }));
      for (let i = 0; i < rows.length; i += ENTRIES_PER_INSERT) {
        await db.insertInto('log_entries').values(rows.slice(i, i + ENTRIES_PER_INSERT)).execute();
      }

      // The tree: each entry stores its leaf hash and the subtree hashes it completes. Hashes
      // this batch makes are read from memory; older ones from the table.
      const made = new Map<number, Uint8Array>();
      const read: HashReader = async (indexes) => {
        const missing = indexes.filter((i) => !made.has(i));
        const loaded = await readHashes(db, collectiveId, missing);
        missing.forEach((i, k) => made.set(i, loaded[k]!));
        return indexes.map((i) => made.get(i)!);
      };
      const hashRows: Array<{ collective_id: string; idx: number; hash: Uint8Array }> = [];
      for (let k = 0; k < bodies.length; k++) {
        const n = first + k;
        const hashes = await storedHashes(n, encoder.encode(bodies[k]!), read);
        const base = storedHashIndex(0, n);
        hashes.forEach((hash, j) => {
          made.set(base + j, hash);
          hashRows.push({ collective_id: collectiveId, idx: base + j, hash });
        });
      }
      for (let i = 0; i < hashRows.length; i += HASHES_PER_INSERT) {
        await db.insertInto('log_hashes').values(hashRows.slice(i, i + HASHES_PER_INSERT)).execute();
      }
      return first;
    },
    async addCheckpoint(cp) {
      await db
        .insertInto('log_checkpoints')
        .values({ collective_id: cp.collectiveId, size: cp.size, root: cp.root, note: cp.note })
        .onConflict((oc) => oc.columns(['collective_id', 'size']).doNothing())
        .execute();
    },
  };
}
