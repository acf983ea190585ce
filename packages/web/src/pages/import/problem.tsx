import { ApiError, errorMessage } from '../../lib/api.ts';
import { formatBytes } from '../../lib/format.ts';
import { Alert } from '../../ui/index.ts';

/** A failed upload or import, in words: a title, maybe a sentence, and each problem the server named. */
export interface ImportProblem {
  /** Changes with every new problem, so the Alert mounts again and takes focus again. */
  id: number;
  title: string;
  detail?: string;
  /** `field: message` for each error the server named (the file, a row, a column). */
  items: string[];
}

let next = 0;

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Turns what the upload or the import threw into an ImportProblem. */
export function toImportProblem(e: unknown, file?: { name: string; size: number }): ImportProblem {
  const id = ++next;
  if (e instanceof ApiError && (e.status === 413 || e.code === 'upload_too_large')) {
    const name = file ? `“${file.name}” (${formatBytes(file.size)})` : 'This file';
    return { id, title: `${name} is too large for this server.`, detail: e.code === 'http_error' ? undefined : e.message, items: [] };
  }
  if (e instanceof ApiError && e.code !== 'http_error') {
    const items = e.errors.map((err) => (err.field ? `${err.field}: ${err.message}` : err.message));
    // A single error is usually the whole message too ("file.zip: is not a readable zip…"): say it once.
    if (items.length === 1 && items[0] === e.message) {
      return { id, title: e.status === 422 ? 'Steward could not read this file.' : 'That did not work.', items };
    }
    return { id, title: e.message, items };
  }
  return { id, title: errorMessage(e), items: [] };
}

/** The problem, in an Alert that takes focus so keyboard and screen-reader users land on it. */
export function ImportProblemAlert({ problem }: { problem: ImportProblem | null }) {
  if (!problem) return null;
  return (
    <Alert key={problem.id} tone="error" title={problem.title} focus>
      {problem.detail ? <p>{problem.detail}</p> : null}
      {problem.items.length > 0 ? (
        <ul className="break-anywhere">
          {problem.items.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
