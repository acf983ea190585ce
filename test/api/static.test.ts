import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@steward/app';
import { createHttpApp } from '@steward/server';
import { generateSignerKey } from '@steward/core';
import { fileKeyStore, openStore } from '@steward/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('serving the web app', () => {
  let dir: string;
  let http: ReturnType<typeof createHttpApp>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'steward-web-'));
    await mkdir(join(dir, 'dist/assets'), { recursive: true });
    await writeFile(join(dir, 'dist/index.html'), '<!doctype html><title>Steward</title><div id="root"></div>');
    await writeFile(join(dir, 'dist/assets/app-abc123.js'), 'console.log("app")');
    const store = await openStore({ dataDir: join(dir, 'data') });
    close = () => store.close();
    http = createHttpApp(createApp({ store, keys: fileKeyStore(join(dir, 'keys'), (name) => generateSignerKey(name)) }), { cookies: { secure: false }, version: 'test', webDistDir: join(dir, 'dist') });
  });
  afterAll(async () => {
    await close?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers app routes with index.html, uncached, under a strict content security policy', async () => {
    for (const path of ['/', '/c/demo', '/join/sti_abc']) {
      const res = await http.request(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBeTruthy();
    }
  });

  it('serves hashed assets as immutable, and a missing asset as 404 rather than HTML', async () => {
    const ok = await http.request('/assets/app-abc123.js');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toMatch(/immutable/);
    const missing = await http.request('/assets/app-old999.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).not.toMatch(/html/);
  });

  it('keeps unknown API paths as problem documents', async () => {
    const res = await http.request('/api/v1/unknown');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
