import { describe, expect, it } from 'vitest';
import { consentRecordStatuses, dueForReview } from '../../src/index.ts';
import { at, named, ORG, rec, scope } from './helpers.ts';

describe('consent record statuses', () => {
  it('[C3] shows each record of the history: active, superseded, expired, due for review, withdrawn, refused', () => {
    const first = rec('m1', 1);
    const widerYes = rec('m1', 2, { scope: scope({ purposes: ['dpv:AcademicResearch', 'dpv:PublicBenefit'] }), reviewAt: at(20) });
    const expired = rec('m1', 3, { scope: scope({ purposes: ['dpv:Marketing'] }), expiresAt: at(10) });
    const refused = rec('m1', 4, { scope: scope({ recipients: [named(ORG)] }), status: 'refused' });
    const withdrawn = rec('m1', 5, { scope: scope({ purposes: ['stw:Campaigning'] }), status: 'withdrawn' });
    const later = rec('m1', 50);
    const statuses = consentRecordStatuses([first, widerYes, expired, refused, withdrawn, later], at(30));
    expect(statuses.map((s) => s.status)).toEqual(['superseded', 'due_for_review', 'expired', 'refused', 'withdrawn']);
    expect(consentRecordStatuses([first, widerYes], at(5)).map((s) => s.status)).toEqual(['superseded', 'active']);
  });

  it('a category record supersedes a named one, not the other way round', () => {
    const namedYes = rec('m1', 1, { scope: scope({ recipients: [named(ORG)] }) });
    const categoryNo = rec('m1', 2, { status: 'withdrawn' });
    expect(consentRecordStatuses([namedYes, categoryNo], at(9)).map((s) => s.status)).toEqual(['superseded', 'withdrawn']);
    const namedNo = rec('m1', 3, { scope: scope({ recipients: [named(ORG)] }), status: 'withdrawn' });
    expect(consentRecordStatuses([categoryNo, namedNo], at(9)).map((s) => s.status)).toEqual(['withdrawn', 'withdrawn']);
  });

  it('lists given, current records whose review date has passed', () => {
    const due = rec('b', 1, { reviewAt: at(5) });
    const notYet = rec('a', 2, { reviewAt: at(50) });
    const dueButExpired = rec('a', 3, { scope: scope({ purposes: ['dpv:Marketing'] }), reviewAt: at(5), expiresAt: at(6) });
    const dueA = rec('a', 4, { scope: scope({ purposes: ['stw:Campaigning'] }), reviewAt: at(6) });
    const supersededDue = rec('c', 5, { reviewAt: at(5) });
    const replacement = rec('c', 6);
    expect(dueForReview([due, notYet, dueButExpired, dueA, supersededDue, replacement], at(10)).map((r) => r.id)).toEqual([dueA.id, due.id]);
  });
});
