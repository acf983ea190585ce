import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/index.ts';
import { describeStoreContract } from './contract/index.ts';

describeStoreContract('embedded PGlite', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-store-'));
  const store = await openStore({ dataDir });
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
