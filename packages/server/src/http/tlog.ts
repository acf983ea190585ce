import type { OpenAPIHono } from '@hono/zod-openapi';
import type { App } from '@steward/app';

/**
 * The C2SP tlog-tiles publication of each collective's log, at `/collectives/SLUG/log/`:
 * `checkpoint`, `key`, `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`. Public and
 * read-only, so that any standard verifier can audit the log without an account.
 */
export function serveTransparencyLog(http: OpenAPIHono, app: App): void {
  http.get('/collectives/:slug/log/checkpoint', async (c) => {
    const text = await app.logCheckpointText({ slug: c.req.param('slug') });
    // A new checkpoint appears every few seconds; let caches hold one only briefly.
    return c.text(text, 200, { 'cache-control': 'public, max-age=1', 'content-type': 'text/plain; charset=utf-8' });
  });
  http.get('/collectives/:slug/log/key', async (c) => {
    const text = await app.logKeyText({ slug: c.req.param('slug') });
    return c.text(text + '\n', 200, { 'cache-control': 'public, max-age=60', 'content-type': 'text/plain; charset=utf-8' });
  });
  http.get('/collectives/:slug/log/tile/*', async (c) => {
    const prefix = `/collectives/${c.req.param('slug')}/log/tile/`;
    const path = decodeURIComponent(new URL(c.req.url).pathname).slice(prefix.length);
    const { data, full } = await app.logTile({ slug: c.req.param('slug'), path });
    return c.body(data as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/octet-stream',
      // Full tiles never change; partial ones are superseded by wider ones.
      'cache-control': full ? 'public, max-age=31536000, immutable' : 'public, max-age=1',
    });
  });
}
