import { sha256 } from '@noble/hashes/sha2.js';
import { isPersonalDataCategory, PERSONAL_DATA_CATEGORIES } from '../datasets/dpv.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { toHex, utf8 } from '../log/bytes.ts';
import { requesterOf } from './scope.ts';
import { RECIPIENT_CATEGORIES, type ConsentScope, type ConsentStatus, type Recipient } from './types.ts';
import { CONSENT_VOCABULARY_VERSION, PURPOSES, purposeById, RECIPIENT_CATEGORY_INFO } from './vocabulary.ts';

/**
 * The notice a member reads before deciding (27560 "notice"). It is plain text and a pure
 * function of what is decided, so the server can rebuild it and check that the digest the client
 * says it showed is the digest of this text: the record then proves what the member was told.
 */

/** What the notice says about one dataset; `categories` are DPV `pd:` categories of its fields. */
export interface NoticeDataset {
  id: string;
  name: string;
  categories: readonly string[];
}

export interface ConsentNoticeInput {
  /** The controller: the collective's name. */
  collectiveName: string;
  /** At least the datasets the scope names (others are ignored). */
  datasets: readonly NoticeDataset[];
  scope: ConsentScope;
  status: ConsentStatus;
  expiresAt: Date | null;
  reviewAt?: Date | null;
  /** Names of requesters the scope names, so the member sees who, not an id. */
  requesters?: ReadonlyArray<{ id: string; name: string }>;
}

export interface ConsentNotice {
  text: string;
  /** Lower-case hex SHA-256 of the UTF-8 text. */
  digest: string;
}

/** One line per item: names and labels come from people, so line breaks and controls are flattened. */
const oneLine = (s: string): string => s.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const day = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Builds the notice. Order in the scope does not matter (datasets by id, fields by name, purposes
 * in vocabulary order, recipients in category order), so the same decision always gives the same
 * digest. Throws ValidationError when the scope names a dataset or purpose it cannot describe.
 */
export function consentNotice(input: ConsentNoticeInput): ConsentNotice {
  const issues: FieldIssue[] = [];
  const infoById = new Map(input.datasets.map((d) => [d.id, d]));
  const datasetLines: string[] = [];
  const datasets = input.scope.datasets.map((d, i) => ({ d, i })).sort((a, b) => byString(a.d.datasetId, b.d.datasetId));
  for (const { d, i } of datasets) {
    const info = infoById.get(d.datasetId);
    if (!info) {
      issues.push({ field: `scope.datasets.${i}.datasetId`, message: 'no such dataset in this collective' });
      continue;
    }
    const fields = d.fields ? [...new Set(d.fields)].sort(byString).map(oneLine).join(', ') : null;
    datasetLines.push(`- ${oneLine(info.name)}: ${fields ? `only these fields: ${fields}` : 'all of it'}`);
    for (const c of [...new Set(info.categories)].sort(byString)) {
      datasetLines.push(`    ${oneLine(c)}: ${isPersonalDataCategory(c) ? PERSONAL_DATA_CATEGORIES[c] : 'other personal data'}`);
    }
  }
  input.scope.purposes.forEach((p, i) => {
    if (!purposeById(p)) issues.push({ field: `scope.purposes.${i}`, message: 'not a known purpose' });
  });
  input.scope.recipients.forEach((r, i) => {
    if (!Object.hasOwn(RECIPIENT_CATEGORY_INFO, r.category)) issues.push({ field: `scope.recipients.${i}.category`, message: 'not a known kind of recipient' });
  });
  if (issues.length > 0) throw new ValidationError(issues);

  const purposeLines = PURPOSES.filter((p) => input.scope.purposes.includes(p.id)).map((p) => `- ${p.label} (${p.id}): ${p.explanation}`);
  const names = new Map((input.requesters ?? []).map((r) => [r.id, oneLine(r.name)]));
  const recipientLines = sortRecipients(input.scope.recipients).map((r) => {
    const info = RECIPIENT_CATEGORY_INFO[r.category];
    const requester = requesterOf(r);
    if (requester === undefined) return `- ${info.label}: ${info.explanation}`;
    return `- ${names.get(requester) ?? 'Organisation'} (${oneLine(requester)}), one of: ${info.label}`;
  });

  const what = { given: 'You give your consent.', withdrawn: 'You withdraw your consent.', refused: 'You say no.' }[input.status];
  const lines = [
    'Consent notice',
    `Who decides how your data is used (the controller): ${oneLine(input.collectiveName)}`,
    `Your decision: ${what}`,
    '',
    'Your data:',
    ...datasetLines,
    '',
    'What it is used for:',
    ...purposeLines,
    '',
    'Who receives the results:',
    ...recipientLines,
    'They get results worked out from many members\' data, never your own records.',
    '',
    'Legal basis: your consent (dpv:Consent).',
  ];
  if (input.status === 'given') {
    lines.push('You can withdraw this consent at any time. No use that starts after you withdraw will include your data.');
    lines.push(input.expiresAt ? `This consent ends on ${day(input.expiresAt)} (${input.expiresAt.toISOString()}).` : 'This consent has no end date: it lasts until you withdraw it.');
    if (input.reviewAt) lines.push(`We will ask you to look at it again on ${day(input.reviewAt)}.`);
  } else {
    lines.push('Your data will not be used for these purposes by these recipients. You can give consent later if you change your mind.');
  }
  lines.push('', `Vocabulary: ${CONSENT_VOCABULARY_VERSION}`);
  const text = lines.join('\n') + '\n';
  return { text, digest: toHex(sha256(utf8(text))) };
}

function sortRecipients(recipients: readonly Recipient[]): Recipient[] {
  const rank = (r: Recipient) => RECIPIENT_CATEGORIES.indexOf(r.category);
  return [...recipients].sort((a, b) => rank(a) - rank(b) || byString(requesterOf(a) ?? '', requesterOf(b) ?? ''));
}
