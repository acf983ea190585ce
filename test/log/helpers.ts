import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { LogEntryBody } from '@steward/core';
import { signedUp, type Stack } from '../helpers/stack.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'packages/cli/bin/steward.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `steward ARGS` as a process without blocking the event loop, so the in-process server answers it. */
export function steward(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ActiveCollective {
  id: string;
  slug: string;
  /** The log prefix, `http://127.0.0.1:PORT/collectives/SLUG/log/`. */
  url: string;
  /** The log origin and key name. */
  origin: string;
  steward: Awaited<ReturnType<typeof signedUp>>;
}

/** Invites and admits `count` new members through the API (three log entries each). */
export async function addMembers(stack: Stack, c: ActiveCollective, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const inv = await c.steward.client.call('createInvitation', { params: { slug: c.slug }, body: { role: 'member' } });
    const m = await signedUp(stack, `${c.slug}-m`);
    await m.client.call('acceptInvitation', { params: { token: inv.token } });
  }
}

/** A new collective with some real activity through the API: members joining, a dataset. */
export async function activeCollective(stack: Stack, slug: string): Promise<ActiveCollective> {
  const steward = await signedUp(stack, `${slug}-stew`);
  const created = await steward.client.call('createCollective', { body: { slug, name: `Collective ${slug}`, kind: 'cooperative' } });
  const c: ActiveCollective = { id: created.id, slug, url: `${stack.url}/collectives/${slug}/log/`, origin: `steward.test/collectives/${slug}`, steward };
  await addMembers(stack, c, 2);
  await steward.client.call('createDataset', { params: { slug }, body: { canonical: 'shifts' } });
  return c;
}

/** Appends `count` valid, non-personal entries in one transaction, as a busy collective would. */
export async function appendFiller(stack: Stack, collectiveId: string, count: number): Promise<void> {
  const time = new Date().toISOString();
  const entries: LogEntryBody[] = Array.from({ length: count }, (_, i) => ({
    v: 1,
    type: 'records.imported',
    time,
    collective: collectiveId,
    actor: 'system',
    refs: { dataset: 'shifts' },
    counts: { records: i + 1 },
  }));
  await stack.store.transact((tx) => tx.log.append(collectiveId, entries));
}

/** The log's size as the store has it. */
export function logSize(stack: Stack, collectiveId: string): Promise<number> {
  return stack.store.read.log.size(collectiveId);
}

/** A one-character change (one byte, ASCII) at `at`, keeping the text valid UTF-8. */
export function flipChar(text: string, at: number): string {
  const c = text.charCodeAt(at);
  if (c > 0x7e || c < 0x20) throw new Error(`not a printable ASCII character at ${at}`);
  // Toggle the lowest bit; for base64 letters and digits this stays in the base64 alphabet.
  const flipped = String.fromCharCode(c ^ 1);
  return text.slice(0, at) + flipped + text.slice(at + 1);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Replaces the base64 character at `at` by the next one of the alphabet: one byte changed, still base64. */
export function flipBase64Char(text: string, at: number): string {
  const i = BASE64.indexOf(text[at] ?? '');
  if (i < 0) throw new Error(`not a base64 character at ${at}`);
  return text.slice(0, at) + BASE64[(i + 1) % 64] + text.slice(at + 1);
}

/** Flips the lowest bit of byte `at` of a copy of `bytes`. */
export function flipBit(bytes: Uint8Array, at: number): Uint8Array {
  const out = bytes.slice();
  out[at] = out[at]! ^ 1;
  return out;
}
