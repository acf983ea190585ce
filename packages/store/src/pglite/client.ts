import { Worker } from 'node:worker_threads';
import type { SerializedDbError, WorkerInit, WorkerRequest, WorkerResponse } from './protocol.ts';

/** A PostgreSQL error raised in the embedded database, with its SQLSTATE `code` like pg's. */
export class EmbeddedDatabaseError extends Error {
  code?: string;
  detail?: string;
  hint?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  severity?: string;
  constructor(e: SerializedDbError) {
    super(e.message);
    this.name = 'EmbeddedDatabaseError';
    const { message: _m, stack: _s, ...fields } = e;
    Object.assign(this, fields);
  }
}

export interface WorkerQueryResult {
  rows: unknown[];
  command: string | undefined;
  affectedRows: number | undefined;
}

interface Pending {
  resolve: (value: WorkerQueryResult) => void;
  reject: (err: Error) => void;
  /** Captured where the query was issued, so a failure points at the caller, not the worker. */
  callSite: Error;
}

const CLOSE_TIMEOUT_MS = 10_000;

/**
 * The main thread's handle on the PGlite worker: sends queries, matches answers by id, and turns
 * a dead worker into a clear error for every query waiting on it.
 */
export class PgliteWorkerClient {
  #worker: Worker;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #failure: Error | null = null;
  #closing: Promise<void> | null = null;
  #onClosed: (() => void) | null = null;
  /** Milliseconds the worker took to open the database (initdb on a fresh folder). */
  openMs = 0;

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  /** Starts a worker owning the PGlite database in `pgdata`; resolves once it answers. */
  static async start(pgdata: string): Promise<PgliteWorkerClient> {
    const init: WorkerInit = { pgdata };
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: init });
    const client = new PgliteWorkerClient(worker);
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`The embedded database could not start: its worker exited with code ${code}.`));
      const onError = (err: Error) => reject(new Error(`The embedded database could not start: ${err.message}`, { cause: err }));
      worker.once('exit', onExit);
      worker.once('error', onError);
      worker.once('message', (msg: WorkerResponse) => {
        worker.off('exit', onExit);
        worker.off('error', onError);
        if (msg.type === 'ready') {
          client.openMs = msg.openMs;
          resolve();
        } else {
          const detail = msg.type === 'open-failed' ? msg.error.message : `unexpected message ${msg.type}`;
          void worker.terminate();
          reject(new Error(`The embedded database in ${pgdata} could not be opened: ${detail}`));
        }
      });
    });
    client.#listen();
    worker.unref();
    return client;
  }

  #listen(): void {
    const w = this.#worker;
    w.on('message', (msg: WorkerResponse) => this.#onMessage(msg));
    w.on('error', (err: Error) => this.#fail(new Error(`The embedded database stopped: its worker crashed (${err.message}).`, { cause: err })));
    w.on('messageerror', (err: Error) => this.#fail(new Error(`The embedded database stopped: a message could not be read (${err.message}).`, { cause: err })));
    w.on('exit', (code: number) => {
      if (this.#closing) {
        this.#fail(new Error('The embedded database is closed.'));
        this.#onClosed?.();
      } else {
        this.#fail(new Error(`The embedded database stopped: its worker exited unexpectedly with code ${code}.`));
      }
    });
  }

  #onMessage(msg: WorkerResponse): void {
    if (msg.type === 'closed') {
      this.#onClosed?.();
      return;
    }
    if (msg.type !== 'result' && msg.type !== 'error') return;
    const p = this.#pending.get(msg.id);
    if (!p) return;
    this.#settled(msg.id);
    if (msg.type === 'result') {
      p.resolve({ rows: msg.rows, command: msg.command, affectedRows: msg.affectedRows });
    } else {
      const err = new EmbeddedDatabaseError(msg.error);
      err.stack = `${err.name}: ${err.message}\n${p.callSite.stack?.split('\n').slice(1).join('\n') ?? ''}`;
      p.reject(err);
    }
  }

  #fail(err: Error): void {
    if (this.#failure) return;
    this.#failure = err;
    for (const [id, p] of this.#pending) {
      this.#settled(id);
      p.reject(err);
    }
  }

  #settled(id: number): void {
    this.#pending.delete(id);
    // Let the process exit when nothing is waiting on the database (a forgotten close must not
    // hang a CLI command); a query in flight keeps it alive.
    if (this.#pending.size === 0) this.#worker.unref();
  }

  #send(msg: WorkerRequest): void {
    this.#worker.postMessage(msg);
  }

  query(sql: string, parameters: readonly unknown[]): Promise<WorkerQueryResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closing) return Promise.reject(new Error('The embedded database is closed.'));
    const id = this.#nextId++;
    return new Promise<WorkerQueryResult>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, callSite: new Error() });
      this.#worker.ref();
      try {
        this.#send({ type: 'query', id, sql, parameters });
      } catch (err) {
        // A parameter that cannot be cloned (a function, a symbol): the query never left.
        this.#settled(id);
        reject(err as Error);
      }
    });
  }

  /** The error that stopped the worker, if it stopped. */
  get failure(): Error | null {
    return this.#failure;
  }

  /** Closes the database cleanly in the worker (checkpoint and release files), then ends it. */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closing = (async () => {
      if (this.#failure) {
        await this.#worker.terminate();
        return;
      }
      this.#worker.ref();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
        this.#onClosed = () => {
          clearTimeout(timer);
          resolve();
        };
        this.#send({ type: 'close', id: this.#nextId++ });
      });
      await this.#worker.terminate();
    })();
    return this.#closing;
  }

  /** For tests: ends the worker abruptly, as a crash would. */
  async killForTest(): Promise<void> {
    await this.#worker.terminate();
  }
}
