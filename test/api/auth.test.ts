import { ApiError } from '@steward/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signedUp, startStack, STORES, uniqueEmail, type Stack } from '../helpers/stack.ts';

for (const s of STORES) {
  describe.skipIf(!s.enabled)(`accounts and sessions (${s.name})`, () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack(s.name);
    });
    afterAll(() => stack?.close());

    it('signs up, is signed in, signs out, and the old session stops working', async () => {
      const b = await signedUp(stack, 'ana');
      const me = await b.client.call('me');
      expect(me.user.email).toBe(b.email);
      expect(me.collectives).toEqual([]);
      const sessionCookie = b.cookies.get('steward_session')!;
      await b.client.call('signOut');
      expect(b.cookies.has('steward_session')).toBe(false);
      const replay = await fetch(`${stack.url}/api/v1/me`, { headers: { cookie: `steward_session=${sessionCookie}` } });
      expect(replay.status).toBe(401);
    });

    it('sets the session cookie HttpOnly and SameSite, and stores only a scrypt hash of the password', async () => {
      const email = uniqueEmail('cookie');
      const res = await fetch(`${stack.url}/api/v1/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD, displayName: 'Cookie' }),
      });
      expect(res.status).toBe(201);
      const session = res.headers.getSetCookie().find((c) => c.startsWith('steward_session='))!;
      expect(session).toMatch(/HttpOnly/i);
      expect(session).toMatch(/SameSite=Lax/i);
      const user = await stack.store.read.users.byEmail(email);
      expect(user!.passwordHash).toMatch(/^scrypt\$\d+\$8\$1\$/);
      expect(user!.passwordHash).not.toContain(PASSWORD);
    });

    it('signs in with the right password only, and says the same for unknown e-mails', async () => {
      const b = await signedUp(stack, 'ben');
      const fresh = stack.browser();
      const ok = await fresh.client.call('signIn', { body: { email: b.email.toUpperCase(), password: PASSWORD } });
      expect(ok.user.email).toBe(b.email);
      const wrong = await fresh.client.call('signIn', { body: { email: b.email, password: 'not the password' } }).catch((e) => e);
      const unknown = await fresh.client.call('signIn', { body: { email: uniqueEmail('ghost'), password: PASSWORD } }).catch((e) => e);
      expect(wrong).toBeInstanceOf(ApiError);
      expect([wrong.status, wrong.code]).toEqual([401, 'invalid_credentials']);
      expect([unknown.status, unknown.code, unknown.message]).toEqual([401, 'invalid_credentials', wrong.message]);
    });

    it('rate-limits sign-in failures per e-mail with Retry-After', async () => {
      const b = await signedUp(stack, 'carla');
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 11; i++) {
        const res = await fetch(`${stack.url}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: b.email, password: `guess-${i}` }),
        });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      // Even the right password is refused while the limit holds.
      const right = await stack.browser().client.call('signIn', { body: { email: b.email, password: PASSWORD } }).catch((e) => e);
      expect(right.status).toBe(429);
    });

    it('refuses cookie-authenticated writes without the CSRF header', async () => {
      const b = await signedUp(stack, 'dora');
      const res = await fetch(`${stack.url}/api/v1/collectives`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `steward_session=${b.cookies.get('steward_session')}` },
        body: JSON.stringify({ slug: 'csrf-test', name: 'CSRF test', kind: 'union' }),
      });
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('csrf_failed');
      expect(await stack.store.read.collectives.bySlug('csrf-test')).toBeUndefined();
    });

    it('issues personal API tokens that work as Bearer tokens until revoked', async () => {
      const b = await signedUp(stack, 'eve');
      const created = await b.client.call('createToken', { body: { name: 'laptop CLI' } });
      expect(created.token).toMatch(/^stw_/);
      const list = await b.client.call('listTokens');
      expect(list.items.map((t) => t.id)).toEqual([created.id]);
      expect(JSON.stringify(list)).not.toContain(created.token);

      const asToken = await fetch(`${stack.url}/api/v1/me`, { headers: { authorization: `Bearer ${created.token}` } });
      expect(asToken.status).toBe(200);
      // A token cannot mint further tokens.
      const mint = await fetch(`${stack.url}/api/v1/me/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'child' }),
      });
      expect(mint.status).toBe(403);

      await b.client.call('revokeToken', { params: { tokenId: created.id } });
      const after = await fetch(`${stack.url}/api/v1/me`, { headers: { authorization: `Bearer ${created.token}` } });
      expect(after.status).toBe(401);
      expect((await after.json()).code).toBe('invalid_token');
      const again = await b.client.call('revokeToken', { params: { tokenId: created.id } }).catch((e) => e);
      expect(again.status).toBe(404);
    });

    it('refuses weak passwords and taken e-mails, naming the field', async () => {
      const b = await signedUp(stack, 'finn');
      const weak = await stack.browser().client.call('signUp', { body: { email: uniqueEmail(), password: 'short', displayName: 'x' } }).catch((e) => e);
      expect(weak.status).toBe(422);
      expect(weak.errors.map((e: { field: string }) => e.field)).toContain('password');
      const taken = await stack.browser().client.call('signUp', { body: { email: b.email, password: PASSWORD, displayName: 'x' } }).catch((e) => e);
      expect([taken.status, taken.code]).toEqual([409, 'email_taken']);
    });
  });
}
