import type { ConsentScope, DataUse, Recipient } from './types.ts';

/**
 * What a scope covers, shared by the gate, coverage counts and record statuses so that they can
 * never disagree about which record decides a cell.
 */

/** The requester a recipient names, or undefined for a whole category. */
export function requesterOf(recipient: Recipient): string | undefined {
  return 'requesterId' in recipient && typeof recipient.requesterId === 'string' ? recipient.requesterId : undefined;
}

/**
 * Whether a record's recipient covers the use's recipient. A category-only entry covers every use
 * of its category, named requesters included; an entry naming a requester covers only uses by that
 * same requester, never a category-only use (so consent to one organisation does not leak to its
 * whole category) and never another requester.
 */
export function recipientCovers(entry: Recipient, use: Recipient): boolean {
  const named = requesterOf(entry);
  if (named === undefined) return entry.category === use.category;
  return requesterOf(use) === named;
}

/** Whether a scope covers the use's cell (dataset × purpose × recipient); fields are not considered here. */
export function scopeCovers(scope: ConsentScope, use: Pick<DataUse, 'datasetId' | 'purpose' | 'recipient'>): boolean {
  return (
    scope.datasets.some((d) => d.datasetId === use.datasetId) &&
    scope.purposes.includes(use.purpose) &&
    scope.recipients.some((r) => recipientCovers(r, use.recipient))
  );
}

/**
 * The fields a scope allows for a dataset: undefined means every field. Scopes are validated to
 * name a dataset once, but if one named it twice the union is taken (the member said yes to both).
 */
export function scopeFields(scope: ConsentScope, datasetId: string): ReadonlySet<string> | undefined {
  let fields: Set<string> | undefined;
  for (const d of scope.datasets) {
    if (d.datasetId !== datasetId) continue;
    if (d.fields === undefined) return undefined;
    fields ??= new Set();
    for (const f of d.fields) fields.add(f);
  }
  return fields;
}

/** Whether the use reads only fields the scope allows for its dataset. */
export function fieldsCovered(scope: ConsentScope, datasetId: string, useFields: readonly string[] | undefined): boolean {
  const allowed = scopeFields(scope, datasetId);
  if (allowed === undefined) return true;
  // A use of "every field" goes beyond any field list.
  return useFields !== undefined && useFields.every((f) => allowed.has(f));
}

/**
 * Whether `newer` covers every cell `older` covers (dataset ids, purposes, recipients; fields do
 * not matter, since the newest covering record decides a cell whatever its fields).
 */
export function scopeIncludes(newer: ConsentScope, older: ConsentScope): boolean {
  return (
    older.datasets.every((d) => newer.datasets.some((n) => n.datasetId === d.datasetId)) &&
    older.purposes.every((p) => newer.purposes.includes(p)) &&
    older.recipients.every((r) => newer.recipients.some((n) => recipientCovers(n, r)))
  );
}
