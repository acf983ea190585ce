import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VerificationError } from './errors.ts';

/**
 * What a witness remembers about each log it has verified, keyed by the log's origin: where it
 * was fetched, the verifier key it trusts (pinned on first use or after a logged rotation) and
 * the last checkpoint that verified. A later checkpoint must extend that one (rule T2).
 */
export interface WitnessState {
  version: 1;
  logs: Record<string, PinnedLog>;
}

export interface PinnedLog {
  /** The log prefix URL it was last verified at. */
  url: string;
  /** The trusted verifier key (`name+hash+base64`). */
  vkey: string;
  /** Size and base64 root of the last verified checkpoint. */
  size: number;
  root: string;
  /** The signed checkpoint note itself, as evidence. */
  checkpoint: string;
  /** ISO time of that verification. */
  verifiedAt: string;
}

export const emptyState = (): WitnessState => ({ version: 1, logs: {} });

function isPinnedLog(v: unknown): v is PinnedLog {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.url === 'string' &&
    typeof p.vkey === 'string' &&
    Number.isSafeInteger(p.size) &&
    (p.size as number) >= 0 &&
    typeof p.root === 'string' &&
    typeof p.checkpoint === 'string' &&
    typeof p.verifiedAt === 'string'
  );
}

/** Parses a state file's text; throws VerificationError naming the file when it is not one. */
export function parseState(text: string, path: string): WitnessState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new VerificationError(`the witness state file ${path} is not JSON`);
  }
  const s = raw as { version?: unknown; logs?: unknown };
  if (typeof raw !== 'object' || raw === null || s.version !== 1 || typeof s.logs !== 'object' || s.logs === null) {
    throw new VerificationError(`the witness state file ${path} is not a version 1 witness state`);
  }
  for (const [origin, log] of Object.entries(s.logs)) {
    if (!isPinnedLog(log)) throw new VerificationError(`the witness state file ${path} has a malformed entry for ${origin}`);
  }
  return raw as WitnessState;
}

/** Loads the state file; a missing file is an empty state (nothing pinned yet). */
export async function loadState(path: string): Promise<WitnessState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw new VerificationError(`cannot read the witness state file ${path}: ${(e as Error).message}`);
  }
  return parseState(text, path);
}

/**
 * Writes the state atomically: a temporary file in the same folder, flushed, then renamed over
 * the old one, so a crash leaves either the old state or the new, never half of one.
 */
export async function saveState(path: string, state: WitnessState): Promise<void> {
  const dir = dirname(path);
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(JSON.stringify(state, null, 2) + '\n');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new VerificationError(`cannot save the witness state file ${path}: ${(e as Error).message}`);
  }
}
