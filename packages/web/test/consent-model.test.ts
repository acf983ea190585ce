import { describe, expect, it } from 'vitest';
import {
  addMonths,
  baseGrid,
  cellCount,
  cellIndex,
  detailChanges,
  dueRecords,
  errorPlace,
  fitTiming,
  gridKey,
  recordSentence,
  rectangles,
  remindChoices,
  stillOkChanges,
  timingDates,
  whoMayUse,
  type ConsentCell,
  type ConsentOptions,
  type ConsentRecord,
  type MyConsent,
} from '../src/pages/consent/model.ts';

/** The consent centre's pure logic: sentences, the detail grid and the changes it sends. */

const D1 = '00000000-0000-4000-8000-000000000001';
const D2 = '00000000-0000-4000-8000-000000000002';
const PURPOSES = ['stw:CollectiveBargaining', 'dpv:AcademicResearch', 'dpv:PublicBenefit'];
const CATEGORIES = ['collective', 'academic', 'public_body', 'commercial'] as const;

const options: Pick<ConsentOptions, 'purposes' | 'recipients' | 'datasets'> = {
  purposes: [
    { id: 'stw:CollectiveBargaining', iri: '', label: 'Collective bargaining', explanation: '', examples: [] },
    { id: 'dpv:AcademicResearch', iri: '', label: 'University research', explanation: '', examples: [] },
    { id: 'dpv:PublicBenefit', iri: '', label: 'Public interest', explanation: '', examples: [] },
  ],
  recipients: [
    { category: 'collective', label: 'Your collective', explanation: '' },
    { category: 'academic', label: 'Universities', explanation: '' },
    { category: 'public_body', label: 'Public bodies', explanation: '' },
    { category: 'commercial', label: 'Companies', explanation: '' },
  ],
  datasets: [
    { id: D1, slug: 'work_tasks', name: 'Work tasks', description: '', categories: ['pd:Income'], fields: [] },
    { id: D2, slug: 'shifts', name: 'Shifts', description: '', categories: ['pd:WorkHistory'], fields: [] },
  ],
};

function cells(allowed: (d: string, p: string, c: string) => string | null | false): ConsentCell[] {
  const out: ConsentCell[] = [];
  for (const datasetId of [D1, D2]) {
    for (const purpose of PURPOSES) {
      for (const category of CATEGORIES) {
        const record = allowed(datasetId, purpose, category);
        out.push({ datasetId, purpose, category, allowed: !!record, reason: record ? 'consent_given' : 'no_consent', recordId: record || null, fields: null, expiresAt: null, reviewAt: null });
      }
    }
  }
  return out;
}

function record(id: string, over: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id,
    seq: 1,
    scope: { datasets: [{ datasetId: D1 }, { datasetId: D2 }], purposes: ['dpv:AcademicResearch', 'dpv:PublicBenefit'], recipients: [{ category: 'academic' }, { category: 'public_body' }] },
    status: 'given',
    state: 'due_for_review',
    legalBasis: 'dpv:Consent',
    method: 'web',
    noticeDigest: '0'.repeat(64),
    recordedAt: '2026-01-10T10:00:00.000Z',
    expiresAt: null,
    reviewAt: '2026-07-10T10:00:00.000Z',
    inReplyTo: null,
    ...over,
  };
}

