import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';

/**
 * Serves the built web app: hashed assets are immutable; every other non-API path gets
 * index.html so the app's own router can handle it.
 */
export function serveWebApp(http: OpenAPIHono, distDir: string): void {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) {
    http.get('/', (c) => c.text('The web app is not built. Run `npm run build:web` (npm install does it).', 503));
    return;
  }
  http.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  const files = serveStatic({ root: distDir, index: '' });
  // Only paths that name a file go to the file server; app routes (and `/`) get index.html below.
  http.use('/*', (c, next) => (/\/[^/]+\.[a-z0-9]+$/i.test(c.req.path) ? files(c, next) : next()));
  // A missing asset is a 404, not the app's HTML: after a rebuild, old pages must fail visibly.
  http.get('/assets/*', (c) => c.text('Not found', 404));
  http.get('*', (c) => {
    if (c.req.path.startsWith('/api/') || /^\/collectives\/[^/]+\/log\//.test(c.req.path)) return c.notFound();
    c.header('cache-control', 'no-cache');
    // Read on each request (a few KB) so a rebuilt web app is served without a restart.
    return c.html(readFileSync(indexPath, 'utf8'));
  });
}
