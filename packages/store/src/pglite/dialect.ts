import {
  AbortedTransactionError,
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { PgliteWorkerClient } from './client.ts';
import { FifoMutex } from './mutex.ts';

/**
 * A Kysely dialect for PGlite running in a worker thread. PGlite is PostgreSQL, so SQL
 * compilation and introspection are Kysely's own PostgreSQL ones; only the transport differs.
 */
export class PgliteWorkerDialect implements Dialect {
  #client: PgliteWorkerClient;
  constructor(client: PgliteWorkerClient) {
    this.#client = client;
  }
  createDriver(): Driver {
    return new PgliteWorkerDriver(this.#client);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

class PgliteWorkerConnection implements DatabaseConnection {
  #client: PgliteWorkerClient;
  constructor(client: PgliteWorkerClient) {
    this.#client = client;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.#client.query(compiled.sql, compiled.parameters);
    // Same shape as Kysely's pg driver, which reports the tag of COMMIT so an aborted
    // transaction's COMMIT (answered with ROLLBACK) can be detected.
    if (res.command === 'COMMIT' || res.command === 'ROLLBACK') return { rows: [{ command: res.command } as R] };
    const writes = res.command === 'INSERT' || res.command === 'UPDATE' || res.command === 'DELETE' || res.command === 'MERGE';
    return {
      rows: res.rows as R[],
      ...(writes ? { numAffectedRows: BigInt(res.affectedRows ?? 0) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported by the embedded database.');
  }
}

/**
 * One connection guarded by a FIFO mutex: Kysely acquires it for a single query or for a whole
 * transaction, so no other statement can run between a transaction's BEGIN and COMMIT.
 */
class PgliteWorkerDriver implements Driver {
  #client: PgliteWorkerClient;
  #connection: PgliteWorkerConnection;
  #mutex = new FifoMutex();
  #destroyed = false;

  constructor(client: PgliteWorkerClient) {
    this.#client = client;
    this.#connection = new PgliteWorkerConnection(client);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#destroyed) throw new Error('The embedded database is closed.');
    await this.#mutex.lock();
    if (this.#destroyed) {
      this.#mutex.unlock();
      throw new Error('The embedded database is closed.');
    }
    return this.#connection;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let text = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      text = 'start transaction';
      if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) text += ` ${settings.accessMode}`;
    }
    await conn.executeQuery(CompiledQuery.raw(text));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    const { rows } = await conn.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'));
    if (rows[0]?.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    // Wait for whoever holds the connection (and everyone already queued) to finish, so a
    // transaction in progress commits or rolls back before the database closes.
    await this.#mutex.lock();
    this.#destroyed = true;
    try {
      await this.#client.close();
    } finally {
      this.#mutex.unlock();
    }
  }
}
