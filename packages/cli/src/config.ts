import { resolve } from 'node:path';

/**
 * Runtime settings, read once here at the edge from flags and the environment (DESIGN.md
 * example 9); nothing deeper reads `process.env`.
 */
export interface RuntimeConfig {
  /** PostgreSQL connection string; when set, the embedded store is not used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded store (and later keys). */
  dataDir: string;
}

export interface ServeConfig extends RuntimeConfig {
  port: number;
  host: string;
  demo: boolean;
  /** The URL people reach the server at; https there makes cookies Secure. */
  publicUrl: string | undefined;
}

type Env = Record<string, string | undefined>;

export function runtimeConfig(flags: { data?: string }, env: Env): RuntimeConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(flags.data ?? env.STEWARD_DATA ?? '.steward-data'),
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
