import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '@steward/app';
import { createHttpApp, startHttpServer } from '@steward/server';
import type { ServeConfig } from '../config.ts';
import { openRuntime } from '../runtime.ts';
import { VERSION } from '../version.ts';

const CHECKPOINT_INTERVAL_MS = 2_000;
const GOVERNANCE_INTERVAL_MS = 2_000;
const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** `steward serve`: the API and the web app on one port, until SIGINT or SIGTERM. */
export async function serve(config: ServeConfig): Promise<void> {
  const started = performance.now();
  const say = (line: string) => process.stdout.write(line + '\n');
  say(config.databaseUrl ? 'Opening the PostgreSQL database…' : `Opening the embedded database in ${config.dataDir}…`);
  const runtime = await openRuntime(config);
  try {
    if (config.demo) {
      const seeded = await seedDemo(runtime.app.deps);
      if (seeded.created) say(`Created the demo collective: ${seeded.members} members, ${seeded.records} records.`);
    }
    const http = createHttpApp(runtime.app, {
      cookies: { secure: config.publicUrl?.startsWith('https:') ?? false },
      version: VERSION,
      webDistDir: WEB_DIST,
      log: (line) => process.stderr.write(line + '\n'),
    });
    // Checkpoints: one now, then every few seconds while entries arrive (C2SP tlog-checkpoint).
    const publish = () =>
      runtime.app.publishCheckpoints().catch((err: unknown) => process.stderr.write(`checkpoint publishing failed: ${err instanceof Error ? err.message : String(err)}\n`));
    await publish();
    const publisher = setInterval(publish, CHECKPOINT_INTERVAL_MS);
    // Votes whose period has ended are decided, and closing-soon notices sent, every few seconds.
    let closing = false;
    const closeDue = async () => {
      if (closing) return; // a slow round must not overlap the next one
      closing = true;
      try {
        const r = await runtime.app.closeDueProposals();
        for (const f of r.failures) process.stderr.write(`deciding proposal ${f.proposalId} failed: ${f.error}\n`);
      } catch (err) {
        process.stderr.write(`closing due proposals failed: ${err instanceof Error ? err.message : String(err)}\n`);
      } finally {
        closing = false;
      }
    };
    await closeDue();
    const closer = setInterval(closeDue, GOVERNANCE_INTERVAL_MS);
    const server = await startHttpServer(http.fetch, { port: config.port, host: config.host });
    say(`Steward is running at ${server.url} (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    if (config.demo) {
      say(`Demo accounts: ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}`);
      say(`Demo password: ${DEMO_PASSWORD}`);
    }
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    say('Stopping…');
    clearInterval(publisher);
    clearInterval(closer);
    await server.close();
  } finally {
    await runtime.close();
  }
}
