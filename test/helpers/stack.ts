import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppConfig, type Clock } from '@steward/app';
import { createClient, type Client } from '@steward/contract';
import { createHttpApp, startHttpServer } from '@steward/server';
import { generateSignerKey } from '@steward/core';
import { fileKeyStore, openStore } from '@steward/store';

/** The stores every integration suite runs against: always the embedded one, PostgreSQL when configured. */
export const STORES = [
  { name: 'pglite', enabled: true },
  { name: 'postgres', enabled: Boolean(process.env.STEWARD_TEST_DATABASE_URL) },
] as const;

export type StoreName = (typeof STORES)[number]['name'];

export interface Stack {
  url: string;
  /** The stack's private temporary folder (uploads/, keys/, data/ for PGlite). */
  dir: string;
  app: App;
  store: Awaited<ReturnType<typeof openStore>>;
  /** A client with its own cookie jar, as a browser would have. */
  browser(): BrowserClient;
  close(): Promise<void>;
}

export interface BrowserClient {
  client: Client;
  cookies: Map<string, string>;
  fetch: typeof fetch;
}

/** Scrypt at a low cost keeps tests quick; the hashing code path is the real one. */
const TEST_PASSWORD_COST = { logN: 12, r: 8, p: 1 };

/** Boots the real app and HTTP server in-process against a real database. */
export async function startStack(kind: StoreName, options: { uploadMaxBytes?: number; clock?: Clock; config?: Partial<AppConfig> } = {}): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), 'steward-test-'));
  const store =
    kind === 'postgres'
      ? await openStore({ databaseUrl: process.env.STEWARD_TEST_DATABASE_URL!, schema: `t_${randomUUID().replace(/-/g, '')}` })
      : await openStore({ dataDir: join(dir, 'data') });
  const keys = fileKeyStore(join(dir, 'keys'), (name) => generateSignerKey(name));
  const app = createApp({ store, keys, clock: options.clock, config: { passwordCost: TEST_PASSWORD_COST, logOriginHost: 'steward.test', ...options.config } });
  const http = createHttpApp(app, { cookies: { secure: false }, version: 'test', uploads: { dir: join(dir, 'uploads'), maxBytes: options.uploadMaxBytes } });
  const server = await startHttpServer(http.fetch, { port: 0, host: '127.0.0.1' });
  return {
    url: server.url,
    dir,
    app,
    store,
    browser: () => browserClient(server.url),
    async close() {
      await server.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A fetch with a cookie jar and the CSRF header taken from the jar, like the web app. */
export function browserClient(baseUrl: string): BrowserClient {
  const cookies = new Map<string, string>();
  const jarFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(input, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  };
  const client = createClient({ baseUrl, fetch: jarFetch, csrfToken: () => cookies.get('steward_csrf') });
  return { client, cookies, fetch: jarFetch };
}

/** A clock tests move forward (to close votes) without waiting. */
export function testClock(): Clock & { advanceDays(days: number): void; offsetMs: number } {
  const clock = {
    offsetMs: 0,
    now: () => new Date(Date.now() + clock.offsetMs),
    advanceDays: (days: number) => {
      clock.offsetMs += days * 86_400_000;
    },
  };
  return clock;
}

let counter = 0;
/** A fresh e-mail address per call, so tests sharing a database do not collide. */
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}-${counter}-${randomUUID().slice(0, 8)}@test.example`;
}

export const PASSWORD = 'correct horse battery staple';

/** Signs up a new person through the API and returns their signed-in browser. */
export async function signedUp(stack: Stack, label = 'user'): Promise<BrowserClient & { email: string; userId: string }> {
  const b = stack.browser();
  const email = uniqueEmail(label);
  const res = await b.client.call('signUp', { body: { email, password: PASSWORD, displayName: label } });
  return { ...b, email, userId: res.user.id };
}
