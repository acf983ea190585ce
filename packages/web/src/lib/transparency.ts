import type { LogReceipt } from '@steward/core';
import { humanize, kindLabel, plural, roleLabel } from './format.ts';
import type { Receipt } from './types.ts';

/**
 * Log entries in plain words. Entries are canonical JSON with ids, codes and counts only (no
 * names, e-mails or records: rule T3); here they become sentences a member can read.
 */

/** The entry types Steward writes, in the order they usually happen. */
export const ENTRY_TYPES = [
  'collective.created',
  'log.key_created',
  'log.key_rotated',
  'role.granted',
  'member.left',
  'invitation.created',
  'invitation.revoked',
  'invitation.used',
  'dataset.declared',
  'records.imported',
  'consent.recorded',
] as const;

const TYPE_LABELS: Record<string, string> = {
  'collective.created': 'Collective created',
  'log.key_created': 'Signing key created',
  'log.key_rotated': 'Signing key replaced',
  'role.granted': 'Someone joined or got a role',
  'member.left': 'A member left',
  'invitation.created': 'Invitation link made',
  'invitation.revoked': 'Invitation link cancelled',
  'invitation.used': 'Invitation link used',
  'dataset.declared': 'Dataset declared',
  'records.imported': 'Records imported',
  'consent.recorded': 'Consent decided',
};

/** A short name for an entry type, for the filter. */
export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? humanize(type.replace(/\./g, ' '));
}

/** The fields of an entry the page reads; anything else stays in the raw JSON. */
export interface EntryFacts {
  type: string;
  time: string | undefined;
  actor: string | undefined;
  subject: string | undefined;
  refs: Record<string, string>;
  counts: Record<string, number>;
}

function record<T>(value: unknown, is: (v: unknown) => v is T): Record<string, T> {
  const out: Record<string, T> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (is(v)) out[k] = v;
  return out;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads an entry's canonical JSON; an entry that is not an object still shows, as "unreadable". */
export function entryFacts(body: string): EntryFacts {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    v = null;
  }
  const o = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  return {
    type: isString(o.type) ? o.type : 'unreadable',
    time: isString(o.time) ? o.time : undefined,
    actor: isString(o.actor) ? o.actor : undefined,
    subject: isString(o.subject) ? o.subject : undefined,
    refs: record(o.refs, isString),
    counts: record(o.counts, isNumber),
  };
}

const roleWord = (role: string | undefined) => (role ? roleLabel(role).toLowerCase() : 'member');

/** One sentence for an entry: "A member joined as member", "Records imported: 1,234 records". */
export function entrySentence(e: EntryFacts): string {
  switch (e.type) {
    case 'collective.created':
      return e.refs.kind ? `The collective was created (${kindLabel(e.refs.kind).toLowerCase()})` : 'The collective was created';
    case 'log.key_created':
      return 'The key that signs this record was created';
    case 'log.key_rotated':
      return 'The key that signs this record was replaced by a new one';
    case 'role.granted':
      return `A member joined as ${roleWord(e.refs.role)}`;
    case 'member.left':
      return 'A member left the collective';
    case 'invitation.created':
      return `An invitation link was made for a new ${roleWord(e.refs.role)}`;
    case 'invitation.revoked':
      return 'An invitation link was cancelled';
    case 'invitation.used':
      return `An invitation link was used by someone who already was ${roleWord(e.refs.role)}`;
    case 'dataset.declared':
      return e.refs.slug ? `Dataset declared: ${humanize(e.refs.slug)}` : 'Dataset declared';
    case 'records.imported':
      return e.counts.records !== undefined ? `Records imported: ${plural(e.counts.records, 'record')}` : 'Records imported';
    case 'consent.recorded': {
      const what = { given: 'gave consent', withdrawn: 'withdrew consent', refused: 'said no' }[e.refs.status ?? ''] ?? 'decided about consent';
      const n = e.counts.purposes;
      return `A member ${what}${n !== undefined ? ` (${plural(n, 'purpose')}, ${plural(e.counts.recipients ?? 0, 'kind of recipient', 'kinds of recipient')})` : ''}`;
    }
    case 'unreadable':
      return 'An entry this page cannot read';
    default:
      return typeLabel(e.type);
  }
}

/** `p:Xc9…` for a pseudonym; "the system" for automatic changes. */
export function shortPseudonym(p: string): string {
  if (p === 'system') return 'the system';
  return p.length > 9 ? `${p.slice(0, 8)}…` : p;
}

/** The start of a long hash or key, enough to compare by eye. */
export function shortHash(text: string, keep = 12): string {
  return text.length > keep + 1 ? `${text.slice(0, keep)}…` : text;
}

/** The receipt in the offline format of @steward/core: what verifyReceipt reads. */
export function toLogReceipt(receipt: Receipt): LogReceipt {
  return { v: 1, entry: { text: receipt.entry.text }, index: receipt.index, proof: receipt.proof, checkpoint: receipt.checkpoint };
}

/**
 * The file "Download receipt" saves: the offline receipt, plus the key the server says signed it
 * and when the entry was logged. Anyone can check it later with verifyReceipt and a verifier key
 * they got from the collective.
 */
export function receiptFile(receipt: Receipt, slug: string): { name: string; text: string } {
  const file = { ...toLogReceipt(receipt), verifierKeys: receipt.verifierKeys, loggedAt: receipt.loggedAt };
  return { name: `steward-receipt-${slug}-${receipt.index}.json`, text: `${JSON.stringify(file, null, 2)}\n` };
}
