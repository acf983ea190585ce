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

describe('governance entries in plain words', () => {
  const say = (o: object) => entrySentence(entryFacts(JSON.stringify(o)));

  it('lists every governance entry type for the filter', () => {
    for (const t of ['charter.adopted', 'proposal.created', 'proposal.edited', 'proposal.opened', 'ballot.cast', 'proposal.vetoed', 'delegation.set', 'delegation.revoked', 'delegation.counted', 'proposal.decided']) {
      expect(ENTRY_TYPES).toContain(t);
    }
  });

  it('says what the charter and proposal entries record, from refs and counts only', () => {
    expect(say({ type: 'charter.adopted', refs: { kind: 'union' }, counts: { version: 1 } })).toBe('The first charter was adopted');
    expect(say({ type: 'charter.adopted', refs: { kind: 'union', proposal: 'p1' }, counts: { version: 3 } })).toBe('Charter version 3 was adopted by a vote');
    expect(say({ type: 'proposal.created', refs: { proposal: 'p1', kind: 'charter_amendment' } })).toBe('A change to the charter was drafted');
    expect(say({ type: 'proposal.created', refs: { proposal: 'p1', kind: 'motion' } })).toBe('A motion was drafted');
    expect(say({ type: 'proposal.edited', refs: { proposal: 'p1' } })).toBe('A draft proposal was changed');
    expect(say({ type: 'proposal.opened', refs: { proposal: 'p1', topic: 'motion', method: 'majority' }, counts: { electorate: 12 } })).toBe('A vote opened on a motion (by simple majority; 12 members may vote)');
    expect(say({ type: 'proposal.vetoed', refs: { proposal: 'p1', holder: 'Elders council' } })).toBe('A proposal was vetoed by Elders council');
    expect(say({ type: 'proposal.decided', refs: { proposal: 'p1', outcome: 'passed', effect: 'charter_adopted' }, counts: { electorate: 5, turnout: 4 } })).toBe(
      'A proposal passed (4 of 5 members took part); the charter was changed',
    );
    expect(say({ type: 'proposal.decided', refs: { proposal: 'p1', outcome: 'expired', effect: 'none' }, counts: { electorate: 5, turnout: 1 } })).toBe(
      'A proposal expired without enough votes (1 of 5 members took part)',
    );
  });

  it('says how a ballot went only as far as the log does (never an objection’s reason)', () => {
    expect(say({ type: 'ballot.cast', refs: { proposal: 'p1', vote: 'yes' } })).toBe('A member voted (yes)');
    expect(say({ type: 'ballot.cast', refs: { proposal: 'p1', vote: 'object' } })).toBe('A member voted (objected, with a reason)');
    expect(say({ type: 'ballot.cast', refs: { proposal: 'p1' }, counts: { 'rank.0': 0, 'rank.1': 1 } })).toBe('A member voted (a ranking)');
    expect(say({ type: 'ballot.cast', refs: { proposal: 'p1' }, counts: { 'votes.0': 2 } })).toBe('A member voted (quadratic votes)');
  });

  it('says what delegation entries record', () => {
    expect(say({ type: 'delegation.set', refs: { delegation: 'd1', topic: '*' } })).toBe('A member delegated their vote on every kind of decision');
    expect(say({ type: 'delegation.set', refs: { delegation: 'd1', topic: 'access_request' } })).toBe('A member delegated their vote on access requests');
    expect(say({ type: 'delegation.revoked', refs: { delegation: 'd1', topic: 'motion' } })).toBe('A delegation on motions was taken back');
    expect(say({ type: 'delegation.counted', refs: { proposal: 'p1', topic: 'motion' } })).toBe('A delegated vote was counted');
  });
});

describe('governance entries: articles', () => {
  it('writes "an access request"', () => {
    expect(entrySentence(entryFacts(JSON.stringify({ type: 'proposal.created', refs: { kind: 'access_request' } })))).toBe('An access request was drafted');
    expect(entrySentence(entryFacts(JSON.stringify({ type: 'proposal.opened', refs: { topic: 'access_request', method: 'consent' }, counts: { electorate: 1 } })))).toBe(
      'A vote opened on an access request (by consent; 1 member may vote)',
    );
  });
});
