import type { z } from 'zod';

/**
 * One HTTP operation of the Steward API: the single source from which the server validates input,
 * the OpenAPI document is generated, and the typed client is built.
 */
export interface RouteDef {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI-style path, e.g. `/api/v1/collectives/{slug}`. */
  path: string;
  summary: string;
  tag: string;
  /** `public`: anyone; `user`: a signed-in session or an API token. Roles are checked by the app. */
  auth: 'public' | 'user';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * The request body is a raw file (`application/octet-stream`), streamed by the server rather
   * than parsed as JSON; the client sends `file`.
   */
  upload?: true;
  /** 204 routes have no response body. */
  status: 200 | 201 | 204;
  response?: z.ZodType;
}

/** Declares a route, keeping its literal types for the client. */
export function route<const R extends RouteDef>(def: R): R {
  return def;
}

type InferOr<S, Fallback> = S extends z.ZodType ? z.input<S> : Fallback;

/** What a caller passes for a route: path params, query and body, each only when the route has it. */
export type RouteInput<R extends RouteDef> = (R['params'] extends z.ZodType ? { params: z.input<R['params']> } : { params?: undefined }) &
  (R['query'] extends z.ZodType ? { query?: InferOr<R['query'], never> } : { query?: undefined }) &
  (R['body'] extends z.ZodType ? { body: z.input<R['body']> } : { body?: undefined }) &
  (R['upload'] extends true ? { file: Blob | Uint8Array; fileName: string } : { file?: undefined; fileName?: undefined });

/** What a route answers with. */
export type RouteOutput<R extends RouteDef> = R['response'] extends z.ZodType ? z.output<R['response']> : void;
