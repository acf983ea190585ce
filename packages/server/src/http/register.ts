import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRoute } from '@hono/zod-openapi';
import type { Actor, App } from '@steward/app';
import { routes, schemas, type RouteDef, type RouteName, type RouteOutput, type Routes } from '@steward/contract';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { z } from 'zod';
import { authenticate, requireJson, type AuthState } from './auth.ts';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets: the authenticated actor and the validated input, never raw HTTP. */
export interface HandlerInput<R extends RouteDef> {
  actor: Actor | null;
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  /** The client's address, for rate limiting only. */
  client: string;
  sessionToken: string | undefined;
  /** Cookie writes for the auth routes. */
  http: Context;
}

export type Handler<R extends RouteDef> = (input: HandlerInput<R>) => Promise<RouteOutput<R>>;
export type Handlers = { [N in RouteName]: Handler<Routes[N]> };

const problemContent = { 'application/problem+json': { schema: schemas.Problem } };

function openApiRoute(def: RouteDef, app: App) {
  const errors: Record<number, { description: string; content: typeof problemContent }> = {
    422: { description: 'Invalid input; `errors` names each field', content: problemContent },
  };
  if (def.auth === 'user') {
    errors[401] = { description: 'Not signed in', content: problemContent };
    errors[403] = { description: 'Not allowed', content: problemContent };
  }
  return createRoute({
    method: def.method,
    path: def.path,
    operationId: def.operationId,
    summary: def.summary,
    tags: [def.tag],
    ...(def.auth === 'user' ? { security: [{ bearerAuth: [] }, { cookieAuth: [] }] } : {}),
    middleware: [authenticate(app, def.auth === 'user'), ...(def.body ? [requireJson()] : [])],
    request: {
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { query: def.query } : {}),
      ...(def.body ? { body: { content: { 'application/json': { schema: def.body } }, required: true } } : {}),
    },
    responses: {
      [def.status]: def.response
        ? { description: 'OK', content: { 'application/json': { schema: def.response } } }
        : { description: 'Done; no content' },
      ...errors,
    },
  });
}

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** Registers every contract route with its handler: authenticate → parse → one app call → present. */
export function registerRoutes(api: OpenAPIHono, app: App, handlers: Handlers): void {
  for (const name of Object.keys(routes) as RouteName[]) {
    const def: RouteDef = routes[name];
    const handler = handlers[name] as Handler<RouteDef>;
    api.openapi(openApiRoute(def, app) as never, (async (c: Context<{ Variables: { auth: AuthState } }>) => {
      const auth = c.get('auth');
      const valid = (target: 'param' | 'query' | 'json') => (c.req as unknown as { valid(t: string): unknown }).valid(target);
      const result = await handler({
        actor: auth.actor,
        params: (def.params ? valid('param') : undefined) as never,
        query: (def.query ? valid('query') : undefined) as never,
        body: (def.body ? valid('json') : undefined) as never,
        client: clientAddress(c),
        sessionToken: auth.sessionToken,
        http: c,
      });
      if (def.status === 204) return c.body(null, 204);
      return c.json(result as unknown as object, def.status);
    }) as never);
  }
}
