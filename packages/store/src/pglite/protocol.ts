/**
 * Messages between the main thread and the worker that owns the embedded database. Values cross
 * by structured clone, so Date, BigInt and Uint8Array parameters and results survive as they are.
 */

export interface QueryRequest {
  type: 'query';
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

export interface CloseRequest {
  type: 'close';
  id: number;
}

export type WorkerRequest = QueryRequest | CloseRequest;

/** The fields of a PostgreSQL error worth keeping: `code` is the SQLSTATE (23505…). */
export interface SerializedDbError {
  message: string;
  code?: string;
  detail?: string;
  hint?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  severity?: string;
  stack?: string;
}

export type WorkerResponse =
  | { type: 'ready'; openMs: number }
  | { type: 'open-failed'; error: SerializedDbError }
  | { type: 'result'; id: number; rows: unknown[]; command: string | undefined; affectedRows: number | undefined }
  | { type: 'error'; id: number; error: SerializedDbError }
  | { type: 'closed'; id: number };

export interface WorkerInit {
  /** Folder PGlite keeps its PGDATA in. */
  pgdata: string;
}
