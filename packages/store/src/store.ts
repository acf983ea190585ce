import { AsyncLocalStorage } from 'node:async_hooks';
import type { Readers, Repositories, Store } from '@steward/core';
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import { migrate } from './migrations/run.ts';
import { createReaders, createRepositories } from './repos/index.ts';

/** A Store plus what only adapters, tools and tests need; not part of core's port. */
export interface StewardStore extends Store {
  /** Applies pending migrations (already done by openStore; safe to call again). */
  migrate(): Promise<void>;
  /** The Kysely instance, for adapter-level tools and tests. Application code uses `read` and `transact`. */
  readonly kysely: Kysely<Database>;
  /** The data folder of the embedded store; null for PostgreSQL. */
  readonly dataDir: string | null;
}

const NESTED =
  'store.transact was called inside another store.transact. Use the repositories passed to the outer transaction: ' +
  'a nested transaction would wait for a connection the outer one holds (and the embedded store has only one).';
const READ_IN_TX =
  'store.read was used inside store.transact. Use the repositories passed to the transaction: they see its writes, ' +
  'and on the embedded store (one connection) a read outside it would wait forever.';

/** Wraps every method so that it first runs `check` (and rejects if it throws). */
function guard<T extends object>(reader: T, check: () => void): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(reader)) {
    out[name] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            check();
            return (value as (...a: unknown[]) => unknown)(...args);
          }
        : value;
  }
  return out as T;
}

export interface StoreParts {
  kind: Store['kind'];
  kysely: Kysely<Database>;
  dataDir: string | null;
  /** Runs after the database is closed (ends the worker, releases the data-folder lock). */
  afterClose?: () => Promise<void>;
}

export function createStore(parts: StoreParts): StewardStore {
  const { kysely } = parts;
  // Marks the async context of a running transaction, to catch reads and nested transactions
  // inside it on every backend alike (on PostgreSQL they would work but not see the
  // transaction's writes; on PGlite they would deadlock).
  const inTransaction = new AsyncLocalStorage<true>();
  let closing: Promise<void> | null = null;
  const ensureOpen = () => {
    if (closing) throw new Error('The store is closed.');
  };
  const check = () => {
    ensureOpen();
    if (inTransaction.getStore()) throw new Error(READ_IN_TX);
  };
  const raw = createReaders(kysely);
  const read = Object.fromEntries(Object.entries(raw).map(([k, r]) => [k, guard(r as object, check)])) as unknown as Readers;

  return {
    kind: parts.kind,
    read,
    kysely,
    dataDir: parts.dataDir,
    async transact<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
      ensureOpen();
      if (inTransaction.getStore()) throw new Error(NESTED);
      return inTransaction.run(true, () => kysely.transaction().execute((trx) => fn(createRepositories(trx))));
    },
    async ping() {
      ensureOpen();
      await sql`select 1`.execute(kysely);
    },
    async migrate() {
      ensureOpen();
      await migrate(kysely);
    },
    close() {
      closing ??= (async () => {
        try {
          await kysely.destroy();
        } finally {
          await parts.afterClose?.();
        }
      })();
      return closing;
    },
  };
}
