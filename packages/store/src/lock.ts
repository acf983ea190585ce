import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An exclusive lock on a data folder, held as `<dir>/steward.lock` containing the holder's pid.
 * PGlite itself lets two processes open one folder and write to it, which corrupts it; this lock
 * is what stops a second Steward. A lock left by a process that died (SIGKILL, power cut) is
 * stale: its pid is no longer running, and the next process takes it over.
 */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

export const LOCK_FILE = 'steward.lock';

// Paths locked by this process: a lock file holding our own pid that is not in here was left by
// an earlier process that had the same pid (common in containers, where Steward is often pid 1).
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function inUse(dir: string, pid: number): Error {
  return new Error(`The data folder ${dir} is in use by another Steward process (pid ${pid}). Stop it first, or use another --data folder.`);
}

/**
 * Moves a stale lock aside so that O_EXCL creation can be retried. The rename is atomic, so of
 * two processes taking over the same stale lock only one moves it; if what was moved turns out
 * to be a fresh lock (another process got there first), it is put back.
 */
function removeStale(path: string, stalePid: number | null): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (readPid(aside) !== stalePid) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone else holds the path now; their lock stands and ours is lost either way.
    }
  }
  unlinkSync(aside);
}

/** Takes the folder's lock or throws a message saying which process holds it. */
export function lockDataDir(dir: string): DataDirLock {
  const path = join(dir, LOCK_FILE);
  if (heldHere.has(path)) throw inUse(dir, process.pid);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path)) return hold(path);
    const pid = readPid(path);
    // An empty or unreadable file is a lock being written right now, or a crash mid-write.
    if (pid !== null && pid !== process.pid && isAlive(pid)) throw inUse(dir, pid);
    if (pid === null && attempt === 0) {
      sleepSync(50);
      continue;
    }
    removeStale(path, pid);
  }
  throw new Error(`Could not take the lock ${path}: it keeps changing. Is another Steward starting?`);
}

function hold(path: string): DataDirLock {
  heldHere.add(path);
  // Release on normal exit; after a crash the pid is dead and the next process takes over.
  const onExit = () => release();
  process.on('exit', onExit);
  let released = false;
  function release(): void {
    if (released) return;
    released = true;
    heldHere.delete(path);
    process.off('exit', onExit);
    try {
      if (readPid(path) === process.pid) unlinkSync(path);
    } catch {
      // Already gone; nothing to release.
    }
  }
  return { path, release };
}
