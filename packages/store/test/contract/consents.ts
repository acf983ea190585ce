import { randomUUID } from 'node:crypto';
import { ValidationError, type ConsentRecord, type GatedRecordReader, type Readers } from '@steward/core';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { allowConsentErasure } from '../../src/repos/consents.ts';
import { createRepositories } from '../../src/repos/index.ts';
import { gatedRecordReader, MAX_BATCH } from '../../src/repos/records.ts';
import type { Db } from '../../src/repos/support.ts';
import { snapshotTransaction } from '../../src/store.ts';
import { consent, ms, newCollective, newDataset, newUser, record, type ConsentToAppend } from '../helpers/fixtures.ts';
import type { ContractContext } from './context.ts';

const RESEARCH = 'dpv:ResearchAndDevelopment';
const CAMPAIGN = 'stw:Campaigning';

/** What a stored record must be: the appended one plus its number. */
const stored = (c: ConsentToAppend, seq: number): ConsentRecord => ({ ...c, seq });

/** The order of a gated scan: member, then record id (uuids compare as lower-case hex). */
const byMemberThenId = (a: { memberId: string; id: string }, b: { memberId: string; id: string }) => {
  const ka = `${a.memberId}/${a.id}`;
  const kb = `${b.memberId}/${b.id}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

type SnapshotReaders = Readers & { gated: GatedRecordReader };

export function consentsContract(ctx: ContractContext): void {
  let store: ContractContext['store'];
  let tx: ContractContext['tx'];
  beforeAll(() => {
    ({ store, tx } = ctx);
  });

  async function setup() {
    return tx(async (r) => {
      const c = await newCollective(r);
      const d1 = await newDataset(r, c.id);
      const d2 = await newDataset(r, c.id);
      const m1 = await newUser(r);
      const m2 = await newUser(r);
      const m3 = await newUser(r);
      return { c, d1, d2, m1, m2, m3 };
    });
  }

  /** Every page of a scan, and how many pages it took. */
  async function scanAll(read: SnapshotReaders, datasetId: string, memberIds: string[], limit: number) {
    const ids: string[] = [];
    const members: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<GatedRecordReader['scanForMembers']>> = await read.gated.scanForMembers(datasetId, memberIds, { limit, cursor });
      ids.push(...page.items.map((x) => x.id));
      members.push(...page.items.map((x) => x.memberId));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 1000);
    return { ids, members, pages };
  }

  describe('consents', () => {
    it('appends records and returns them as stored; every field round-trips', async () => {
      const { c, d1, d2, m1 } = await setup();
      const full = consent(c.id, m1.id, { datasets: [d1.id, d2.id], purposes: [RESEARCH, CAMPAIGN] }, {
        scope: {
          datasets: [{ datasetId: d1.id, fields: ['fare', 'currency'] }, { datasetId: d2.id }],
          purposes: [RESEARCH, CAMPAIGN],
          recipients: [{ category: 'academic' }, { category: 'public_body', requesterId: randomUUID() }],
        },
        method: 'request_answer',
        recordedAt: new Date('2025-01-02T03:04:05.678Z'),
        expiresAt: new Date('2026-01-02T03:04:05.678Z'),
        reviewAt: new Date('2025-07-02T00:00:00.001Z'),
        inReplyTo: randomUUID(),
      });
      const bare = consent(c.id, m1.id, { datasets: [d1.id], purposes: [RESEARCH] }, { status: 'withdrawn', method: 'cli' });
      const out = await tx((r) => r.consents.append([full, bare]));
      expect(out).toHaveLength(2);
      expect(out[0]).toEqual(stored(full, out[0]!.seq));
      expect(out[1]).toEqual(stored(bare, out[1]!.seq));
      expect(Number.isSafeInteger(out[0]!.seq)).toBe(true);
      expect(out[0]!.recordedAt).toBeInstanceOf(Date);
      expect(out[1]!.expiresAt).toBeNull();
      expect(await store.read.consents.byId(c.id, full.id)).toEqual(out[0]);
      expect(await store.read.consents.byId(c.id, bare.id)).toEqual(out[1]);
      // Ids of another collective, unknown or malformed, find nothing.
      expect(await store.read.consents.byId(randomUUID(), full.id)).toBeUndefined();
      expect(await store.read.consents.byId(c.id, randomUUID())).toBeUndefined();
      expect(await store.read.consents.byId('nope', 'nope')).toBeUndefined();
      expect(await tx((r) => r.consents.append([]))).toEqual([]);
    });

    it('[C3] a member’s history is every decision oldest first, numbered ever higher', async () => {
      const { c, d1, d2, m1, m2 } = await setup();
      const other = await tx((r) => newCollective(r));
      const names = { datasets: [d1.id], purposes: [RESEARCH] };
      const a = await tx((r) => r.consents.append([consent(c.id, m1.id, names), consent(c.id, m2.id, names), consent(c.id, m1.id, names, { status: 'withdrawn' })]));
      const b = await tx((r) => r.consents.append([consent(c.id, m1.id, { datasets: [d2.id], purposes: [CAMPAIGN] }, { status: 'refused' })]));
      const elsewhere = await tx((r) => r.consents.append([consent(other.id, m1.id, names)]));
      const all = [...a, ...b, ...elsewhere];
      const seqs = all.map((x) => x.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(await store.read.consents.historyForMember(c.id, m1.id)).toEqual([a[0], a[2], b[0]]);
      expect(await store.read.consents.historyForMember(c.id, m2.id)).toEqual([a[1]]);
      expect(await store.read.consents.historyForMember(other.id, m1.id)).toEqual(elsewhere);
      expect(await store.read.consents.historyForMember(c.id, randomUUID())).toEqual([]);
      expect(await store.read.consents.historyForMember('x', m1.id)).toEqual([]);
    });

    it('a record the schema refuses fails the whole append with its transaction', async () => {
      const { c, d1, m1 } = await setup();
      const names = { datasets: [d1.id], purposes: [RESEARCH] };
      const good = consent(c.id, m1.id, names);
      const bad = [
        consent(c.id, m1.id, names, { status: 'maybe' as never }),
        consent(c.id, m1.id, names, { noticeDigest: 'not-a-digest' }),
        consent(c.id, m1.id, names, { status: 'withdrawn', expiresAt: ms(1000) }),
        consent(c.id, randomUUID(), names),
      ];
      for (const b of bad) await expect(tx((r) => r.consents.append([good, b]))).rejects.toThrow();
      expect(await store.read.consents.historyForMember(c.id, m1.id)).toEqual([]);
    });

    it('[C1] forUse gives the records naming the dataset and the purpose, recorded by the time, oldest first', async () => {
      const { c, d1, d2, m1, m2, m3 } = await setup();
      const other = await tx(async (r) => {
        const o = await newCollective(r);
        return { c: o, d: await newDataset(r, o.id) };
      });
      const t = Date.parse('2025-03-01T12:00:00Z');
      const at = (offset: number) => new Date(t + offset);
      const [r1, , r3, r4, r5, r6] = await tx((r) =>
        r.consents.append([
          consent(c.id, m1.id, { datasets: [d1.id], purposes: [RESEARCH] }, { recordedAt: at(-3000) }),
          consent(c.id, m1.id, { datasets: [d1.id], purposes: [CAMPAIGN] }, { recordedAt: at(-2000) }),
          consent(c.id, m2.id, { datasets: [d2.id, d1.id], purposes: [CAMPAIGN, RESEARCH] }, { recordedAt: at(-1000), status: 'refused' }),
          consent(c.id, m1.id, { datasets: [d1.id], purposes: [RESEARCH] }, { recordedAt: at(0), status: 'withdrawn' }),
          consent(c.id, m3.id, { datasets: [d2.id], purposes: [RESEARCH] }, { recordedAt: at(-500) }),
          consent(c.id, m3.id, { datasets: [d1.id], purposes: [RESEARCH] }, { recordedAt: at(1) }),
        ]),
      );
      await tx((r) => r.consents.append([consent(other.c.id, m1.id, { datasets: [d1.id, other.d.id], purposes: [RESEARCH] }, { recordedAt: at(-5000) })]));
      const ids = async (datasetId: string, purpose: string, when: Date, collectiveId = c.id) =>
        (await store.read.consents.forUse(collectiveId, { datasetId, purpose, at: when })).map((x) => x.id);
      // At the instant of r4 it is included (at or before), r6 a millisecond later is not.
      expect(await ids(d1.id, RESEARCH, at(0))).toEqual([r1!.id, r3!.id, r4!.id]);
      expect(await ids(d1.id, RESEARCH, at(-1))).toEqual([r1!.id, r3!.id]);
      expect(await ids(d1.id, RESEARCH, at(1))).toEqual([r1!.id, r3!.id, r4!.id, r6!.id]);
      expect(await ids(d1.id, RESEARCH, at(-10_000))).toEqual([]);
      expect(await ids(d2.id, CAMPAIGN, at(0))).toEqual([r3!.id]);
      expect(await ids(d2.id, RESEARCH, at(0))).toEqual([r3!.id, r5!.id]);
      expect(await ids(d1.id, 'dpv:Marketing', at(0))).toEqual([]);
      expect(await ids(randomUUID(), RESEARCH, at(0))).toEqual([]);
      // The other collective's record names d1 too, but is not this collective's.
      expect(await ids(d1.id, RESEARCH, at(0), other.c.id)).toHaveLength(1);
      expect(await ids(d1.id, RESEARCH, at(0), 'x')).toEqual([]);
      const full = await store.read.consents.forUse(c.id, { datasetId: d1.id, purpose: RESEARCH, at: at(0) });
      expect(full[0]).toEqual(r1);
    });

    it('listForCollective gives every record of the collective by the time, oldest first', async () => {
      const { c, d1, m1, m2 } = await setup();
      const names = { datasets: [d1.id], purposes: [RESEARCH] };
      const t = Date.parse('2025-04-01T00:00:00Z');
      const recs = await tx((r) =>
        r.consents.append([
          consent(c.id, m2.id, names, { recordedAt: new Date(t + 10) }),
          consent(c.id, m1.id, names, { recordedAt: new Date(t) }),
          consent(c.id, m1.id, names, { recordedAt: new Date(t + 20), status: 'withdrawn' }),
        ]),
      );
      // Ordered by seq (the order of decisions), not by time.
      expect(await store.read.consents.listForCollective(c.id, new Date(t + 10))).toEqual([recs[0], recs[1]]);
      expect(await store.read.consents.listForCollective(c.id, new Date(t + 20))).toEqual(recs);
      expect(await store.read.consents.listForCollective(c.id, new Date(t - 1))).toEqual([]);
      expect(await store.read.consents.listForCollective(randomUUID(), new Date(t + 20))).toEqual([]);
    });

    it('[C3] consent history cannot be updated or deleted', async () => {
      const { c, d1, m1 } = await setup();
      const [rec] = await tx((r) => r.consents.append([consent(c.id, m1.id, { datasets: [d1.id], purposes: [RESEARCH] })]));
      const db = store.kysely;
      await expect(db.updateTable('consent_records').set({ status: 'withdrawn' }).where('id', '=', rec!.id).execute()).rejects.toThrow(/append-only \(rule C3\): UPDATE/);
      await expect(db.updateTable('consent_records').set({ status: 'withdrawn' }).execute()).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('consent_records').where('id', '=', rec!.id).execute()).rejects.toThrow(/append-only \(rule C3\): DELETE/);
      await expect(sql`truncate consent_records`.execute(db)).rejects.toThrow(/append-only \(rule C3\): TRUNCATE/);
      // Setting the erasure switch to anything but the transaction's own id does not open it.
      const stale = await db.transaction().execute(async (trx) => (await sql<{ x: string }>`select txid_current()::text as x`.execute(trx)).rows[0]!.x);
      for (const value of ['on', 'true', stale]) {
        await expect(
          db.transaction().execute(async (trx) => {
            await sql`select set_config('steward.allow_consent_erasure', ${value}, true)`.execute(trx);
            await trx.deleteFrom('consent_records').where('id', '=', rec!.id).execute();
          }),
        ).rejects.toThrow(/append-only/);
      }
      // Even the erasure path cannot rewrite a record.
      await expect(
        db.transaction().execute(async (trx) => {
          await allowConsentErasure(trx);
          await trx.updateTable('consent_records').set({ status: 'withdrawn' }).where('id', '=', rec!.id).execute();
        }),
      ).rejects.toThrow(/append-only \(rule C3\): UPDATE/);
      expect(await store.read.consents.byId(c.id, rec!.id)).toEqual(rec);
    });

    it('[C3] erasure deletes a member’s records only in a transaction that deliberately allowed it', async () => {
      const { c, d1, m1, m2 } = await setup();
      const names = { datasets: [d1.id], purposes: [RESEARCH] };
      const recs = await tx((r) => r.consents.append([consent(c.id, m1.id, names), consent(c.id, m2.id, names), consent(c.id, m1.id, names, { status: 'withdrawn' })]));
      const db = store.kysely;
      const deleted = await db.transaction().execute(async (trx) => {
        await allowConsentErasure(trx);
        const res = await trx.deleteFrom('consent_records').where('collective_id', '=', c.id).where('member_id', '=', m1.id).executeTakeFirst();
        return Number(res.numDeletedRows);
      });
      expect(deleted).toBe(2);
      expect(await store.read.consents.historyForMember(c.id, m1.id)).toEqual([]);
      expect(await store.read.consents.historyForMember(c.id, m2.id)).toEqual([recs[1]]);
      // The permission ended with its transaction.
      await expect(db.deleteFrom('consent_records').where('id', '=', recs[1]!.id).execute()).rejects.toThrow(/append-only/);
      await expect(db.transaction().execute((trx) => trx.deleteFrom('consent_records').where('id', '=', recs[1]!.id).execute())).rejects.toThrow(/append-only/);
    });

    it('[C3] one member’s concurrent decisions are numbered in the order they commit', async (t) => {
      // Two writers at once need two connections: PostgreSQL only (the embedded store runs one transaction at a time).
      if (store.kind !== 'postgres') t.skip();
      const { c, d1, m1 } = await setup();
      const names = { datasets: [d1.id], purposes: [RESEARCH] };
      const first = await store.kysely.startTransaction().execute();
      let second: Promise<ConsentRecord[]> | null = null;
      try {
        const [a] = await createRepositories(first).consents.append([consent(c.id, m1.id, names)]);
        let done = false;
        second = tx((r) => r.consents.append([consent(c.id, m1.id, names, { status: 'withdrawn' })])).finally(() => (done = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        // The second decision waits for the first to commit before it is numbered.
        expect(done).toBe(false);
        await first.commit().execute();
        const [b] = await second;
        expect(b!.seq).toBeGreaterThan(a!.seq);
      } finally {
        if (!first.isCommitted) await first.rollback().execute();
        await second?.catch(() => undefined);
      }
    });
  });

  describe('gated record scan', () => {
    it('[C1] scanForMembers returns only the listed members’ records of the dataset, in (member, id) order', async () => {
      const { c, d1, d2, m1, m2, m3 } = await setup();
      const listed = [...Array.from({ length: 5 }, () => record(c.id, d1.id, m1.id)), ...Array.from({ length: 3 }, () => record(c.id, d1.id, m2.id))];
      const notListed = [record(c.id, d1.id, m3.id), record(c.id, d2.id, m1.id), record(c.id, d2.id, m2.id)];
      await tx((r) => r.records.insertMany([...listed, ...notListed]));
      const expected = [...listed].sort(byMemberThenId);
      await store.snapshot(async (read) => {
        const page = await read.gated.scanForMembers(d1.id, [m2.id, m1.id, m1.id.toUpperCase(), 'not-a-uuid', randomUUID()], { limit: 100 });
        expect(page.next).toBeNull();
        expect(page.items.map((x) => x.id)).toEqual(expected.map((x) => x.id));
        // Records are mapped as everywhere else.
        const { createdAt, ...rest } = page.items.find((x) => x.id === listed[0]!.id)!;
        expect(rest).toEqual(listed[0]);
        expect(createdAt).toBeInstanceOf(Date);
        expect((await read.gated.scanForMembers(d1.id, [m3.id], { limit: 100 })).items.map((x) => x.id)).toEqual([notListed[0]!.id]);
        expect((await read.gated.scanForMembers(randomUUID(), [m1.id], { limit: 100 })).items).toEqual([]);
        expect((await read.gated.scanForMembers('x', [m1.id], { limit: 100 })).items).toEqual([]);
        expect(await read.gated.scanForMembers(d1.id, [], { limit: 100 })).toEqual({ items: [], next: null });
        await expect(read.gated.scanForMembers(d1.id, [m1.id], { limit: 10, cursor: 'x' })).rejects.toBeInstanceOf(ValidationError);
        await expect(read.gated.scanForMembers(d1.id, [m1.id], { limit: 10, cursor: Buffer.from('["a","b"]').toString('base64url') })).rejects.toBeInstanceOf(ValidationError);
      });
    });

    it('scanForMembers with no members answers without querying', async () => {
      const unusable = new Proxy({}, {
        get() {
          throw new Error('queried the database');
        },
      }) as Db;
      expect(await gatedRecordReader(unusable).scanForMembers(randomUUID(), [], { limit: 10 })).toEqual({ items: [], next: null });
      expect(await gatedRecordReader(unusable).scanForMembers(randomUUID(), ['not-a-uuid'], { limit: 10 })).toEqual({ items: [], next: null });
    });

    it('scanForMembers pages through many records, every record once, in (member, id) order', async () => {
      const { c, d1, m1, m2, m3 } = await setup();
      const members = [m1.id, m2.id, m3.id];
      const rows = Array.from({ length: 2101 }, (_, i) => record(c.id, d1.id, members[i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : 2]!));
      const unlisted = await tx((r) => newUser(r));
      await tx((r) => r.records.insertMany([...rows, record(c.id, d1.id, unlisted.id)]));
      const listed = [m1.id, m3.id];
      const expected = rows
        .filter((x) => listed.includes(x.memberId))
        .sort(byMemberThenId)
        .map((x) => x.id);
      await store.snapshot(async (read) => {
        for (const limit of [97, 700, expected.length, MAX_BATCH]) {
          const got = await scanAll(read, d1.id, listed, limit);
          expect(got.ids).toEqual(expected);
          expect(got.pages).toBe(Math.ceil(expected.length / limit));
        }
        // Small pages cross from member to member.
        const small = await scanAll(read, d1.id, [m1.id, m2.id], 3);
        expect(small.ids).toHaveLength(1401);
        expect(new Set(small.ids).size).toBe(1401);
        expect(small.members).toEqual([...small.members].sort());
      });
    });

    it('scanForMembers caps a page at 10 000 records', async () => {
      const { c, d1, m1, m2 } = await setup();
      const n = MAX_BATCH + 50;
      await tx((r) => r.records.insertMany(Array.from({ length: n }, (_, i) => record(c.id, d1.id, i % 2 ? m1.id : m2.id))));
      await store.snapshot(async (read) => {
        const first = await read.gated.scanForMembers(d1.id, [m1.id, m2.id], { limit: MAX_BATCH });
        expect(first.items).toHaveLength(MAX_BATCH);
        expect(first.next).not.toBeNull();
        const second = await read.gated.scanForMembers(d1.id, [m1.id, m2.id], { limit: MAX_BATCH, cursor: first.next });
        expect(second.items).toHaveLength(50);
        expect(second.next).toBeNull();
        for (const limit of [MAX_BATCH + 1, 0, -1, 1.5, Number.NaN]) {
          await expect(read.gated.scanForMembers(d1.id, [m1.id], { limit })).rejects.toBeInstanceOf(ValidationError);
        }
      });
    });
  });

  describe('snapshot', () => {
    it('returns the value of its function and passes on what it throws', async () => {
      await expect(store.snapshot(async () => 7)).resolves.toBe(7);
      await expect(
        store.snapshot(async () => {
          throw new Error('inside');
        }),
      ).rejects.toThrow('inside');
    });

    it('[C2] a snapshot does not see decisions committed after it began', async () => {
      const { c, d1, m1, m2 } = await setup();
      const names = { datasets: [d1.id], purposes: [RESEARCH] };
      const when = ms(60_000);
      const use = { datasetId: d1.id, purpose: RESEARCH, at: when };
      const [given] = await tx(async (r) => {
        await r.records.insertMany([record(c.id, d1.id, m1.id), record(c.id, d1.id, m2.id)]);
        return r.consents.append([consent(c.id, m1.id, names, { recordedAt: ms(-1000, when.getTime()) })]);
      });
      // A revocation and a new record committed by another connection while the snapshot runs.
      const revocation = consent(c.id, m1.id, names, { status: 'withdrawn', recordedAt: ms(-1, when.getTime()) });
      const late = record(c.id, d1.id, m1.id);
      const commitElsewhere = () =>
        store.kysely.transaction().execute(async (trx) => {
          const r = createRepositories(trx);
          await r.records.insertMany([late]);
          return r.consents.append([revocation]);
        });
      let pending: Promise<unknown> | null = null;
      await store.snapshot(async (read) => {
        expect((await read.consents.forUse(c.id, use)).map((x) => x.id)).toEqual([given!.id]);
        const before = await scanAll(read, d1.id, [m1.id, m2.id], 100);
        expect(before.ids).toHaveLength(2);
        if (store.kind === 'postgres') {
          // Committed for real, visible to everyone else, while this snapshot is open.
          await commitElsewhere();
          const outside = await store.kysely.selectFrom('consent_records').select('id').where('id', '=', revocation.id).execute();
          expect(outside).toHaveLength(1);
        } else {
          // The embedded store has one connection: the other writer waits for the snapshot to end.
          pending = commitElsewhere();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect((await read.consents.forUse(c.id, use)).map((x) => x.id)).toEqual([given!.id]);
        expect(await read.consents.historyForMember(c.id, m1.id)).toEqual([given]);
        expect(await read.consents.byId(c.id, revocation.id)).toBeUndefined();
        expect((await scanAll(read, d1.id, [m1.id, m2.id], 100)).ids).toEqual(before.ids);
        expect(await read.records.countForMember(c.id, m1.id)).toEqual({ [d1.id]: 1 });
      });
      await pending;
      // A snapshot that starts after the revocation commits sees it (rule C2).
      await store.snapshot(async (read) => {
        expect((await read.consents.forUse(c.id, use)).map((x) => x.id)).toEqual([given!.id, revocation.id]);
        expect((await scanAll(read, d1.id, [m1.id], 100)).ids).toHaveLength(2);
      });
    });

    it('a snapshot is one READ ONLY, REPEATABLE READ transaction: a write inside it is rejected', async () => {
      const { c, d1, m1 } = await setup();
      let level = '';
      let readOnly = '';
      const err = await snapshotTransaction(store.kysely, async (trx) => {
        level = (await sql<{ l: string }>`select current_setting('transaction_isolation') as l`.execute(trx)).rows[0]!.l;
        readOnly = (await sql<{ r: string }>`select current_setting('transaction_read_only') as r`.execute(trx)).rows[0]!.r;
        await createRepositories(trx).consents.append([consent(c.id, m1.id, { datasets: [d1.id], purposes: [RESEARCH] })]);
      }).catch((e: unknown) => e);
      expect(level).toBe('repeatable read');
      expect(readOnly).toBe('on');
      expect(String(err)).toMatch(/read-only transaction/);
      expect(await store.read.consents.historyForMember(c.id, m1.id)).toEqual([]);
    });

    it('a snapshot hands out readers only, and refuses the store’s other doors while it runs', async () => {
      let kept: SnapshotReaders | null = null;
      await store.snapshot(async (read) => {
        kept = read;
        expect((read.consents as unknown as Record<string, unknown>).append).toBeUndefined();
        expect((read.records as unknown as Record<string, unknown>).insertMany).toBeUndefined();
        expect((read.log as unknown as Record<string, unknown>).append).toBeUndefined();
        await expect(store.transact(async () => 1)).rejects.toThrow(/store\.transact was called inside store\.snapshot/);
        await expect(store.read.users.byEmail('x@example.org')).rejects.toThrow(/store\.read was used inside store\.snapshot/);
        await expect(store.snapshot(async () => 1)).rejects.toThrow(/inside another store\.snapshot/);
        // Its own readers still work after the refusals.
        expect(await read.users.byId(randomUUID())).toBeUndefined();
      });
      await expect(tx(() => store.snapshot(async () => 1))).rejects.toThrow(/store\.snapshot was called inside store\.transact/);
      await expect(kept!.users.byId(randomUUID())).rejects.toThrow(/used after it ended/);
      await expect(kept!.gated.scanForMembers(randomUUID(), [randomUUID()], { limit: 1 })).rejects.toThrow(/used after it ended/);
    });
  });
}
