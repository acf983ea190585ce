import { describe, expect, it } from 'vitest';
import { acceptsBallots, closesAt, ConflictError, nextStatus, outcomeEvent, outcomeStatus, PROPOSAL_EVENTS, PROPOSAL_STATUSES, yieldsGrant, type ProposalStatus } from '../../src/index.ts';
import { rule, T0 } from './helpers.ts';

describe('proposal lifecycle', () => {
  it('draft → open → closed → each outcome', () => {
    expect(nextStatus('draft', 'open')).toBe('open');
    expect(nextStatus('open', 'close')).toBe('closed');
    expect(nextStatus('closed', 'pass')).toBe('passed');
    expect(nextStatus('closed', 'reject')).toBe('rejected');
    expect(nextStatus('closed', 'veto')).toBe('vetoed');
    expect(nextStatus('closed', 'expire')).toBe('expired');
  });

  it('every other move is a ConflictError with a stable code', () => {
    const legal = new Set(['draft open', 'open close', 'closed pass', 'closed reject', 'closed veto', 'closed expire']);
    const codes = new Map<string, string>();
    for (const s of PROPOSAL_STATUSES) {
      for (const e of PROPOSAL_EVENTS) {
        if (legal.has(`${s} ${e}`)) continue;
        try {
          nextStatus(s, e);
          expect.unreachable(`${s} ${e}`);
        } catch (err) {
          expect(err).toBeInstanceOf(ConflictError);
          codes.set(s, (err as ConflictError).code);
        }
      }
    }
    expect(Object.fromEntries(codes)).toEqual({
      draft: 'proposal_is_draft',
      open: 'proposal_is_open',
      closed: 'proposal_is_closed',
      passed: 'proposal_decided',
      rejected: 'proposal_decided',
      vetoed: 'proposal_decided',
      expired: 'proposal_decided',
    });
    expect(() => nextStatus('open', 'pass')).toThrow('Voting is still open; close the proposal before deciding it.');
  });

  it('voting closes after the period; ballots are taken only while open and before the close', () => {
    const r = rule({ votingPeriodDays: 7 });
    const close = closesAt(T0, r);
    expect(close.toISOString()).toBe('2026-03-08T00:00:00.000Z');
    expect(acceptsBallots('open', T0, r, new Date(close.getTime() - 1))).toBe(true);
    expect(acceptsBallots('open', T0, r, close)).toBe(false);
    expect(acceptsBallots('draft', T0, r, T0)).toBe(false);
    expect(acceptsBallots('closed', T0, r, T0)).toBe(false);
  });

  it('[G2] tally outcomes map to statuses, and only passed yields a grant', () => {
    expect(outcomeStatus({ outcome: 'passed' })).toBe('passed');
    expect(outcomeStatus({ outcome: 'rejected' })).toBe('rejected');
    expect(outcomeStatus({ outcome: 'vetoed' })).toBe('vetoed');
    expect(outcomeStatus({ outcome: 'no_quorum' })).toBe('expired');
    expect(outcomeEvent({ outcome: 'no_quorum' })).toBe('expire');
    // A corrupted stored result fails closed.
    expect(outcomeStatus({ outcome: 'maybe' as never })).toBe('rejected');
    const granting = PROPOSAL_STATUSES.filter((s: ProposalStatus) => yieldsGrant(s));
    expect(granting).toEqual(['passed']);
  });
});
