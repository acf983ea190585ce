import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/index.ts';
import { lockDataDir, LOCK_FILE } from '../src/lock.ts';
import { finished, spawnChild, waitForLine } from './helpers/child.ts';
import { preparedDataDir, removeTemplate } from './helpers/template.ts';

let dir: string;
beforeEach(async () => {
  dir = await preparedDataDir('steward-lock-');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterAll(removeTemplate);

const inUse = (pid: number) =>
  `The data folder ${dir} is in use by another Steward process (pid ${pid}). Stop it first, or use another --data folder.`;

/** A pid that surely belonged to a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('data folder lock', () => {
  it('a second process cannot open a folder in use, and can once the first has closed', async () => {
    const store = await openStore({ dataDir: dir });
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));

    const refused = await finished(spawnChild('open-store.ts', [dir]));
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(inUse(process.pid));

    await store.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    const opened = await finished(spawnChild('open-store.ts', [dir]));
    expect(opened.stderr).toBe('');
    expect(opened.stdout).toContain('opened');
    expect(opened.code).toBe(0);
  });

  it('this process cannot open a folder another process holds', async () => {
    const child = spawnChild('open-store.ts', [dir, 'hold']);
    const done = finished(child);
    await waitForLine(child, /^opened$/);
    await expect(openStore({ dataDir: dir })).rejects.toThrow(inUse(child.pid!));
    child.stdin!.end();
    expect((await done).code).toBe(0);
    const store = await openStore({ dataDir: dir });
    await store.close();
  });

  it('one process cannot open the same folder twice', async () => {
    const store = await openStore({ dataDir: dir });
    try {
      await expect(openStore({ dataDir: dir })).rejects.toThrow(inUse(process.pid));
    } finally {
      await store.close();
    }
  });

  it('takes over a stale lock left by a dead process', async () => {
    const pid = await deadPid();
    writeFileSync(join(dir, LOCK_FILE), `${pid}\n`);
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock holding our own pid that this process does not hold (pid reuse after a crash)', () => {
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n`);
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(inUse(process.pid));
    lock.release();
  });

  it('takes over an empty or garbled lock file', () => {
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('release leaves a lock alone once another process has taken it', async () => {
    const lock = lockDataDir(dir);
    const pid = await deadPid();
    writeFileSync(join(dir, LOCK_FILE), `${pid}\n`);
    lock.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(pid));
  });
});
