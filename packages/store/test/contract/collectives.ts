import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '@steward/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCollective, newUser } from '../helpers/fixtures.ts';
import type { ContractContext } from './context.ts';

export function collectivesContract(ctx: ContractContext): void {
  let store: ContractContext['store'];
  let tx: ContractContext['tx'];
  beforeAll(() => {
    ({ store, tx } = ctx);
  });

  describe('collectives', () => {
    it('creates and finds by id and slug; keeps the log salt apart', async () => {
      const c = await tx((r) => newCollective(r));
      expect(await store.read.collectives.byId(c.id)).toEqual(c);
      expect(await store.read.collectives.bySlug(c.slug)).toEqual(c);
      expect(await store.read.collectives.byId('nope')).toBeUndefined();
      expect(await store.read.collectives.bySlug('no-such-slug')).toBeUndefined();
      const salt = await tx((r) => r.collectives.logSalt(c.id));
      expect(salt).toMatch(/^salt-/);
      expect(Object.values((await store.read.collectives.byId(c.id))!)).not.toContain(salt);
    });

    it('throws ConflictError slug_taken for a slug in use', async () => {
      const c = await tx((r) => newCollective(r));
      const err = await tx((r) => newCollective(r, { slug: c.slug })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as ConflictError).code).toBe('slug_taken');
    });

    it('logSalt of an unknown collective is NotFoundError', async () => {
      await expect(tx((r) => r.collectives.logSalt(randomUUID()))).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lists the collectives a user holds roles in, with the roles', async () => {
      const u = await tx((r) => newUser(r));
      const [a, b] = await tx(async (r) => {
        const a = await newCollective(r, { name: 'Alpha' });
        const b = await newCollective(r, { name: 'Beta' });
        await newCollective(r, { name: 'Gamma (not joined)' });
        await r.memberships.add({ collectiveId: a.id, userId: u.id, role: 'steward', joinedAt: new Date() });
        await r.memberships.add({ collectiveId: a.id, userId: u.id, role: 'member', joinedAt: new Date() });
        await r.memberships.add({ collectiveId: b.id, userId: u.id, role: 'auditor', joinedAt: new Date() });
        return [a, b];
      });
      expect(await store.read.collectives.listForUser(u.id)).toEqual([
        { collective: a, roles: ['member', 'steward'] },
        { collective: b, roles: ['auditor'] },
      ]);
      expect(await store.read.collectives.listForUser(randomUUID())).toEqual([]);
    });
  });

  describe('memberships', () => {
    it('adds roles once, reports them, counts by role and removes them all', async () => {
      const [c, u, v] = await tx(async (r) => [await newCollective(r), await newUser(r), await newUser(r)] as const);
      const joinedAt = new Date();
      expect(await tx((r) => r.memberships.add({ collectiveId: c.id, userId: u.id, role: 'member', joinedAt }))).toBe(true);
      expect(await tx((r) => r.memberships.add({ collectiveId: c.id, userId: u.id, role: 'member', joinedAt }))).toBe(false);
      await tx(async (r) => {
        await r.memberships.add({ collectiveId: c.id, userId: u.id, role: 'steward', joinedAt });
        await r.memberships.add({ collectiveId: c.id, userId: v.id, role: 'member', joinedAt });
      });
      expect(await store.read.memberships.rolesOf(c.id, u.id)).toEqual(['member', 'steward']);
      expect(await store.read.memberships.rolesOf(c.id, randomUUID())).toEqual([]);
      expect(await store.read.memberships.countByRole(c.id)).toEqual({ member: 2, steward: 1, requester: 0, auditor: 0 });
      expect(await tx((r) => r.memberships.removeAll(c.id, u.id))).toBe(2);
      expect(await tx((r) => r.memberships.removeAll(c.id, u.id))).toBe(0);
      expect(await store.read.memberships.rolesOf(c.id, u.id)).toEqual([]);
      expect(await store.read.memberships.countByRole(c.id)).toEqual({ member: 1, steward: 0, requester: 0, auditor: 0 });
    });

    it('pages through members by join time, every member exactly once, ties included', async () => {
      const c = await tx((r) => newCollective(r));
      const base = Date.now() - 86_400_000;
      const users = await tx(async (r) => {
        const out = [];
        for (let i = 0; i < 23; i++) {
          const u = await newUser(r);
          // Groups of three share a join time, to exercise the id tie-breaker.
          const joinedAt = new Date(base + Math.floor(i / 3) * 1000);
          await r.memberships.add({ collectiveId: c.id, userId: u.id, role: 'member', joinedAt });
          if (i % 5 === 0) await r.memberships.add({ collectiveId: c.id, userId: u.id, role: 'steward', joinedAt: new Date(joinedAt.getTime() + 99_999_999) });
          out.push({ u, joinedAt });
        }
        return out;
      });
      const seen: Array<{ id: string; joinedAt: Date; roles: string[]; email: string }> = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await store.read.memberships.list(c.id, { limit: 5, cursor });
        expect(page.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.items.map((i) => ({ id: i.user.id, joinedAt: i.joinedAt, roles: i.roles, email: i.user.email })));
        cursor = page.next;
        pages++;
      } while (cursor && pages < 20);
      expect(pages).toBe(5);
      expect(seen.map((s) => s.id).sort()).toEqual(users.map((x) => x.u.id).sort());
      expect(new Set(seen.map((s) => s.id)).size).toBe(23);
      const times = seen.map((s) => s.joinedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const first = users[0]!;
      const got = seen.find((s) => s.id === first.u.id)!;
      // joinedAt is the first role's join time; the roles are all of them.
      expect(got).toEqual({ id: first.u.id, joinedAt: first.joinedAt, roles: ['member', 'steward'], email: first.u.email });
    });

    it('rejects a forged cursor and a bad limit as validation errors', async () => {
      const c = await tx((r) => newCollective(r));
      await expect(store.read.memberships.list(c.id, { limit: 5, cursor: 'garbage' })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.read.memberships.list(c.id, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.read.memberships.list(c.id, { limit: 5 })).resolves.toEqual({ items: [], next: null });
    });
  });
}
