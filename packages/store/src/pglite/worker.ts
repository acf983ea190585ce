/**
 * Runs in a worker thread and owns the embedded PGlite database. PGlite executes queries on the
 * thread that calls it, so keeping it here leaves the main thread (the HTTP server) free while
 * a long query runs. The main thread serialises access (one connection), so queries arrive here
 * one at a time; a transaction spans several messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { SerializedDbError, WorkerInit, WorkerRequest, WorkerResponse } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('pglite worker must run in a worker thread');
const init = workerData as WorkerInit;

function serializeError(err: unknown): SerializedDbError {
  if (err instanceof Error) {
    const e = err as Error & Partial<Record<'code' | 'detail' | 'hint' | 'constraint' | 'table' | 'column' | 'schema' | 'severity', string>>;
    const out: SerializedDbError = { message: e.message };
    for (const k of ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'severity'] as const) {
      if (typeof e[k] === 'string') out[k] = e[k];
    }
    if (e.stack) out.stack = e.stack;
    return out;
  }
  return { message: String(err) };
}

function send(msg: WorkerResponse): void {
  port!.postMessage(msg);
}

async function main(): Promise<void> {
  const started = performance.now();
  let db: PGlite;
  try {
    db = new PGlite(init.pgdata);
    await db.waitReady;
  } catch (err) {
    send({ type: 'open-failed', error: serializeError(err) });
    return;
  }
  send({ type: 'ready', openMs: performance.now() - started });

  // Queries are chained so that, even if the main thread sent two at once, they run in order.
  let chain: Promise<void> = Promise.resolve();
  port!.on('message', (msg: WorkerRequest) => {
    chain = chain.then(async () => {
      if (msg.type === 'close') {
        try {
          await db.close();
        } finally {
          send({ type: 'closed', id: msg.id });
          port!.close();
        }
        return;
      }
      try {
        const res = await db.query(msg.sql, msg.parameters as unknown[]);
        send({ type: 'result', id: msg.id, rows: res.rows, command: res.command, affectedRows: res.affectedRows });
      } catch (err) {
        send({ type: 'error', id: msg.id, error: serializeError(err) });
      }
    });
  });
}

void main();
