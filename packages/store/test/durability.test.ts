import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../src/index.ts';
import { LOCK_FILE } from '../src/lock.ts';
import { spawnChild } from './helpers/child.ts';

const dir = mkdtempSync(join(tmpdir(), 'steward-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('every transaction a SIGKILLed process reported committed is there after reopening, atomically', async () => {
  const child = spawnChild('writer.ts', [dir]);
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const committed: string[] = [];
  let collectiveId = '';
  let buf = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      buf += b.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'ready') collectiveId = value!;
        if (word === 'committed') committed.push(value!);
      }
      // Kill it in the middle of its work: it is always inside or between transactions.
      if (committed.length >= 60) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    void exited.then(() => reject(new Error(`writer exited early: ${stderr}`)));
  });
  expect(await exited).toBe('SIGKILL');
  // Lines printed after the kill was sent may still be in the pipe; they were committed too.
  for (const line of buf.split('\n')) if (line.startsWith('committed ')) committed.push(line.slice(10));

  // The dead writer's lock is still there, and stale.
  expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(child.pid));

  const store = await openStore({ dataDir: dir });
  try {
    const found = await store.kysely.selectFrom('records').select('id').where('id', 'in', committed).execute();
    expect(found.length).toBe(committed.length);
    // Each transaction wrote one record and one log entry: a crash never splits them.
    const records = await store.read.records.countByDataset(collectiveId);
    const total = Object.values(records).reduce((a, b) => a + b, 0);
    expect(await store.read.log.size(collectiveId)).toBe(total);
    expect(total).toBeGreaterThanOrEqual(committed.length);
    expect((await store.read.log.list(collectiveId, 0, 100_000)).length).toBe(total);
  } finally {
    await store.close();
  }
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
});
