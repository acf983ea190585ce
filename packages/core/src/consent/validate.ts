import { ValidationError, type FieldIssue } from '../errors.ts';
import { CONSENT_STATUSES, RECIPIENT_CATEGORIES, type ConsentDatasetScope, type ConsentScope, type ConsentStatus, type PurposeId, type Recipient } from './types.ts';
import { isPurposeId } from './vocabulary.ts';

/**
 * Checks a consent change a member asks for, before it becomes a record. Every problem is named
 * by its path (`scope.purposes.1`, `scope.datasets.0.fields.2`, `expiresAt`) so the form can show
 * it next to the right control.
 */

/** A change as it arrives (already JSON-parsed); dates as Date or ISO 8601 text. */
export interface ConsentChangeInput {
  scope?: unknown;
  status?: unknown;
  expiresAt?: unknown;
  reviewAt?: unknown;
  noticeDigest?: unknown;
}

export interface ConsentChangeContext {
  now: Date;
  /** The collective's datasets with the names of their fields. */
  datasets: ReadonlyArray<{ id: string; fields: readonly string[] }>;
}

/** A checked change; the app adds member, method and the other record fields. */
export interface ConsentChange {
  scope: ConsentScope;
  status: ConsentStatus;
  expiresAt: Date | null;
  reviewAt: Date | null;
  /** Lower-case hex SHA-256 of the notice shown (see consentNotice). */
  noticeDigest: string;
}

const MAX_DATASETS = 100;
const MAX_FIELDS = 200;
const MAX_RECIPIENTS = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGEST = /^[0-9a-f]{64}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string' || !ISO.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Returns the cleaned change, or throws ValidationError naming every bad field. */
export function validateConsentChange(input: ConsentChangeInput, context: ConsentChangeContext): ConsentChange {
  const issues: FieldIssue[] = [];
  const status = (CONSENT_STATUSES as readonly unknown[]).includes(input.status) ? (input.status as ConsentStatus) : undefined;
  if (!status) issues.push({ field: 'status', message: `must be one of ${CONSENT_STATUSES.join(', ')}` });

  const scope = validateScope(input.scope, context, status, issues);

  const dates: Record<'expiresAt' | 'reviewAt', Date | null> = { expiresAt: null, reviewAt: null };
  for (const key of ['expiresAt', 'reviewAt'] as const) {
    const raw = input[key];
    if (raw === undefined || raw === null) continue;
    const d = toDate(raw);
    // Only a "yes" can lapse or be reviewed; a withdrawal or refusal stands until changed.
    if (status !== undefined && status !== 'given') issues.push({ field: key, message: 'only consent that is given can have an end or review date' });
    else if (!d) issues.push({ field: key, message: 'must be a date and time (ISO 8601 with a time zone)' });
    else if (d.getTime() <= context.now.getTime()) issues.push({ field: key, message: 'must be in the future' });
    else dates[key] = d;
  }
  if (dates.expiresAt && dates.reviewAt && dates.reviewAt.getTime() > dates.expiresAt.getTime()) {
    issues.push({ field: 'reviewAt', message: 'must not be after the end date' });
  }

  if (typeof input.noticeDigest !== 'string' || !DIGEST.test(input.noticeDigest)) {
    issues.push({ field: 'noticeDigest', message: 'must be the SHA-256 of the notice shown, 64 lower-case hex digits' });
  }
  if (issues.length > 0 || !status || !scope) throw new ValidationError(issues);
  return { scope, status, expiresAt: dates.expiresAt, reviewAt: dates.reviewAt, noticeDigest: input.noticeDigest as string };
}

