import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on host:port (0 picks a free port) and resolves once it accepts connections. */
export function startHttpServer(fetch: (req: Request) => Response | Promise<Response>, opts: { port: number; host: string }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: opts.port, hostname: opts.host }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          // Keep-alive sockets would hold close() open; end them.
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
      });
    });
    server.once('error', reject);
  });
}
