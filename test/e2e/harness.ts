import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createApp, DEMO_PASSWORD, seedDemo, type Clock } from '@steward/app';
import { generateSignerKey } from '@steward/core';
import { createHttpApp, startHttpServer } from '@steward/server';
import { fileKeyStore, openStore } from '@steward/store';
import { chromium, type Browser } from 'playwright-core';

/**
 * What every browser test needs: the real server started by `steward serve --demo` on a fresh
 * data folder, and Debian's Chromium driven by playwright-core. One place, so the e2e files hold
 * only their scenarios.
 */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHOTS = join(ROOT, 'test-results');
export const STARTUP_MS = 110_000;
const CHROMIUM = process.env.STEWARD_CHROMIUM ?? '/usr/bin/chromium';
const WEB = join(ROOT, 'packages/web');

/** Newest modification time under a directory (the web app's sources). */
function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** Builds the web app when dist/ is missing or older than its sources, so the test sees this code. */
function ensureWebBuild(): void {
  const index = join(WEB, 'dist/index.html');
  const sources = Math.max(newest(join(WEB, 'src')), statSync(join(WEB, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  // Vitest sets NODE_ENV=test, which would give a development build of React.
  const res = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (res.status !== 0) throw new Error(`Building the web app failed:\n${res.stdout}\n${res.stderr}`);
}

/** Starts `steward serve --demo` on a free port; resolves with its URL and the demo password. */
function startServer(dir: string, output: string[]): { child: ChildProcess; ready: Promise<{ url: string; password: string }> } {
  const child = spawn(join(ROOT, 'node_modules/.bin/node'), ['packages/cli/bin/steward.js', 'serve', '--demo', '--port', '0', '--host', '127.0.0.1', '--data', dir], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<{ url: string; password: string }>((resolve, reject) => {
    let url: string | undefined;
    let password: string | undefined;
    const fail = (why: string) => reject(new Error(`${why}\n--- server output ---\n${output.join('\n')}`));
    const timer = setTimeout(() => fail(`The server did not report its URL and demo password within ${STARTUP_MS / 1000} s.`), STARTUP_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      url ??= /Steward is running at (http:\/\/\S+)/.exec(line)?.[1];
      password ??= /Demo password: (\S+)/.exec(line)?.[1];
      if (url && password) {
        clearTimeout(timer);
        resolve({ url: url.replace(/\/$/, ''), password });
      }
    });
    createInterface({ input: child.stderr! }).on('line', (line) => output.push(`[stderr] ${line}`));
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(`Could not start the server: ${e.message}`);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!url || !password) fail(`The server exited (code ${code}, signal ${signal}) before it was ready.`);
    });
  });
  return { child, ready };
}

/**
 * The same demo collective and web app served in this process, on a clock the test moves: what
 * `steward serve --demo` does, minus the background jobs (the test decides when votes close).
 */
async function startInProcess(dir: string, clock: Clock): Promise<{ url: string; password: string; close(): Promise<void> }> {
  const store = await openStore({ dataDir: join(dir, 'data') });
  const keys = fileKeyStore(join(dir, 'keys'), (name) => generateSignerKey(name));
  const app = createApp({ store, keys, clock, config: { logOriginHost: 'steward.e2e' } });
  await seedDemo(app.deps);
  await app.publishCheckpoints();
  const http = createHttpApp(app, { cookies: { secure: false }, version: 'e2e', webDistDir: join(WEB, 'dist') });
  const server = await startHttpServer(http.fetch, { port: 0, host: '127.0.0.1' });
  return {
    url: server.url.replace(/\/$/, ''),
    password: DEMO_PASSWORD,
    async close() {
      await server.close();
      await store.close();
    },
  };
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Demo {
  /** The server's base URL, without a trailing slash. */
  url: string;
  /** The demo accounts' password, as the server printed it. */
  password: string;
  browser: Browser;
  /** Closes the browser, stops the server and removes its data folder. */
  close(): Promise<void>;
}

/**
 * Starts the demo server and Chromium for one e2e file; fails clearly when Chromium is missing.
 * With a `clock`, the demo runs in this process on that clock (votes last days: a test moves time).
 */
export async function startDemo(what: string, options: { clock?: Clock } = {}): Promise<Demo> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}. The ${what} end-to-end test needs a real browser: ` +
        'install Debian’s with `apt-get install -y chromium fonts-liberation`, or point STEWARD_CHROMIUM at one.',
    );
  }
  mkdirSync(SHOTS, { recursive: true });
  ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), `steward-e2e-${what}-`));
  const output: string[] = [];
  if (options.clock) {
    const local = await startInProcess(dataDir, options.clock);
    let localBrowser: Browser | undefined;
    const closeLocal = async () => {
      await localBrowser?.close();
      await local.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
    try {
      localBrowser = await launchChromium();
      return { url: local.url, password: local.password, browser: localBrowser, close: closeLocal };
    } catch (err) {
      await closeLocal();
      throw err;
    }
  }
  const server = startServer(dataDir, output);
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    if (server.child.exitCode === null) {
      const exited = new Promise((r) => server.child.once('exit', r));
      server.child.kill('SIGTERM');
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const { url, password } = await server.ready;
    browser = await launchChromium();
    return { url, password, browser, close };
  } catch (err) {
    await close();
    throw err;
  }
}
