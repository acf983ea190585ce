import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/index.ts';

let template: Promise<string> | null = null;

/**
 * A new data folder holding an initialised, migrated embedded store, copied from one made once
 * per test file: initdb takes seconds, and tests that are not about first start need not pay it
 * each time. (The contract, bulk and durability tests do open fresh folders.)
 */
export async function preparedDataDir(prefix = 'steward-test-'): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-template-'));
    const store = await openStore({ dataDir: dir });
    await store.close();
    return dir;
  })();
  const source = await template;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(source, 'pgdata'), join(dir, 'pgdata'), { recursive: true });
  return dir;
}

/** Removes the template folder; call from afterAll. */
export async function removeTemplate(): Promise<void> {
  if (!template) return;
  rmSync(await template, { recursive: true, force: true });
  template = null;
}
