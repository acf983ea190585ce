import { isAbsolute, join, resolve } from 'node:path';

/**
 * Runtime settings, read once here at the edge from flags and the environment (DESIGN.md
 * example 9); nothing deeper reads `process.env`.
 */
export interface RuntimeConfig {
  /** PostgreSQL connection string; when set, the embedded store is not used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded store. */
  dataDir: string;
  /** Folder of the transparency logs' signing keys, outside the database. */
  keysDir: string;
  /** Host that begins every log origin, from STEWARD_PUBLIC_URL (default `localhost`). */
  logOriginHost: string;
}

export interface ServeConfig extends RuntimeConfig {
  port: number;
  host: string;
  demo: boolean;
  /** The URL people reach the server at; https there makes cookies Secure. */
  publicUrl: string | undefined;
}

type Env = Record<string, string | undefined>;

function originHost(publicUrl: string | undefined): string {
  if (!publicUrl) return 'localhost';
  try {
    const url = new URL(publicUrl);
    return url.host + url.pathname.replace(/\/+$/, '');
  } catch {
    throw new Error(`STEWARD_PUBLIC_URL: "${publicUrl}" is not a URL`);
  }
}

export function runtimeConfig(flags: { data?: string }, env: Env): RuntimeConfig {
  const dataDir = resolve(flags.data ?? env.STEWARD_DATA ?? '.steward-data');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    keysDir: resolve(env.STEWARD_KEYS ?? `${dataDir}/keys`),
    logOriginHost: originHost(env.STEWARD_PUBLIC_URL || undefined),
  };
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${raw}" is not a port number (0–65535)`);
  return port;
}

export function serveConfig(flags: { data?: string; port?: string; host?: string; demo?: boolean }, env: Env): ServeConfig {
  return {
    ...runtimeConfig(flags, env),
    port: parsePort(flags.port ?? env.PORT ?? '8080'),
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    demo: flags.demo ?? env.STEWARD_DEMO === '1',
    publicUrl: env.STEWARD_PUBLIC_URL || undefined,
  };
}

/** Where `steward log verify` keeps what it has verified: --state, else the XDG state folder. */
export function witnessStatePath(flags: { state?: string }, env: Env, home: string): string {
  if (flags.state) return resolve(flags.state);
  const xdg = env.XDG_STATE_HOME;
  // The XDG spec says relative values are invalid and must be ignored.
  const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'state');
  return join(base, 'steward', 'witness.json');
}
