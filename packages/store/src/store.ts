import { AsyncLocalStorage } from 'node:async_hooks';
import type { GatedRecordReader, Readers, Repositories, Store } from '@steward/core';
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import { migrate } from './migrations/run.ts';
import { createReaders, createRepositories, createSnapshotReaders } from './repos/index.ts';

/** A Store plus what only adapters, tools and tests need; not part of core's port. */
export interface StewardStore extends Store {
  /** Applies pending migrations (already done by openStore; safe to call again). */
  migrate(): Promise<void>;
  /** The Kysely instance, for adapter-level tools and tests. Application code uses `read`, `transact` and `snapshot`. */
  readonly kysely: Kysely<Database>;
  /** The data folder of the embedded store; null for PostgreSQL. */
  readonly dataDir: string | null;
}

type Scope = 'transact' | 'snapshot';

/** Why a store call inside a running transaction or snapshot (`outer`) is refused. */
function refusal(outer: Scope, inner: 'read' | Scope): string {
  if (inner === 'read') {
    return outer === 'transact'
      ? 'store.read was used inside store.transact. Use the repositories passed to the transaction: they see its writes, ' +
          'and on the embedded store (one connection) a read outside it would wait forever.'
      : 'store.read was used inside store.snapshot. Use the readers passed to the snapshot: they read its one consistent view, ' +
          'and on the embedded store (one connection) a read outside it would wait forever.';
  }
  if (outer === 'transact' && inner === 'transact') {
    return (
      'store.transact was called inside another store.transact. Use the repositories passed to the outer transaction: ' +
      'a nested transaction would wait for a connection the outer one holds (and the embedded store has only one).'
    );
  }
  if (outer === 'snapshot' && inner === 'transact') {
    return 'store.transact was called inside store.snapshot. A snapshot is read-only: write before or after it, not during it.';
  }
  return (
    `store.snapshot was called inside ${outer === 'snapshot' ? 'another store.snapshot' : 'store.transact'}. Use the ` +
    `${outer === 'snapshot' ? 'readers' : 'repositories'} passed to the outer one: a nested one would wait for a connection it holds.`
  );
}

const SNAPSHOT_OVER = 'The readers of a store.snapshot were used after it ended. Read inside the snapshot’s function.';

/**
 * Runs `fn` in a READ ONLY, REPEATABLE READ transaction whose snapshot is taken before `fn`
 * starts (PostgreSQL takes it at the first statement, not at BEGIN). Any write in it fails.
 * Exported for the store's tests; everything else uses `Store.snapshot`.
 */
export function snapshotTransaction<T>(kysely: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return kysely
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await sql`select 1`.execute(trx);
      return fn(trx);
    });
}

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
  // Marks the async context of a running transaction or snapshot, to catch reads and nested
  // transactions inside it on every backend alike (on PostgreSQL they would work but not see
  // the transaction's writes or the snapshot's view; on PGlite they would deadlock).
  const inTransaction = new AsyncLocalStorage<Scope>();
  let closing: Promise<void> | null = null;
  const ensureOpen = () => {
    if (closing) throw new Error('The store is closed.');
  };
  const check = () => {
    ensureOpen();
    const outer = inTransaction.getStore();
    if (outer) throw new Error(refusal(outer, 'read'));
  };
  const guardAll = <R extends object>(readers: R, guardCheck: () => void): R =>
    Object.fromEntries(Object.entries(readers).map(([k, r]) => [k, guard(r as object, guardCheck)])) as R;
  const read = guardAll(createReaders(kysely), check);
  const begin = (inner: Scope) => {
    ensureOpen();
    const outer = inTransaction.getStore();
    if (outer) throw new Error(refusal(outer, inner));
  };

  return {
    kind: parts.kind,
    read,
    kysely,
    dataDir: parts.dataDir,
    async transact<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
      begin('transact');
      return inTransaction.run('transact', () => kysely.transaction().execute((trx) => fn(createRepositories(trx))));
    },
    async snapshot<T>(fn: (read: Readers & { gated: GatedRecordReader }) => Promise<T>): Promise<T> {
      begin('snapshot');
      return inTransaction.run('snapshot', () =>
        snapshotTransaction(kysely, async (trx) => {
          // The readers refuse to run once the snapshot has ended (its connection is gone).
          let open = true;
          try {
            return await fn(
              guardAll(createSnapshotReaders(trx), () => {
                if (!open) throw new Error(SNAPSHOT_OVER);
              }),
            );
          } finally {
            open = false;
          }
        }),
      );
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
