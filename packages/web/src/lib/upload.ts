import { routes, type RouteDef, type RouteInput, type RouteName, type RouteOutput, type Routes } from '@steward/contract';
import { ApiError, csrfToken } from './api.ts';

/**
 * Uploads for the routes the contract marks `upload: true`, with progress.
 *
 * Why not the typed client: it uses fetch, and fetch reports no upload progress (a streaming
 * request body would, but browsers allow it only over HTTP/2 and not with a simple Blob). A
 * platform export can be tens of megabytes on a phone connection, so for these calls alone we
 * use XMLHttpRequest and its `upload.onprogress`. Everything else matches the client exactly:
 * same URL, method and headers (`application/octet-stream`, `x-file-name`, the CSRF token from
 * the `steward_csrf` cookie), the JSON answer, and a problem document thrown as the same ApiError.
 */

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send (the file's size). */
  total: number;
  /** All bytes are sent: the server is now reading the file. */
  sent: boolean;
}

type UploadRouteName = { [N in RouteName]: Routes[N] extends { upload: true } ? N : never }[RouteName];

function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(v));
  });
}

function buildQuery(query: Record<string, unknown> | undefined): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) sp.set(k, String(v));
  const q = sp.toString();
  return q ? `?${q}` : '';
}

/** The same ApiError the typed client throws, from an answer that is not 2xx. */
function problemError(status: number, text: string): ApiError {
  let problem: { code?: string; detail?: string; title?: string; errors?: Array<{ field: string; message: string }> } = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') problem = parsed as typeof problem;
  } catch {
    // not a problem document (a proxy's error page); fall through with the status
  }
  return new ApiError(status, problem.code ?? 'http_error', problem.detail ?? problem.title ?? `HTTP ${status}`, Array.isArray(problem.errors) ? problem.errors : []);
}

export function uploadWithProgress<N extends UploadRouteName>(
  name: N,
  input: RouteInput<Routes[N]>,
  options: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<RouteOutput<Routes[N]>> {
  const def: RouteDef = routes[name];
  const { params, query, file, fileName } = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; file: Blob | Uint8Array; fileName: string };
  const body = file instanceof Blob ? file : new Blob([file as Uint8Array<ArrayBuffer>]);
  const total = body.size;

  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(def.method.toUpperCase(), buildPath(def.path, params) + buildQuery(query));
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(fileName || 'upload'));
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);

    const report = (loaded: number, sent: boolean) => options.onProgress?.({ loaded: Math.min(loaded, total), total, sent });
    xhr.upload.onprogress = (e) => report(e.loaded, false);
    // The last byte is out: what follows is the server reading the file.
    xhr.upload.onload = () => report(total, true);

    const onAbort = () => xhr.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => options.signal?.removeEventListener('abort', onAbort);

    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((def.status === 204 ? undefined : JSON.parse(xhr.responseText)) as RouteOutput<Routes[N]>);
        } catch {
          reject(new ApiError(xhr.status, 'http_error', 'The server’s answer could not be read.'));
        }
      } else reject(problemError(xhr.status, xhr.responseText));
    };
    // The same kind of error fetch throws when the network fails, so errorMessage() words it alike.
    xhr.onerror = () => {
      done();
      reject(new TypeError('Network request failed'));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    report(0, false);
    xhr.send(body);
  });
}
