import type { LogReceipt } from '@steward/core';
import { formatCount, humanize, kindLabel, plural, roleLabel } from './format.ts';
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
  'charter.adopted',
  'proposal.created',
  'proposal.edited',
  'proposal.opened',
  'ballot.cast',
  'proposal.vetoed',
  'delegation.set',
  'delegation.revoked',
  'delegation.counted',
  'proposal.decided',
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
  'charter.adopted': 'Charter adopted',
  'proposal.created': 'Proposal drafted',
  'proposal.edited': 'Draft changed',
  'proposal.opened': 'Vote opened',
  'ballot.cast': 'Vote cast',
  'proposal.vetoed': 'Proposal vetoed',
  'delegation.set': 'Vote delegated',
  'delegation.revoked': 'Delegation taken back',
  'delegation.counted': 'Delegated vote counted',
  'proposal.decided': 'Proposal decided',
};

const DECISION_WORDS: Record<string, string> = {
  access_request: 'access request',
  charter_amendment: 'change to the charter',
  revenue_distribution: 'revenue distribution',
  motion: 'motion',
};
const decisionWord = (kind: string | undefined) => (kind ? (DECISION_WORDS[kind] ?? humanize(kind).toLowerCase()) : 'proposal');
const withArticle = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
const topicWord = (topic: string | undefined) => (topic === '*' || !topic ? 'every kind of decision' : `${DECISION_WORDS[topic] ?? topic}s`);
const METHOD_WORDS: Record<string, string> = {
  majority: 'simple majority',
  supermajority: 'supermajority',
  consent: 'consent',
  quadratic: 'quadratic voting',
  schulze: 'ranked choice',
};
const OUTCOME_WORDS: Record<string, string> = { passed: 'passed', rejected: 'was rejected', vetoed: 'was vetoed', expired: 'expired without enough votes' };
const EFFECT_WORDS: Record<string, string> = {
  charter_adopted: 'the charter was changed',
  charter_invalid: 'the new charter could not be adopted',
  request_approved: 'the request was approved',
  request_refused_by_charter: 'the charter refused the request',
};

function ballotWords(e: EntryFacts): string {
  const vote = e.refs.vote;
  if (vote === 'yes' || vote === 'no') return ` (${vote})`;
  if (vote === 'abstain') return ' (abstained)';
  if (vote === 'consent') return ' (consented)';
  if (vote === 'object') return ' (objected, with a reason)';
  if (Object.keys(e.counts).some((k) => k.startsWith('rank.'))) return ' (a ranking)';
  if (Object.keys(e.counts).some((k) => k.startsWith('votes.'))) return ' (quadratic votes)';
  return '';
}

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
    case 'charter.adopted': {
      const v = e.counts.version;
      if (v === 1 || (v === undefined && !e.refs.proposal)) return 'The first charter was adopted';
      return v !== undefined ? `Charter version ${formatCount(v)} was adopted by a vote` : 'A new charter was adopted by a vote';
    }
    case 'proposal.created': {
      const what = withArticle(decisionWord(e.refs.kind));
      return `${what.charAt(0).toUpperCase()}${what.slice(1)} was drafted`;
    }
    case 'proposal.edited':
      return 'A draft proposal was changed';
    case 'proposal.opened': {
      const method = METHOD_WORDS[e.refs.method ?? ''];
      const n = e.counts.electorate;
      const detail = [method ? `by ${method}` : null, n !== undefined ? `${plural(n, 'member')} may vote` : null].filter(Boolean).join('; ');
      return `A vote opened on ${withArticle(decisionWord(e.refs.topic))}${detail ? ` (${detail})` : ''}`;
    }
    case 'ballot.cast':
      return `A member voted${ballotWords(e)}`;
    case 'proposal.vetoed':
      return e.refs.holder ? `A proposal was vetoed by ${e.refs.holder}` : 'A proposal was vetoed';
    case 'delegation.set':
      return `A member delegated their vote on ${topicWord(e.refs.topic)}`;
    case 'delegation.revoked':
      return `A delegation on ${topicWord(e.refs.topic)} was taken back`;
    case 'delegation.counted':
      return 'A delegated vote was counted';
    case 'proposal.decided': {
      const outcome = OUTCOME_WORDS[e.refs.outcome ?? ''] ?? 'was decided';
      const turnout = e.counts.turnout !== undefined && e.counts.electorate !== undefined ? ` (${formatCount(e.counts.turnout)} of ${plural(e.counts.electorate, 'member')} took part)` : '';
      const effect = EFFECT_WORDS[e.refs.effect ?? ''];
      return `A proposal ${outcome}${turnout}${effect ? `; ${effect}` : ''}`;
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
