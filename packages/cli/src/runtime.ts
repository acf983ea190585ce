import { createApp, type App } from '@steward/app';
import { openStore } from '@steward/store';
import type { RuntimeConfig } from './config.ts';

/** Opens the store named by the config and wires the app on it: the CLI's composition root. */
export async function openRuntime(config: RuntimeConfig): Promise<{ app: App; close(): Promise<void> }> {
  const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  const app = createApp({ store });
  return { app, close: () => store.close() };
}
