import { newVerifier, type NoteVerifier } from '@steward/core';
import { VerificationError } from './errors.ts';

/** Parses a verifier key, naming where it came from when it is not one. */
export function verifierFor(vkey: string, where: string): NoteVerifier {
  try {
    return newVerifier(vkey);
  } catch (e) {
    throw new VerificationError(`${where} is not a valid verifier key (${(e as Error).message}): ${JSON.stringify(vkey)}`);
  }
}

/** `name+hash` of a verifier key, the way signed notes name keys. */
export function keyId(v: NoteVerifier): string {
  return `${v.name}+${v.keyHash.toString(16).padStart(8, '0')}`;
}

/**
 * Follows `log.key_rotated` entries (refs.previous → refs.vkey) from the trusted key, in log
 * order; returns the indexes of the rotations followed when they lead to `target`, else undefined.
 */
export function rotationPath(entries: readonly unknown[], trusted: string, target: string): number[] | undefined {
  let current = trusted;
  const path: number[] = [];
  entries.forEach((e, i) => {
    const entry = e as { type?: unknown; refs?: { previous?: unknown; vkey?: unknown } };
    if (entry?.type !== 'log.key_rotated' || typeof entry.refs !== 'object' || entry.refs === null) return;
    if (entry.refs.previous === current && typeof entry.refs.vkey === 'string') {
      current = entry.refs.vkey;
      path.push(i);
    }
  });
  return current === target ? path : undefined;
}
