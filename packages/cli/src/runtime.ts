import { createApp, type App } from '@steward/app';
import { generateSignerKey } from '@steward/core';
import { fileKeyStore, openStore } from '@steward/store';
import type { RuntimeConfig } from './config.ts';

/** Opens the store named by the config and wires the app on it: the CLI's composition root. */
export async function openRuntime(config: RuntimeConfig): Promise<{ app: App; close(): Promise<void> }> {
  const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  const keys = fileKeyStore(config.keysDir, (name) => generateSignerKey(name));
  const app = createApp({ store, keys, config: { logOriginHost: config.logOriginHost } });
  return { app, close: () => store.close() };
}
