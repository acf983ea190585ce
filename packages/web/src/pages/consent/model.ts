import type { RouteInput, RouteOutput, Routes } from '@steward/contract';

/**
 * The consent centre's pure logic: the member's cells in plain words, the detail grid, and turning
 * what the member ticked into as few consent changes as is simple. No React, no I/O.
 */

export type ConsentOptions = RouteOutput<Routes['consentOptions']>;
export type MyConsent = RouteOutput<Routes['myConsent']>;
export type ConsentCell = MyConsent['cells'][number];
export type ConsentRecord = MyConsent['history'][number];
export type ConsentRecordState = ConsentRecord['state'];
export type ConsentCoverage = RouteOutput<Routes['consentCoverage']>;
export type ConsentReceipt = RouteOutput<Routes['consentReceipt']>;
/** What the member decides, as sent to the notice route and then, with its digest, recorded. */
export type Decision = RouteInput<Routes['consentNotice']>['body'];
export type ConsentChange = NonNullable<Decision['changes']>[number];
export type ConsentScope = ConsentChange['scope'];
export type Category = ConsentCell['category'];
type Recipient = ConsentScope['recipients'][number];
type DatasetScope = ConsentScope['datasets'][number];

// en-GB: "a, b and c", without the serial comma, as the rest of the app writes lists.
const list = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });
/** "a, b and c": the page is written in English, whatever the browser's locale. */
export function joinWords(words: readonly string[]): string {
  return list.format(words);
}

/** "University research" → "university research", inside a sentence. */
function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

// ---- Dates ------------------------------------------------------------------------------------

/** The same day `months` calendar months later (the 31st becomes the month's last day). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getDate();
  d.setDate(1);
  d.setMonth(d.getMonth() + months);
  const last = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
  d.setDate(Math.min(day, last));
  return d;
}

/** How long a "yes" lasts, in months; 0 is until the member changes it. */
export const END_MONTHS = [0, 6, 12, 24] as const;
/** When to ask the member again, in months. */
export const REMIND_MONTHS = [3, 6, 12] as const;

export interface Timing {
  endMonths: number;
  remindMonths: number;
}

export const DEFAULT_TIMING: Timing = { endMonths: 0, remindMonths: 12 };

/** Reminders that come before the end: a reminder on or after it would never be seen. */
export function remindChoices(endMonths: number): number[] {
  return REMIND_MONTHS.filter((m) => endMonths === 0 || m < endMonths);
}

/** Keeps the reminder valid when the end moves earlier: the latest reminder still before it. */
export function fitTiming(t: Timing): Timing {
  const choices = remindChoices(t.endMonths);
  return choices.includes(t.remindMonths) ? t : { ...t, remindMonths: choices[choices.length - 1] ?? REMIND_MONTHS[0] };
}

/** The end and review instants for a choice, from `now`, as the API takes them. */
export function timingDates(t: Timing, now: Date): { expiresAt: string | null; reviewAt: string | null } {
  return {
    expiresAt: t.endMonths > 0 ? addMonths(now, t.endMonths).toISOString() : null,
    reviewAt: addMonths(now, t.remindMonths).toISOString(),
  };
}

// ---- Cells ------------------------------------------------------------------------------------

/** A cell's key: dataset × purpose × recipient category. */
export const cellKey = (datasetId: string, purpose: string, category: string) => `${datasetId}|${purpose}|${category}`;
/** A row × column of the detail grid: purpose × recipient category. */
export const gridKey = (purpose: string, category: string) => `${purpose}|${category}`;

export function cellIndex(cells: readonly ConsentCell[]): Map<string, ConsentCell> {
  return new Map(cells.map((c) => [cellKey(c.datasetId, c.purpose, c.category), c]));
}

/**
 * A cell the member said yes to for some fields of the dataset only. The gate answers for a use
 * of every field, so such a cell reads "not allowed, fields not covered"; a use of those fields
 * only is allowed.
 */
export function limitedToFields(c: ConsentCell): boolean {
  return !c.allowed && c.reason === 'fields_not_covered' && c.fields !== null;
}

/** Allowed now, wholly or for some fields. */
export function usable(c: ConsentCell): boolean {
  return c.allowed || limitedToFields(c);
}

/** Whether anything at all may be used now (opt-in: nothing is, until the member says yes). */
export function anythingAllowed(mine: Pick<MyConsent, 'cells' | 'named'>): boolean {
  return mine.cells.some(usable) || mine.named.some(usable);
}

