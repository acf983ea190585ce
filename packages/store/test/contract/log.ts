import { randomUUID } from 'node:crypto';
import { canonicalJson, ROLES } from '@steward/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { entry, newCollective, newDataset, newUser, record, tag } from '../helpers/fixtures.ts';
import type { ContractContext } from './context.ts';

export function logContract(ctx: ContractContext): void {
  let store: ContractContext['store'];
  let tx: ContractContext['tx'];
  beforeAll(() => {
    ({ store, tx } = ctx);
  });

  describe('log', () => {
    it('appends entries in order as canonical JSON and lists them from an index', async () => {
      const c = await tx((r) => newCollective(r));
      expect(await store.read.log.size(c.id)).toBe(0);
      const e1 = entry(c.id, { type: 'collective.created', refs: { b: '2', a: '1' }, counts: { members: 1 } });
      const e2 = entry(c.id, { type: 'member.joined', subject: 'p:abc' });
      const e3 = entry(c.id, { type: 'dataset.declared', digests: { schema: 'ab'.repeat(32) } });
      expect(await tx((r) => r.log.append(c.id, [e1, e2]))).toBe(0);
      expect(await tx((r) => r.log.append(c.id, [e3]))).toBe(2);
      expect(await tx((r) => r.log.append(c.id, []))).toBe(3);
      expect(await store.read.log.size(c.id)).toBe(3);
      const all = await store.read.log.list(c.id, 0, 100);
      expect(all.map((x) => x.index)).toEqual([0, 1, 2]);
      expect(all.map((x) => x.body)).toEqual([e1, e2, e3].map(canonicalJson));
      expect(all[0]!.body).toContain('"refs":{"a":"1","b":"2"}');
      expect(all[0]!.collectiveId).toBe(c.id);
      expect(all[0]!.createdAt).toBeInstanceOf(Date);
      expect((await store.read.log.list(c.id, 1, 1)).map((x) => x.index)).toEqual([1]);
      expect(await store.read.log.list(c.id, 3, 10)).toEqual([]);
    });

    it('[T3] refuses an entry that could carry personal data, and writes nothing', async () => {
      const c = await tx((r) => newCollective(r));
      await expect(tx((r) => r.log.append(c.id, [entry(c.id), entry(c.id, { refs: { email: 'x' } })]))).rejects.toThrow(/T3/);
      await expect(tx((r) => r.log.append(c.id, [entry(c.id, { actor: 'someone@example.org' })]))).rejects.toThrow(/T3/);
      expect(await store.read.log.size(c.id)).toBe(0);
    });

    it('refuses an entry naming another collective', async () => {
      const c = await tx((r) => newCollective(r));
      await expect(tx((r) => r.log.append(c.id, [entry(randomUUID())]))).rejects.toThrow(/names collective/);
    });

    it('concurrent appends to one collective get gapless consecutive indices', async () => {
      const c = await tx((r) => newCollective(r));
      const writers = 8;
      const per = 3;
      const firsts = await Promise.all(
        Array.from({ length: writers }, (_, w) =>
          tx(async (r) => {
            // Each transaction writes something else first, then appends, then lingers.
            await newUser(r);
            const first = await r.log.append(c.id, Array.from({ length: per }, (_, k) => entry(c.id, { refs: { writer: String(w), k: String(k) } })));
            await new Promise((res) => setTimeout(res, 10));
            return first;
          }),
        ),
      );
      expect([...firsts].sort((a, b) => a - b)).toEqual(Array.from({ length: writers }, (_, i) => i * per));
      expect(await store.read.log.size(c.id)).toBe(writers * per);
      const all = await store.read.log.list(c.id, 0, 1000);
      expect(all.map((x) => x.index)).toEqual(Array.from({ length: writers * per }, (_, i) => i));
      // Each writer's entries are consecutive and in the order given.
      for (const [w, first] of firsts.entries()) {
        const mine = all.slice(first, first + per).map((x) => JSON.parse(x.body) as { refs: { writer: string; k: string } });
        expect(mine.map((x) => x.refs)).toEqual(Array.from({ length: per }, (_, k) => ({ writer: String(w), k: String(k) })));
      }
    });

    it('[T1] a transaction that throws after writing leaves nothing behind, log entries included', async () => {
      const c = await tx((r) => newCollective(r));
      await tx((r) => r.log.append(c.id, [entry(c.id)]));
      const email = `gone-${tag()}@example.org`;
      const slug = `gone-${tag()}`;
      let datasetId = '';
      await expect(
        tx(async (r) => {
          const u = await newUser(r, { email });
          await newCollective(r, { slug });
          const d = await newDataset(r, c.id);
          datasetId = d.id;
          await r.records.insertMany([record(c.id, d.id, u.id)]);
          await r.memberships.add({ collectiveId: c.id, userId: u.id, role: 'member', joinedAt: new Date() });
          expect(await r.log.append(c.id, [entry(c.id, { type: 'member.joined' })])).toBe(1);
          expect(await r.log.size(c.id)).toBe(2);
          throw new Error('boom after writing');
        }),
      ).rejects.toThrow('boom after writing');
      expect(await store.read.users.byEmail(email)).toBeUndefined();
      expect(await store.read.collectives.bySlug(slug)).toBeUndefined();
      expect(await store.read.datasets.byId(datasetId)).toBeUndefined();
      expect(await store.read.records.countByDataset(c.id)).toEqual({});
      expect(await store.read.memberships.countByRole(c.id)).toEqual(Object.fromEntries(ROLES.map((r) => [r, 0])));
      expect(await store.read.log.size(c.id)).toBe(1);
      expect((await store.read.log.list(c.id, 0, 10)).map((x) => x.index)).toEqual([0]);
      // The next append takes index 1: the rolled-back one left no gap.
      expect(await tx((r) => r.log.append(c.id, [entry(c.id)]))).toBe(1);
    });
  });
}
