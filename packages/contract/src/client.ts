import type { RouteDef, RouteInput, RouteOutput } from './route.ts';
import { routes, type RouteName, type Routes } from './routes.ts';

/** An RFC 9457 problem answered by the API, thrown by the client. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: Array<{ field: string; message: string }>;
  constructor(status: number, code: string, message: string, errors: Array<{ field: string; message: string }> = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

export interface ClientOptions {
  /** Base URL of the server; '' for same-origin use in the browser. */
  baseUrl: string;
  /** A personal API token (CLI, programs). Browsers use the session cookie instead. */
  token?: string;
  /** Returns the CSRF token to send with writes made with the session cookie. */
  csrfToken?: () => string | undefined;
  fetch?: typeof fetch;
}

function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(v));
  });
}

function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) sp.set(k, String(v));
  const q = sp.toString();
  return q ? `?${q}` : '';
}

/** The one typed client of the API, used by the web app and the CLI. */
export function createClient(options: ClientOptions) {
  const doFetch = options.fetch ?? fetch;
  async function call<N extends RouteName>(name: N, input: RouteInput<Routes[N]> = {} as RouteInput<Routes[N]>): Promise<RouteOutput<Routes[N]>> {
    const def: RouteDef = routes[name];
    const { params, query, body, file, fileName } = input as {
      params?: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
      file?: Blob | Uint8Array;
      fileName?: string;
    };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (def.method !== 'get') {
      const csrf = options.csrfToken?.();
      if (csrf) headers['x-csrf-token'] = csrf;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (file !== undefined) {
      headers['content-type'] = 'application/octet-stream';
      headers['x-file-name'] = encodeURIComponent(fileName ?? 'upload');
    }
    const res = await doFetch(options.baseUrl + buildPath(def.path, params) + buildQuery(query), {
      method: def.method.toUpperCase(),
      headers,
      body: file !== undefined ? (file as BodyInit) : body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (!res.ok) {
      let problem: { code?: string; detail?: string; title?: string; errors?: Array<{ field: string; message: string }> } = {};
      try {
        problem = await res.json();
      } catch {
        // not a problem document (a proxy's error page); fall through with the status
      }
      throw new ApiError(res.status, problem.code ?? 'http_error', problem.detail ?? problem.title ?? `HTTP ${res.status}`, problem.errors);
    }
    if (def.status === 204) return undefined as RouteOutput<Routes[N]>;
    return (await res.json()) as RouteOutput<Routes[N]>;
  }
  return { call };
}

export type Client = ReturnType<typeof createClient>;