describe('consent centre model', () => {
  it('[C1] says nobody may use the data when nothing is given, and who may otherwise', () => {
    expect(whoMayUse({ cells: cells(() => null) }, options)).toEqual([]);
    const lines = whoMayUse({ cells: cells((d, p, c) => (c === 'academic' && p !== 'stw:CollectiveBargaining') || (c === 'collective' && d === D2 && p === 'stw:CollectiveBargaining') ? 'r1' : null) }, options);
    expect(lines.map((l) => l.sentence)).toEqual([
      'Your collective may use Shifts for collective bargaining.',
      'Universities may use all your data for university research and public interest.',
    ]);
  });

  it('counts a yes limited to some fields as allowed for those fields, in words and in the grid', () => {
    const limited = cells(() => null).map((c) =>
      c.datasetId === D1 && c.purpose === 'dpv:PublicBenefit' && c.category === 'public_body' ? { ...c, reason: 'fields_not_covered', recordId: 'r9', fields: ['city', 'fare'] } : c,
    );
    expect(whoMayUse({ cells: limited }, options).map((l) => l.sentence)).toEqual(['Public bodies may use Work tasks (only city and fare) for public interest.']);
    const index = cellIndex(limited);
    const grid = baseGrid(index, [D1], PURPOSES, [...CATEGORIES]);
    expect(grid.get(gridKey('dpv:PublicBenefit', 'public_body'))).toBe('on');
    // Left ticked it keeps its limit; cleared, it is withdrawn.
    expect(detailChanges(index, [D1], grid, { expiresAt: null, reviewAt: null })).toEqual([]);
    grid.set(gridKey('dpv:PublicBenefit', 'public_body'), 'off');
    expect(detailChanges(index, [D1], grid, { expiresAt: null, reviewAt: null })).toEqual([
      { status: 'withdrawn', scope: { datasets: [{ datasetId: D1 }], purposes: ['dpv:PublicBenefit'], recipients: [{ category: 'public_body' }] } },
    ]);
  });

  it('writes each record as a sentence', () => {
    expect(recordSentence(record('r'), options)).toBe('You gave consent to universities and public bodies for university research and public interest on all your data');
    const everything = { datasets: [{ datasetId: D1, fields: ['city', 'fare'] }], purposes: PURPOSES, recipients: CATEGORIES.map((category) => ({ category })) };
    expect(recordSentence({ status: 'withdrawn', scope: everything }, options)).toBe('You withdrew consent from everyone for every purpose on Work tasks (only city and fare)');
    expect(recordSentence({ status: 'refused', scope: { ...everything, recipients: [{ category: 'commercial' }] } }, options)).toBe('You said no to companies for every purpose on Work tasks (only city and fare)');
  });

  it('covers cells exactly with few rectangles', () => {
    const cs = [
      ...[D1, D2].flatMap((datasetId) => ['academic', 'public_body'].flatMap((recipient) => ['dpv:AcademicResearch', 'dpv:PublicBenefit'].map((purpose) => ({ datasetId, purpose, recipient })))),
      { datasetId: D1, purpose: 'stw:CollectiveBargaining', recipient: 'collective' },
    ];
    const rects = rectangles(cs);
    expect(rects).toHaveLength(2);
    const covered = rects.flatMap((r) => r.datasetIds.flatMap((d) => r.purposes.flatMap((p) => r.recipients.map((c) => `${d}|${p}|${c}`)))).sort();
    expect(covered).toEqual(cs.map((c) => `${c.datasetId}|${c.purpose}|${c.recipient}`).sort());
  });

  it('[C3] turns ticks into gives and withdrawals on the chosen datasets only; mixed boxes change nothing', () => {
    const now = cells((d, p, c) => (p === 'dpv:AcademicResearch' && c === 'academic') || (d === D1 && p === 'dpv:PublicBenefit' && c === 'public_body') ? 'r1' : null);
    const index = cellIndex(now);
    const grid = baseGrid(index, [D1, D2], PURPOSES, [...CATEGORIES]);
    expect(grid.get(gridKey('dpv:AcademicResearch', 'academic'))).toBe('on');
    expect(grid.get(gridKey('dpv:PublicBenefit', 'public_body'))).toBe('mixed');
    expect(detailChanges(index, [D1, D2], grid, { expiresAt: null, reviewAt: null })).toEqual([]);

    grid.set(gridKey('dpv:AcademicResearch', 'academic'), 'off');
    grid.set(gridKey('stw:CollectiveBargaining', 'collective'), 'on');
    const dates = { expiresAt: '2027-01-01T00:00:00.000Z', reviewAt: '2026-07-01T00:00:00.000Z' };
    expect(detailChanges(index, [D2], grid, dates)).toEqual([
      { status: 'given', scope: { datasets: [{ datasetId: D2 }], purposes: ['stw:CollectiveBargaining'], recipients: [{ category: 'collective' }] }, ...dates },
      { status: 'withdrawn', scope: { datasets: [{ datasetId: D2 }], purposes: ['dpv:AcademicResearch'], recipients: [{ category: 'academic' }] } },
    ]);
    const both = detailChanges(index, [D1, D2], grid, dates);
    expect(both).toHaveLength(2);
    expect(cellCount(both)).toBe(4);
  });

  it('“Still OK” gives again only what a due record still decides, keeping fields and end, with a new review date', () => {
    const due = record('due', {
      scope: { datasets: [{ datasetId: D1, fields: ['fare'] }, { datasetId: D2 }], purposes: ['dpv:AcademicResearch', 'dpv:PublicBenefit'], recipients: [{ category: 'academic' }] },
      expiresAt: '2027-06-01T00:00:00.000Z',
    });
    // A later record withdrew public interest: only university research is still decided by `due`.
    const mine: Pick<MyConsent, 'cells' | 'named' | 'history' | 'dueForReview'> = {
      cells: cells((_d, p, c) => (p === 'dpv:AcademicResearch' && c === 'academic' ? 'due' : null)),
      named: [],
      history: [record('later', { status: 'withdrawn', state: 'withdrawn', seq: 2 }), due],
      dueForReview: ['due'],
    };
    const now = new Date('2026-08-01T12:00:00.000Z');
    const changes = stillOkChanges(mine, now);
    expect(changes).toEqual([
      {
        status: 'given',
        scope: { datasets: [{ datasetId: D1, fields: ['fare'] }, { datasetId: D2 }], purposes: ['dpv:AcademicResearch'], recipients: [{ category: 'academic' }] },
        expiresAt: '2027-06-01T00:00:00.000Z',
        // The member's rhythm was 6 months.
        reviewAt: addMonths(now, 6).toISOString(),
      },
    ]);
    // A due record that decides nothing any more is not asked about.
    expect(dueRecords(mine).map((r) => r.id)).toEqual(['due']);
    expect(dueRecords({ ...mine, cells: cells(() => null) })).toEqual([]);
    // A reminder that would come after the end is left out.
    const soon = stillOkChanges({ ...mine, history: [record('due', { ...due, expiresAt: '2026-09-01T00:00:00.000Z' })] }, now);
    expect(soon[0]!.reviewAt).toBeNull();
  });

  it('offers reminders before the end only, and computes the dates from now', () => {
    expect(remindChoices(0)).toEqual([3, 6, 12]);
    expect(remindChoices(6)).toEqual([3]);
    expect(fitTiming({ endMonths: 12, remindMonths: 12 })).toEqual({ endMonths: 12, remindMonths: 6 });
    const now = new Date(2026, 0, 31, 12);
    expect(addMonths(now, 1).getDate()).toBe(28);
    const d = timingDates({ endMonths: 12, remindMonths: 6 }, now);
    expect(new Date(d.expiresAt!).getFullYear()).toBe(2027);
    expect(timingDates({ endMonths: 0, remindMonths: 3 }, now).expiresAt).toBeNull();
  });

  it('places API errors next to the control they are about', () => {
    expect(errorPlace('expiresAt')).toBe('expiresAt');
    expect(errorPlace('changes.3.reviewAt')).toBe('reviewAt');
    expect(errorPlace('datasetIds.0')).toBe('datasets');
    expect(errorPlace('changes.0.scope.datasets.1.fields.0')).toBe('datasets');
    expect(errorPlace('changes.0.scope.purposes.0')).toBe('other');
  });
});
