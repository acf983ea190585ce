import { randomUUID } from 'node:crypto';
import { ConflictError, ValidationError } from '@steward/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ms, newCollective, newDataset, newUser, record } from '../helpers/fixtures.ts';
import type { ContractContext } from './context.ts';

export function recordsContract(ctx: ContractContext): void {
  let store: ContractContext['store'];
  let tx: ContractContext['tx'];
  beforeAll(() => {
    ({ store, tx } = ctx);
  });

  describe('datasets', () => {
    it('creates and finds datasets; the schema round-trips', async () => {
      const c = await tx((r) => newCollective(r));
      const d1 = await tx((r) => newDataset(r, c.id, { canonical: 'work_tasks', createdAt: ms(-1000) }));
      const d2 = await tx((r) => newDataset(r, c.id));
      expect(await store.read.datasets.byId(d1.id)).toEqual(d1);
      expect(await store.read.datasets.bySlug(c.id, d2.slug)).toEqual(d2);
      expect(await store.read.datasets.list(c.id)).toEqual([d1, d2]);
      expect(await store.read.datasets.byId(randomUUID())).toBeUndefined();
      expect(await store.read.datasets.bySlug(c.id, 'none')).toBeUndefined();
    });

    it('throws ConflictError dataset_slug_taken within a collective only', async () => {
      const [c, other] = await tx(async (r) => [await newCollective(r), await newCollective(r)]);
      const d = await tx((r) => newDataset(r, c!.id));
      const err = await tx((r) => newDataset(r, c!.id, { slug: d.slug })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as ConflictError).code).toBe('dataset_slug_taken');
      await expect(tx((r) => newDataset(r, other!.id, { slug: d.slug }))).resolves.toMatchObject({ slug: d.slug });
    });
  });

  describe('records', () => {
    async function setup() {
      return tx(async (r) => {
        const c = await newCollective(r);
        const d1 = await newDataset(r, c.id);
        const d2 = await newDataset(r, c.id);
        const m1 = await newUser(r);
        const m2 = await newUser(r);
        return { c, d1, d2, m1, m2 };
      });
    }

    it('skips records whose dedup key the member’s dataset already holds, in one batch and across imports', async () => {
      const { c, d1, d2, m1, m2 } = await setup();
      const keyed = (d: string, m: string, key: string | null) => ({ ...record(c.id, d, m), dedupKey: key });
      const first = await tx((r) => r.records.insertMany([keyed(d1.id, m1.id, 'trip-1'), keyed(d1.id, m1.id, 'trip-2'), keyed(d1.id, m1.id, 'trip-1')]));
      expect(first).toBe(2);
      // Re-importing an overlapping export: only the new key is added.
      const again = await tx((r) => r.records.insertMany([keyed(d1.id, m1.id, 'trip-2'), keyed(d1.id, m1.id, 'trip-3')]));
      expect(again).toBe(1);
      // The same key is another record for another member or dataset; null keys never clash.
      const others = await tx((r) =>
        r.records.insertMany([keyed(d1.id, m2.id, 'trip-1'), keyed(d2.id, m1.id, 'trip-1'), keyed(d1.id, m1.id, null), keyed(d1.id, m1.id, null)]),
      );
      expect(others).toBe(4);
      expect(await store.read.records.countForMember(c.id, m1.id)).toEqual({ [d1.id]: 5, [d2.id]: 1 });
    });

    it('inserts records and counts them by dataset, member and contributor', async () => {
      const { c, d1, d2, m1, m2 } = await setup();
      await tx((r) =>
        r.records.insertMany([
          record(c.id, d1.id, m1.id),
          record(c.id, d1.id, m1.id),
          record(c.id, d1.id, m2.id),
          record(c.id, d2.id, m2.id),
        ]),
      );
      await tx((r) => r.records.insertMany([]));
      expect(await store.read.records.countByDataset(c.id)).toEqual({ [d1.id]: 3, [d2.id]: 1 });
      expect(await store.read.records.countForMember(c.id, m1.id)).toEqual({ [d1.id]: 2 });
      expect(await store.read.records.countForMember(c.id, randomUUID())).toEqual({});
      expect(await store.read.records.countContributors(c.id)).toBe(2);
      expect(await store.read.records.countContributors(randomUUID())).toBe(0);
    });

    it('record data and provenance round-trip exactly', async () => {
      const { c, d1, m1 } = await setup();
      const importId = randomUUID();
      const rec = record(c.id, d1.id, m1.id, {
        data: { fare: 1999, currency: 'EUR', note: 'tab\there "quoted" \\ back, ünïcødé ✓\nnew line', ok: true, km: 3.75, none: null },
        source: 'import:uber-eu',
        importId,
      });
      await tx((r) => r.records.insertMany([rec]));
      const page = await store.read.records.listForMember(d1.id, m1.id, { limit: 10 });
      expect(page.next).toBeNull();
      expect(page.items).toHaveLength(1);
      const { createdAt, ...rest } = page.items[0]!;
      expect(rest).toEqual(rec);
      expect(createdAt).toBeInstanceOf(Date);
    });

    it('lists a member\'s records newest first, untimed last, every record once across pages', async () => {
      const { c, d1, d2, m1, m2 } = await setup();
      const base = Date.parse('2024-01-01T00:00:00Z');
      const mine = Array.from({ length: 31 }, (_, i) =>
        // Pairs share a time (tie-breaker on id); every seventh record has no time.
        record(c.id, d1.id, m1.id, { occurredAt: i % 7 === 6 ? null : new Date(base + Math.floor(i / 2) * 60_000) }),
      );
      const others = [record(c.id, d1.id, m2.id), record(c.id, d2.id, m1.id)];
      await tx((r) => r.records.insertMany([...mine, ...others]));
      const seen = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await store.read.records.listForMember(d1.id, m1.id, { limit: 4, cursor });
        seen.push(...page.items);
        cursor = page.next;
        pages++;
      } while (cursor && pages < 50);
      expect(pages).toBe(8);
      expect(seen.map((x) => x.id).sort()).toEqual(mine.map((x) => x.id).sort());
      const timed = seen.filter((x) => x.occurredAt !== null);
      const untimed = seen.filter((x) => x.occurredAt === null);
      expect(untimed).toHaveLength(4);
      expect(seen.slice(-4)).toEqual(untimed);
      const times = timed.map((x) => x.occurredAt!.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      await expect(store.read.records.listForMember(d1.id, m1.id, { limit: 4, cursor: 'x' })).rejects.toBeInstanceOf(ValidationError);
    });

    it('[S1] pages through one member\'s records across the collective\'s datasets, each once', async () => {
      const { c, d1, d2, m1, m2 } = await setup();
      const { other, d3 } = await tx(async (r) => {
        const other = await newCollective(r);
        return { other, d3: await newDataset(r, other.id) };
      });
      const base = Date.parse('2024-02-01T00:00:00Z');
      // Ties on time and untimed records, so the keyset crosses both parts between pages.
      const inD1 = Array.from({ length: 11 }, (_, i) => record(c.id, d1.id, m1.id, { occurredAt: i % 4 === 3 ? null : new Date(base + Math.floor(i / 2) * 1000) }));
      const inD2 = Array.from({ length: 4 }, (_, i) => record(c.id, d2.id, m1.id, { occurredAt: new Date(base + i) }));
      const notMine = [record(c.id, d1.id, m2.id), record(c.id, d2.id, m2.id), record(other.id, d3.id, m1.id)];
      await tx((r) => r.records.insertMany([...inD1, ...inD2, ...notMine]));
      const all = async (collectiveId: string, memberId: string, limit: number, datasetIds?: string[]) => {
        const ids: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: Awaited<ReturnType<typeof store.read.records.pageForMember>> = await store.read.records.pageForMember(collectiveId, memberId, { limit, cursor, datasetIds });
          ids.push(...page.items.map((x) => x.id));
          cursor = page.next;
          pages++;
        } while (cursor && pages < 100);
        return { ids, pages };
      };
      const byThree = await all(c.id, m1.id, 3);
      expect([...byThree.ids].sort()).toEqual([...inD1, ...inD2].map((x) => x.id).sort());
      expect(byThree.ids).toHaveLength(15);
      // Dataset by dataset in the order datasets.list gives, each in the order of listForMember.
      const inOrder: string[] = [];
      for (const d of await store.read.datasets.list(c.id)) {
        inOrder.push(...(await store.read.records.listForMember(d.id, m1.id, { limit: 100 })).items.map((x) => x.id));
      }
      expect(byThree.ids).toEqual(inOrder);
      // Pages end exactly where a dataset does, and span datasets.
      for (const limit of [1, 4, 11, 15, 10_000]) expect((await all(c.id, m1.id, limit)).ids).toEqual(byThree.ids);
      expect((await all(c.id, m1.id, 10_000)).pages).toBe(1);
      expect((await all(c.id, m1.id, 5, [d2.id])).ids.sort()).toEqual(inD2.map((x) => x.id).sort());
      // Another collective's dataset, an unknown member or a malformed id give nothing.
      expect((await all(c.id, m1.id, 5, [d3.id])).ids).toEqual([]);
      expect((await all(c.id, m1.id, 5, [])).ids).toEqual([]);
      expect((await all(c.id, randomUUID(), 5)).ids).toEqual([]);
      expect((await all('not-a-uuid', m1.id, 5)).ids).toEqual([]);
      await expect(store.read.records.pageForMember(c.id, m1.id, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.read.records.pageForMember(c.id, m1.id, { limit: 5, cursor: 'x' })).rejects.toBeInstanceOf(ValidationError);
    });

    it('insertMany loads more rows than one INSERT chunk in one call', async () => {
      const { c, d1, m1, m2 } = await setup();
      const n = 12_345;
      const rows = Array.from({ length: n }, (_, i) => record(c.id, d1.id, i % 2 ? m1.id : m2.id, { data: { fare: i, currency: 'EUR' } }));
      await tx((r) => r.records.insertMany(rows));
      expect(await store.read.records.countByDataset(c.id)).toEqual({ [d1.id]: n });
      expect(await store.read.records.countContributors(c.id)).toBe(2);
    });

    it('a failing row rolls back the whole insertMany with its transaction', async () => {
      const { c, d1, m1 } = await setup();
      const dup = record(c.id, d1.id, m1.id);
      await expect(tx((r) => r.records.insertMany([record(c.id, d1.id, m1.id), dup, { ...dup }]))).rejects.toThrow();
      expect(await store.read.records.countByDataset(c.id)).toEqual({});
    });
  });
}
