import { OpenAPIHono } from '@hono/zod-openapi';
import type { App } from '@steward/app';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { handlers } from '../handlers.ts';
import type { CookiePolicy } from './cookies.ts';
import { problem, toProblem, type Problem } from './problem.ts';
import { registerRoutes } from './register.ts';
import { serveWebApp } from './static.ts';
import { serveTransparencyLog } from './tlog.ts';
import { UploadStore, UploadTooLargeError } from './uploads.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HttpOptions {
  /** Where uploaded exports wait for confirmation (private temporary files). */
  uploads?: { dir: string; maxBytes?: number };
  cookies: CookiePolicy;
  version: string;
  /** Folder of the built web app; omit to serve the API only. */
  webDistDir?: string;
  /** Where request lines and errors go; never bodies, tokens or personal data. */
  log?: (line: string) => void;
}

function send(c: Context, p: Problem) {
  return c.json(p.body, p.status as 400, { 'content-type': 'application/problem+json', ...p.headers });
}

/** Builds the HTTP edge: the API from the contract, /openapi.json, and the web app. */
export function createHttpApp(app: App, options: HttpOptions) {
  const log = options.log ?? (() => {});
  const http = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || result.target, message: i.message }));
      return send(c, problem(422, 'validation_failed', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues));
    },
  });

  http.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // The route pattern, not the path: paths can hold invitation tokens.
    log(`${c.req.method} ${c.req.routePath} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
  });
  http.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      // Invitation links carry secrets in the path; never send them onward as a referrer.
      referrerPolicy: 'no-referrer',
    }),
  );
  const jsonLimit = bodyLimit({
      maxSize: 1024 * 1024,
      // The rest of the body is never read, so the connection cannot be reused: say so.
      onError: (c) => send(c, { ...problem(413, 'body_too_large', 'The request body is larger than 1 MiB.'), headers: { connection: 'close' } }),
  });
  // Uploads stream to disk under their own, larger limit (UploadStore); everything else is JSON.
  http.use('/api/*', (c, next) => (c.req.method === 'POST' && /^\/api\/v1\/collectives\/[^/]+\/imports$/.test(c.req.path) ? next() : jsonLimit(c, next)));
  const uploads = new UploadStore({
    dir: options.uploads?.dir ?? join(tmpdir(), `steward-uploads-${process.pid}`),
    maxBytes: options.uploads?.maxBytes ?? 1024 * 2 ** 20,
    ttlMs: 3_600_000,
  });

  registerRoutes(http, app, handlers(app, options.cookies, { version: options.version }, uploads));

  http.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'Personal API token' });
  http.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: 'steward_session' });
  http.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Steward API', version: options.version, description: 'Data cooperatives: pool, govern and learn from members’ data on their terms.' },
  });

  serveTransparencyLog(http, app);
  http.all('/api/*', (c) => send(c, problem(404, 'not_found', `No API route ${c.req.method} ${new URL(c.req.url).pathname.replace(/\/invitations\/[^/]+/, '/invitations/…')}.`)));
  if (options.webDistDir) serveWebApp(http, options.webDistDir);

  http.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      const code = /json/i.test(err.message) ? 'malformed_json' : 'bad_request';
      return send(c, problem(err.status, code, err.message));
    }
    if (err instanceof UploadTooLargeError) return send(c, { ...problem(413, 'upload_too_large', err.message), headers: { connection: 'close' } });
    const p = toProblem(err);
    if (p.status >= 500) log(`error ${c.req.method} ${c.req.routePath}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return send(c, p);
  });
  return http;
}