function validateScope(raw: unknown, context: ConsentChangeContext, status: ConsentStatus | undefined, issues: FieldIssue[]): ConsentScope | undefined {
  if (!isObject(raw)) {
    issues.push({ field: 'scope', message: 'must say which datasets, purposes and recipients' });
    return undefined;
  }
  const before = issues.length;
  const datasets = list(raw.datasets, 'scope.datasets', MAX_DATASETS, 'dataset', issues)?.map((d, i) => datasetScope(d, i, context, status, issues));
  const purposes = list(raw.purposes, 'scope.purposes', Infinity, 'purpose', issues);
  const seenPurposes = new Set<string>();
  purposes?.forEach((p, i) => {
    if (!isPurposeId(p)) issues.push({ field: `scope.purposes.${i}`, message: 'not a known purpose' });
    else if (seenPurposes.has(p)) issues.push({ field: `scope.purposes.${i}`, message: 'listed twice' });
    else seenPurposes.add(p);
  });
  const recipients = list(raw.recipients, 'scope.recipients', MAX_RECIPIENTS, 'recipient', issues);
  const seenRecipients = new Set<string>();
  const cleanRecipients = recipients?.map((r, i) => recipient(r, i, seenRecipients, issues));

  const seenDatasets = new Set<string>();
  datasets?.forEach((d, i) => {
    if (!d) return;
    if (seenDatasets.has(d.datasetId)) issues.push({ field: `scope.datasets.${i}.datasetId`, message: 'listed twice' });
    seenDatasets.add(d.datasetId);
  });
  if (issues.length > before || !datasets || !purposes || !cleanRecipients) return undefined;
  return { datasets: datasets as ConsentDatasetScope[], purposes: purposes as PurposeId[], recipients: cleanRecipients as Recipient[] };
}

function list(value: unknown, path: string, max: number, what: string, issues: FieldIssue[]): unknown[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    issues.push({ field: path, message: `choose at least one ${what}` });
    return undefined;
  }
  if (value.length > max) {
    issues.push({ field: path, message: `at most ${max}` });
    return undefined;
  }
  return value;
}

function datasetScope(raw: unknown, i: number, context: ConsentChangeContext, status: ConsentStatus | undefined, issues: FieldIssue[]): ConsentDatasetScope | undefined {
  const at = `scope.datasets.${i}`;
  if (!isObject(raw)) {
    issues.push({ field: at, message: 'must be an object' });
    return undefined;
  }
  const dataset = typeof raw.datasetId === 'string' ? context.datasets.find((d) => d.id === raw.datasetId) : undefined;
  if (!dataset) issues.push({ field: `${at}.datasetId`, message: 'no such dataset in this collective' });
  if (raw.fields === undefined) return dataset && { datasetId: dataset.id };
  if (status !== undefined && status !== 'given') {
    // The gate lets the newest covering record decide the whole cell, so a partial "no" would
    // withdraw more than the member meant; saying so beats surprising them.
    issues.push({ field: `${at}.fields`, message: 'a withdrawal or refusal covers the whole dataset; leave out the fields' });
    return undefined;
  }
  if (!Array.isArray(raw.fields) || raw.fields.length === 0) {
    issues.push({ field: `${at}.fields`, message: 'list at least one field, or leave out the list for every field' });
    return undefined;
  }
  if (raw.fields.length > MAX_FIELDS) {
    issues.push({ field: `${at}.fields`, message: `at most ${MAX_FIELDS}` });
    return undefined;
  }
  const seen = new Set<string>();
  raw.fields.forEach((f: unknown, j: number) => {
    if (typeof f !== 'string' || f === '') issues.push({ field: `${at}.fields.${j}`, message: 'must be a field name' });
    else if (seen.has(f)) issues.push({ field: `${at}.fields.${j}`, message: 'listed twice' });
    else if (dataset && !dataset.fields.includes(f)) issues.push({ field: `${at}.fields.${j}`, message: `no field "${f}" in this dataset` });
    seen.add(f as string);
  });
  return dataset && { datasetId: dataset.id, fields: [...seen] };
}

function recipient(raw: unknown, i: number, seen: Set<string>, issues: FieldIssue[]): Recipient | undefined {
  const at = `scope.recipients.${i}`;
  if (!isObject(raw)) {
    issues.push({ field: at, message: 'must be an object' });
    return undefined;
  }
  let ok = true;
  if (!(RECIPIENT_CATEGORIES as readonly unknown[]).includes(raw.category)) {
    issues.push({ field: `${at}.category`, message: `must be one of ${RECIPIENT_CATEGORIES.join(', ')}` });
    ok = false;
  }
  let requesterId: string | undefined;
  if (raw.requesterId !== undefined) {
    if (typeof raw.requesterId !== 'string' || !UUID.test(raw.requesterId)) {
      issues.push({ field: `${at}.requesterId`, message: 'must be an organisation id (UUID)' });
      ok = false;
    } else requesterId = raw.requesterId.toLowerCase();
  }
  if (!ok) return undefined;
  const category = raw.category as Recipient['category'];
  const key = `${category}\u0000${requesterId ?? ''}`;
  if (seen.has(key)) {
    issues.push({ field: at, message: 'listed twice' });
    return undefined;
  }
  seen.add(key);
  return requesterId === undefined ? { category } : { category, requesterId };
}
