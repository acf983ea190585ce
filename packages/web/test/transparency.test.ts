import { describe, expect, it } from 'vitest';
import { entryFacts, entrySentence, ENTRY_TYPES } from '../src/lib/transparency.ts';

describe('log entries in plain words', () => {
  it('says what a consent entry records, from its status and counts only', () => {
    const body = JSON.stringify({ v: 1, type: 'consent.recorded', time: '2026-11-25T10:00:00.000Z', collective: 'c', actor: 'p:abc', subject: 'p:abc', refs: { consent: 'id', status: 'withdrawn' }, counts: { datasets: 5, purposes: 9, recipients: 6 } });
    expect(entrySentence(entryFacts(body))).toBe('A member withdrew consent (9 purposes, 6 kinds of recipient)');
    const given = JSON.stringify({ type: 'consent.recorded', refs: { status: 'given' }, counts: { purposes: 1, recipients: 1 } });
    expect(entrySentence(entryFacts(given))).toBe('A member gave consent (1 purpose, 1 kind of recipient)');
    expect(ENTRY_TYPES).toContain('consent.recorded');
  });
});
