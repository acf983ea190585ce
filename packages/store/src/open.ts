import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from './db/schema.ts';
import { lockDataDir } from './lock.ts';
import { migrate } from './migrations/run.ts';
import { PgliteWorkerClient } from './pglite/client.ts';
import { PgliteWorkerDialect } from './pglite/dialect.ts';
import { createStore, type StewardStore } from './store.ts';

export interface StoreOptions {
  /** A PostgreSQL URL; when set, the store uses PostgreSQL and ignores `dataDir`. */
  databaseUrl?: string;
  /** Folder of the embedded store (PGlite keeps its files in `<dataDir>/pgdata`). */
  dataDir?: string;
  /** PostgreSQL only: a schema to create and use, so test runs are isolated from each other. */
  schema?: string;
}

/** Opens the store (PostgreSQL or embedded PGlite) and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<StewardStore> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema);
  if (!options.dataDir) throw new Error('openStore needs a databaseUrl or a dataDir.');
  return openEmbedded(resolve(options.dataDir));
}

async function openPostgres(databaseUrl: string, schema?: string): Promise<StewardStore> {
  // Loaded only when used, so the embedded store does not pay for loading pg at start-up.
  const { checkSchemaName, createPool } = await import('./postgres/pool.ts');
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(databaseUrl, schema) }) });
  try {
    if (schema) await sql`create schema if not exists ${sql.id(checkSchemaName(schema))}`.execute(kysely);
    await migrate(kysely);
  } catch (err) {
    await kysely.destroy();
    throw err;
  }
  return createStore({ kind: 'postgres', kysely, dataDir: null });
}

async function openEmbedded(dataDir: string): Promise<StewardStore> {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  let client: PgliteWorkerClient | null = null;
  // Kysely only closes a driver it has used, so the worker is also closed directly (idempotent).
  const shutdown = async () => {
    try {
      await client?.close();
    } finally {
      lock.release();
    }
  };
  try {
    client = await PgliteWorkerClient.start(join(dataDir, 'pgdata'));
    const kysely = new Kysely<Database>({ dialect: new PgliteWorkerDialect(client) });
    try {
      await migrate(kysely);
    } catch (err) {
      await kysely.destroy();
      throw err;
    }
    return createStore({ kind: 'pglite', kysely, dataDir, afterClose: shutdown });
  } catch (err) {
    await shutdown();
    throw err;
  }
}