export interface SummaryLine {
  category: Category;
  /** "Universities may use all your data for university research and public interest." */
  sentence: string;
  /** The soonest end of the consent behind these cells, if any ends. */
  endsAt: string | null;
}

/** Who may use the member's data now, one line per kind of recipient, in the vocabulary's order. */
export function whoMayUse(mine: Pick<MyConsent, 'cells'>, options: Pick<ConsentOptions, 'purposes' | 'recipients' | 'datasets'>): SummaryLine[] {
  const lines: SummaryLine[] = [];
  for (const r of options.recipients) {
    const cells = mine.cells.filter((c) => c.category === r.category && usable(c));
    if (cells.length === 0) continue;
    const purposes = options.purposes.filter((p) => cells.some((c) => c.purpose === p.id)).map((p) => lower(p.label));
    // A dataset is limited to fields when every yes on it is; then to all the fields named.
    const scoped = [...new Set(cells.map((c) => c.datasetId))].map((datasetId): DatasetScope => {
      const on = cells.filter((c) => c.datasetId === datasetId);
      return on.every(limitedToFields) ? { datasetId, fields: [...new Set(on.flatMap((c) => c.fields ?? []))] } : { datasetId };
    });
    const ends = cells.map((c) => c.expiresAt).filter((e): e is string => e !== null).sort();
    lines.push({
      category: r.category,
      sentence: `${r.label} may use ${datasetsPhrase(scoped, options.datasets)} for ${joinWords(purposes)}.`,
      endsAt: ends[0] ?? null,
    });
  }
  return lines;
}

/** "all your data", or the datasets' names, with any field limits. */
function datasetsPhrase(scoped: readonly DatasetScope[], datasets: ConsentOptions['datasets']): string {
  const whole = scoped.every((d) => !d.fields);
  if (whole && datasets.length > 0 && datasets.every((d) => scoped.some((s) => s.datasetId === d.id))) return 'all your data';
  const names = scoped.map((s) => {
    const name = datasets.find((d) => d.id === s.datasetId)?.name ?? 'a dataset that is no longer here';
    return s.fields ? `${name} (only ${joinWords([...s.fields].sort())})` : name;
  });
  return joinWords(names);
}

function recipientsPhrase(recipients: readonly Recipient[], options: Pick<ConsentOptions, 'recipients'>): string {
  const categories = recipients.filter((r) => !r.requesterId).map((r) => r.category);
  if (options.recipients.every((r) => categories.includes(r.category))) return 'everyone';
  const labels = options.recipients.filter((r) => categories.includes(r.category)).map((r) => lower(r.label));
  const named = recipients.filter((r) => r.requesterId).length;
  if (named > 0) labels.push(named === 1 ? 'an organisation you named' : `${named} organisations you named`);
  return joinWords(labels);
}

function purposesPhrase(purposes: readonly string[], options: Pick<ConsentOptions, 'purposes'>): string {
  if (options.purposes.every((p) => purposes.includes(p.id))) return 'every purpose';
  return joinWords(options.purposes.filter((p) => purposes.includes(p.id)).map((p) => lower(p.label)));
}

/** A decision in one sentence: "You gave consent to universities for university research on all your data". */
export function recordSentence(record: Pick<ConsentRecord, 'status' | 'scope'>, options: Pick<ConsentOptions, 'purposes' | 'recipients' | 'datasets'>): string {
  const who = recipientsPhrase(record.scope.recipients, options);
  const what = `for ${purposesPhrase(record.scope.purposes, options)} on ${datasetsPhrase(record.scope.datasets, options.datasets)}`;
  switch (record.status) {
    case 'given':
      return `You gave consent to ${who} ${what}`;
    case 'withdrawn':
      return `You withdrew consent from ${who} ${what}`;
    case 'refused':
      return `You said no to ${who} ${what}`;
  }
}

/** A change about to be made, in one sentence: "Allow universities …", "Stop universities …". */
export function changeSentence(change: ConsentChange, options: Pick<ConsentOptions, 'purposes' | 'recipients' | 'datasets'>): string {
  const who = recipientsPhrase(change.scope.recipients, options);
  const what = `for ${purposesPhrase(change.scope.purposes, options)} on ${datasetsPhrase(change.scope.datasets, options.datasets)}`;
  return change.status === 'given' ? `Allow ${who} to use it ${what}.` : change.status === 'withdrawn' ? `Stop ${who} using it ${what}.` : `Say no to ${who} ${what}.`;
}

