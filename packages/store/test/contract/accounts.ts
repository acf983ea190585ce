import { randomUUID } from 'node:crypto';
import { ConflictError } from '@steward/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ms, newUser, tag } from '../helpers/fixtures.ts';
import type { ContractContext } from './context.ts';

export function accountsContract(ctx: ContractContext): void {
  let store: ContractContext['store'];
  let tx: ContractContext['tx'];
  beforeAll(() => {
    ({ store, tx } = ctx);
  });

  describe('users', () => {
    it('creates a user and finds it by id and by e-mail (with the password hash)', async () => {
      const u = await tx((r) => newUser(r, { passwordHash: 'argon2id$abc' }));
      expect(u.createdAt).toBeInstanceOf(Date);
      expect(await store.read.users.byId(u.id)).toEqual(u);
      expect(await store.read.users.byEmail(u.email)).toEqual({ ...u, passwordHash: 'argon2id$abc' });
    });

    it('throws ConflictError email_taken for an e-mail in use', async () => {
      const u = await tx((r) => newUser(r));
      const err = await tx((r) => newUser(r, { email: u.email })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as ConflictError).code).toBe('email_taken');
    });

    it('a caught conflict leaves the transaction usable', async () => {
      const taken = await tx((r) => newUser(r));
      const other = await tx(async (r) => {
        await expect(newUser(r, { email: taken.email })).rejects.toBeInstanceOf(ConflictError);
        return newUser(r);
      });
      expect(await store.read.users.byId(other.id)).toEqual(other);
    });

    it('sets the password hash', async () => {
      const u = await tx((r) => newUser(r));
      await tx((r) => r.users.setPasswordHash(u.id, 'new-hash'));
      expect((await store.read.users.byEmail(u.email))?.passwordHash).toBe('new-hash');
    });

    it('unknown and malformed ids are simply not found', async () => {
      expect(await store.read.users.byId(randomUUID())).toBeUndefined();
      expect(await store.read.users.byId('not-a-uuid')).toBeUndefined();
      expect(await store.read.users.byEmail('nobody@example.org')).toBeUndefined();
    });
  });

  describe('sessions', () => {
    it('finds a live session, not an expired one, and deletes by token', async () => {
      const u = await tx((r) => newUser(r));
      const now = new Date();
      const s = { id: randomUUID(), userId: u.id, tokenHash: `sh-${tag()}`, createdAt: now, expiresAt: ms(60_000, now.getTime()) };
      await tx((r) => r.sessions.create(s));
      expect(await store.read.sessions.byTokenHash(s.tokenHash, now)).toEqual(s);
      expect(await store.read.sessions.byTokenHash(s.tokenHash, s.expiresAt)).toBeUndefined();
      expect(await store.read.sessions.byTokenHash(s.tokenHash, ms(1, s.expiresAt.getTime()))).toBeUndefined();
      await tx((r) => r.sessions.deleteByTokenHash(s.tokenHash));
      expect(await store.read.sessions.byTokenHash(s.tokenHash, now)).toBeUndefined();
    });

    it('deleteExpired removes exactly the expired sessions and counts them', async () => {
      const u = await tx((r) => newUser(r));
      // Far in the past so other tests' sessions are not expired at `cut`.
      const cut = new Date('2001-01-01T00:00:00Z');
      const mk = (expiresAt: Date) => ({ id: randomUUID(), userId: u.id, tokenHash: `sh-${tag()}`, createdAt: new Date('2000-01-01T00:00:00Z'), expiresAt });
      const old1 = mk(ms(-1000, cut.getTime()));
      const old2 = mk(cut);
      const live = mk(ms(1000, cut.getTime()));
      await tx(async (r) => {
        for (const s of [old1, old2, live]) await r.sessions.create(s);
      });
      expect(await tx((r) => r.sessions.deleteExpired(cut))).toBe(2);
      expect(await store.read.sessions.byTokenHash(live.tokenHash, ms(-5000, cut.getTime()))).toEqual(live);
      expect(await store.read.sessions.byTokenHash(old1.tokenHash, ms(-5000, cut.getTime()))).toBeUndefined();
      await tx((r) => r.sessions.deleteByTokenHash(live.tokenHash));
    });
  });

  describe('api tokens', () => {
    const mkToken = (userId: string, over: Partial<{ expiresAt: Date | null; createdAt: Date }> = {}) => ({
      id: randomUUID(),
      userId,
      name: 'laptop',
      tokenHash: `th-${tag()}`,
      prefix: 'stw_ab12',
      createdAt: over.createdAt ?? new Date(),
      expiresAt: over.expiresAt === undefined ? null : over.expiresAt,
    });

    it('creates, finds, lists newest first, touches and revokes tokens', async () => {
      const u = await tx((r) => newUser(r));
      const older = mkToken(u.id, { createdAt: ms(-60_000) });
      const newer = mkToken(u.id, { expiresAt: ms(3_600_000) });
      await tx(async (r) => {
        await r.apiTokens.create(older);
        await r.apiTokens.create(newer);
      });
      const now = new Date();
      expect(await store.read.apiTokens.byTokenHash(older.tokenHash, now)).toEqual({ ...older, lastUsedAt: null, revokedAt: null });
      expect((await store.read.apiTokens.listForUser(u.id)).map((t) => t.id)).toEqual([newer.id, older.id]);

      await tx((r) => r.apiTokens.touch(older.id, now));
      expect((await store.read.apiTokens.byTokenHash(older.tokenHash, now))?.lastUsedAt).toEqual(now);

      const stranger = await tx((r) => newUser(r));
      expect(await tx((r) => r.apiTokens.revoke(older.id, stranger.id, now))).toBe(false);
      expect(await tx((r) => r.apiTokens.revoke(older.id, u.id, now))).toBe(true);
      expect(await tx((r) => r.apiTokens.revoke(older.id, u.id, now))).toBe(false);
      expect(await store.read.apiTokens.byTokenHash(older.tokenHash, now)).toBeUndefined();
      // Revoked tokens stay listed (the user sees them as revoked).
      const listed = await store.read.apiTokens.listForUser(u.id);
      expect(listed.find((t) => t.id === older.id)?.revokedAt).toEqual(now);
    });

    it('an expired token is not found and cannot be revoked', async () => {
      const u = await tx((r) => newUser(r));
      const t = mkToken(u.id, { expiresAt: ms(1000) });
      await tx((r) => r.apiTokens.create(t));
      expect(await store.read.apiTokens.byTokenHash(t.tokenHash, new Date())).toBeDefined();
      expect(await store.read.apiTokens.byTokenHash(t.tokenHash, t.expiresAt!)).toBeUndefined();
      expect(await tx((r) => r.apiTokens.revoke(t.id, u.id, ms(2000)))).toBe(false);
    });
  });
}
