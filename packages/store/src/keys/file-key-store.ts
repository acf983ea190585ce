import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogKeyStore, LogSigningKey } from '@steward/core';

/** Makes a signer/verifier key pair of the given name (core's signed-note key generation). */
export type KeyGenerator = (name: string) => { skey: string; vkey: string };

interface KeyFile {
  version: 1;
  name: string;
  skey: string;
  vkey: string;
  /** Verifier keys of earlier, rotated keys, newest first. */
  retired: string[];
}

const ID = /^[0-9a-f-]{36}$/;

/**
 * Log signing keys as files, one per collective (`<dir>/<collectiveId>.json`, mode 0600), in a
 * folder outside the database. Writes go to a temporary file renamed into place, so a crash
 * never leaves half a key.
 */
export function fileKeyStore(dir: string, generate: KeyGenerator): LogKeyStore {
  const path = (collectiveId: string) => {
    if (!ID.test(collectiveId)) throw new TypeError('collective id must be a UUID');
    return join(dir, `${collectiveId}.json`);
  };
  const read = (collectiveId: string): KeyFile | undefined => {
    const p = path(collectiveId);
    if (!existsSync(p)) return undefined;
    const file = JSON.parse(readFileSync(p, 'utf8')) as KeyFile;
    if (file.version !== 1) throw new Error(`Unknown key file version in ${p}`);
    return file;
  };
  const write = (collectiveId: string, file: KeyFile) => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const p = path(collectiveId);
    const tmp = `${p}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, p);
  };
  const key = (f: KeyFile): LogSigningKey => ({ name: f.name, skey: f.skey, vkey: f.vkey });

  return {
    async create(collectiveId, name) {
      if (read(collectiveId)) throw new Error(`A log signing key already exists for collective ${collectiveId}.`);
      const file: KeyFile = { version: 1, name, ...generate(name), retired: [] };
      write(collectiveId, file);
      return key(file);
    },
    async current(collectiveId) {
      const f = read(collectiveId);
      return f ? key(f) : undefined;
    },
    async verifierKeys(collectiveId) {
      const f = read(collectiveId);
      return f ? [f.vkey, ...f.retired] : [];
    },
    async rotate(collectiveId, nextKey) {
      const f = read(collectiveId);
      if (!f) throw new Error(`No log signing key for collective ${collectiveId} to rotate.`);
      const next: KeyFile = { version: 1, name: f.name, skey: nextKey.skey, vkey: nextKey.vkey, retired: [f.vkey, ...f.retired] };
      write(collectiveId, next);
      return { current: key(next), previous: key(f) };
    },
  };
}
