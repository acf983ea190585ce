import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, startStack, STORES, type Stack } from '../helpers/stack.ts';

for (const s of STORES) {
  describe.skipIf(!s.enabled)(`bad input gets a clear problem (${s.name})`, () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack(s.name);
    });
    afterAll(() => stack?.close());

    const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(stack.url + path, { method: 'POST', headers, body });

    it('names each invalid field (422)', async () => {
      const res = await post('/api/v1/auth/sign-up', JSON.stringify({ email: 'no-at-sign', password: 'x', displayName: '' }));
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const body = await res.json();
      expect(body.code).toBe('validation_failed');
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['displayName', 'password']);
    });

    it('answers malformed JSON with 400 and a non-JSON body with 415', async () => {
      const bad = await post('/api/v1/auth/sign-in', '{"email":');
      expect(bad.status).toBe(400);
      expect((await bad.json()).code).toBe('malformed_json');
      const form = await post('/api/v1/auth/sign-in', 'email=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
    });

    it('refuses bodies over 1 MiB with 413', async () => {
      const res = await post('/api/v1/auth/sign-in', JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(1_100_000) }));
      expect(res.status).toBe(413);
    });

    it('names the field of a bad collective and of a bad dataset schema', async () => {
      const b = await signedUp(stack, 'errs');
      const col = await b.client.call('createCollective', { body: { slug: 'API', name: 'x', kind: 'union' } }).catch((e) => e);
      expect(col.status).toBe(422);
      expect(col.errors.map((e: { field: string }) => e.field)).toEqual(['slug', 'name']);
      await b.client.call('createCollective', { body: { slug: 'errs', name: 'Errors', kind: 'union' } });
      const ds = await b.client
        .call('createDataset', {
          params: { slug: 'errs' },
          body: { slug: 'hours', name: 'Hours', schema: { version: 1, fields: [{ name: 'worked', type: 'integer', category: 'pd:Nonsense', groupable: false, required: true }] } },
        })
        .catch((e) => e);
      expect(ds.status).toBe(422);
      expect(ds.errors).toEqual([{ field: 'schema.fields.0.category', message: expect.stringContaining('pd:WorkHistory') }]);
    });

    it('answers unknown API routes with a 404 problem', async () => {
      const res = await fetch(`${stack.url}/api/v1/nope`);
      expect(res.status).toBe(404);
      expect((await res.json()).code).toBe('not_found');
    });

    it('serves an OpenAPI 3.1 document listing every route', async () => {
      const { routes } = await import('@steward/contract');
      const doc = await (await fetch(`${stack.url}/openapi.json`)).json();
      expect(doc.openapi).toBe('3.1.0');
      const ops = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
      expect(ops.sort()).toEqual(Object.values(routes).map((r) => r.operationId).sort());
      expect(doc.components.securitySchemes.bearerAuth.scheme).toBe('bearer');
    });

    it('/healthz answers without credentials', async () => {
      const res = await fetch(`${stack.url}/healthz`);
      expect(await res.json()).toEqual({ status: 'ok', version: 'test', store: s.name });
    });
  });
}

describe('a failure inside reveals nothing', () => {
  it('answers 500 with a generic problem when the database is gone', async () => {
    const stack = await startStack('pglite');
    const b = await signedUp(stack, 'late');
    await stack.store.close();
    const res = await b.fetch(`${stack.url}/api/v1/me`);
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({
      type: expect.any(String),
      title: 'Internal error',
      status: 500,
      code: 'internal_error',
      detail: expect.stringMatching(/went wrong on our side/),
    });
    await stack.close().catch(() => {});
  });
});