export const STATE_LABELS: Record<ConsentRecordState, string> = {
  active: 'Active',
  superseded: 'Replaced by a later decision',
  expired: 'Ended',
  due_for_review: 'Due for review',
  withdrawn: 'Withdrawn',
  refused: 'Refused',
};

// ---- The detail grid --------------------------------------------------------------------------

export type Tick = 'on' | 'off' | 'mixed';

/**
 * The grid as it stands for the chosen datasets: on where every chosen dataset allows the cell,
 * off where none does, mixed otherwise.
 */
export function baseGrid(cells: ReadonlyMap<string, ConsentCell>, datasetIds: readonly string[], purposes: readonly string[], categories: readonly string[]): Map<string, Tick> {
  const grid = new Map<string, Tick>();
  for (const p of purposes) {
    for (const c of categories) {
      const allowed = datasetIds.filter((d) => {
        const cell = cells.get(cellKey(d, p, c));
        return cell !== undefined && usable(cell);
      }).length;
      grid.set(gridKey(p, c), allowed === 0 ? 'off' : allowed === datasetIds.length ? 'on' : 'mixed');
    }
  }
  return grid;
}

interface Cell {
  datasetId: string;
  purpose: string;
  /** A recipient category, or `category#requesterId` for a named organisation. */
  recipient: string;
}

export interface Rectangle {
  datasetIds: string[];
  purposes: string[];
  recipients: string[];
}

/**
 * Covers a set of cells exactly with few rectangles (datasets × purposes × recipients), simply:
 * per purpose, recipients that cover the same datasets go together; then purposes whose groups
 * are the same merge. Order follows the first appearance of each purpose.
 */
export function rectangles(cells: readonly Cell[]): Rectangle[] {
  const byPurpose = new Map<string, Map<string, Set<string>>>();
  for (const c of cells) {
    let recipients = byPurpose.get(c.purpose);
    if (!recipients) byPurpose.set(c.purpose, (recipients = new Map()));
    let datasets = recipients.get(c.recipient);
    if (!datasets) recipients.set(c.recipient, (datasets = new Set()));
    datasets.add(c.datasetId);
  }
  const merged = new Map<string, Rectangle>();
  for (const [purpose, recipients] of byPurpose) {
    const byDatasets = new Map<string, { datasetIds: string[]; recipients: string[] }>();
    for (const [recipient, datasets] of recipients) {
      const datasetIds = [...datasets].sort();
      const key = datasetIds.join(',');
      const group = byDatasets.get(key);
      if (group) group.recipients.push(recipient);
      else byDatasets.set(key, { datasetIds, recipients: [recipient] });
    }
    for (const group of byDatasets.values()) {
      const key = `${group.datasetIds.join(',')}|${[...group.recipients].sort().join(',')}`;
      const rect = merged.get(key);
      if (rect) rect.purposes.push(purpose);
      else merged.set(key, { datasetIds: group.datasetIds, purposes: [purpose], recipients: group.recipients });
    }
  }
  return [...merged.values()];
}

function toRecipient(key: string): Recipient {
  const hash = key.indexOf('#');
  return hash < 0 ? { category: key as Category } : { category: key.slice(0, hash) as Category, requesterId: key.slice(hash + 1) };
}

function toScope(rect: Rectangle, datasetScope: (datasetId: string) => DatasetScope = (datasetId) => ({ datasetId })): ConsentScope {
  return { datasets: rect.datasetIds.map(datasetScope), purposes: rect.purposes, recipients: rect.recipients.map(toRecipient) };
}

/**
 * What saving the detail grid changes, on the chosen datasets: consent given where a box is ticked
 * and the cell is not allowed yet, withdrawn where a box is cleared and the cell is allowed (for
 * some fields or all). Mixed boxes and unchanged cells stay as they are: a ticked cell limited to
 * some fields keeps its limit.
 */
