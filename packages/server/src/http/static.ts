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
  const index = readFileSync(indexPath, 'utf8');
  http.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  http.use('/*', serveStatic({ root: distDir, index: '' }));
  http.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    c.header('cache-control', 'no-cache');
    return c.html(index);
  });
}