export function detailChanges(
  cells: ReadonlyMap<string, ConsentCell>,
  datasetIds: readonly string[],
  grid: ReadonlyMap<string, Tick>,
  dates: { expiresAt: string | null; reviewAt: string | null },
): ConsentChange[] {
  const give: Cell[] = [];
  const withdraw: Cell[] = [];
  for (const [key, tick] of grid) {
    if (tick === 'mixed') continue;
    const [purpose, category] = key.split('|') as [string, string];
    for (const datasetId of datasetIds) {
      const cell = cells.get(cellKey(datasetId, purpose, category));
      const allowed = cell !== undefined && usable(cell);
      if (tick === 'on' && !allowed) give.push({ datasetId, purpose, recipient: category });
      if (tick === 'off' && allowed) withdraw.push({ datasetId, purpose, recipient: category });
    }
  }
  return [
    ...rectangles(give).map((r): ConsentChange => ({ scope: toScope(r), status: 'given', expiresAt: dates.expiresAt, reviewAt: dates.reviewAt })),
    ...rectangles(withdraw).map((r): ConsentChange => ({ scope: toScope(r), status: 'withdrawn' })),
  ];
}

/** How many cells (dataset × purpose × recipient) a list of changes touches. */
export function cellCount(changes: readonly ConsentChange[]): number {
  return changes.reduce((n, c) => n + c.scope.datasets.length * c.scope.purposes.length * c.scope.recipients.length, 0);
}

// ---- Review -----------------------------------------------------------------------------------

const MONTH_MS = 30.44 * 86_400_000;

/** The member's reminder rhythm for a record (between 3 and 12 months; 12 when it had none). */
function reviewMonths(record: ConsentRecord): number {
  if (!record.reviewAt) return 12;
  const months = Math.round((Date.parse(record.reviewAt) - Date.parse(record.recordedAt)) / MONTH_MS);
  return Math.min(12, Math.max(3, Number.isFinite(months) ? months : 12));
}

/**
 * Records due for review that still decide some use. A record overridden piece by piece by later
 * ones (a purpose withdrawn since) can stay "due" on the server although it decides nothing any
 * more; asking about it again would be noise.
 */
export function dueRecords(mine: Pick<MyConsent, 'cells' | 'named' | 'history' | 'dueForReview'>): ConsentRecord[] {
  const deciding = new Set([...mine.cells, ...mine.named].filter((c) => usable(c) && c.recordId !== null).map((c) => c.recordId));
  return mine.dueForReview.filter((id) => deciding.has(id)).flatMap((id) => mine.history.filter((r) => r.id === id));
}

/**
 * "Still OK" for records due for review: the same consent given again with a new review date.
 * Only what each record still decides is given again, so a part the member changed since (a
 * purpose withdrawn later) stays changed; field limits and the end date are kept.
 */
export function stillOkChanges(mine: Pick<MyConsent, 'cells' | 'named' | 'history' | 'dueForReview'>, now: Date): ConsentChange[] {
  const changes: ConsentChange[] = [];
  for (const record of dueRecords(mine)) {
    const id = record.id;
    if (record.status !== 'given') continue;
    const decided: Cell[] = [
      ...mine.cells.filter((c) => c.recordId === id && usable(c)).map((c) => ({ datasetId: c.datasetId, purpose: c.purpose, recipient: c.category })),
      ...mine.named.filter((c) => c.recordId === id && usable(c)).map((c) => ({ datasetId: c.datasetId, purpose: c.purpose, recipient: `${c.category}#${c.requesterId}` })),
    ];
    if (decided.length === 0) continue;
    let reviewAt: string | null = addMonths(now, reviewMonths(record)).toISOString();
    if (record.expiresAt && Date.parse(reviewAt) >= Date.parse(record.expiresAt)) reviewAt = null;
    const datasetScope = (datasetId: string): DatasetScope => record.scope.datasets.find((d) => d.datasetId === datasetId) ?? { datasetId };
    for (const rect of rectangles(decided)) {
      changes.push({ scope: toScope(rect, datasetScope), status: 'given', expiresAt: record.expiresAt, reviewAt });
    }
  }
  return changes;
}

// ---- Errors -----------------------------------------------------------------------------------

/** Where on the page an error the API names belongs. */
export type ErrorPlace = 'expiresAt' | 'reviewAt' | 'datasets' | 'other';

/** `changes.0.expiresAt` → expiresAt; `datasetIds.1`, `changes.2.scope.datasets.0.fields` → datasets. */
export function errorPlace(field: string): ErrorPlace {
  const f = field.replace(/^body[./]/, '').replace(/^changes\.\d+\./, '');
  if (f === 'expiresAt' || f === 'reviewAt') return f;
  if (f.startsWith('datasetIds') || f.startsWith('scope.datasets')) return 'datasets';
  return 'other';
}
