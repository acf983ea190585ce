import { ConflictError } from '../errors.ts';
import type { DecisionRule, ProposalStatus, TallyResult } from './types.ts';

/**
 * The proposal lifecycle: draft → open → closed → passed / rejected / vetoed / expired. Only a
 * passed proposal yields anything (rule G2); the decided states are final.
 */

export const PROPOSAL_EVENTS = ['open', 'close', 'pass', 'reject', 'veto', 'expire'] as const;
export type ProposalEvent = (typeof PROPOSAL_EVENTS)[number];

const TRANSITIONS: Record<ProposalStatus, Partial<Record<ProposalEvent, ProposalStatus>>> = {
  draft: { open: 'open' },
  open: { close: 'closed' },
  closed: { pass: 'passed', reject: 'rejected', veto: 'vetoed', expire: 'expired' },
  passed: {},
  rejected: {},
  vetoed: {},
  expired: {},
};

const DECIDED = new Set<ProposalStatus>(['passed', 'rejected', 'vetoed', 'expired']);

/** Whether a proposal is decided for good. */
export const isDecided = (status: ProposalStatus): boolean => DECIDED.has(status);

/** The status after `event`, or a ConflictError with a stable code when the move is not allowed. */
export function nextStatus(current: ProposalStatus, event: ProposalEvent): ProposalStatus {
  const next = TRANSITIONS[current]?.[event];
  if (next) return next;
  if (isDecided(current)) throw new ConflictError('proposal_decided', `This proposal is already ${current}; it cannot change any more.`);
  if (current === 'draft') throw new ConflictError('proposal_is_draft', `This proposal is still a draft; open it before it can ${event === 'close' ? 'close' : 'be decided'}.`);
  if (current === 'open') {
    throw new ConflictError('proposal_is_open', event === 'open' ? 'This proposal is already open.' : 'Voting is still open; close the proposal before deciding it.');
  }
  throw new ConflictError('proposal_is_closed', 'Voting on this proposal has closed; only its outcome can be recorded now.');
}

const DAY_MS = 86_400_000;

/** When voting closes: the opening plus the rule's voting period, in whole days of 24 hours. */
export function closesAt(openedAt: Date, rule: DecisionRule): Date {
  return new Date(openedAt.getTime() + rule.votingPeriodDays * DAY_MS);
}

/** Whether ballots (and vetoes) are accepted now: the proposal is open and the period has not ended. */
export function acceptsBallots(status: ProposalStatus, openedAt: Date, rule: DecisionRule, now: Date): boolean {
  return status === 'open' && now.getTime() >= openedAt.getTime() && now.getTime() < closesAt(openedAt, rule).getTime();
}

/** The decided status a tally leads to; a vote without quorum expires. */
export function outcomeStatus(tally: Pick<TallyResult, 'outcome'>): 'passed' | 'rejected' | 'vetoed' | 'expired' {
  switch (tally.outcome) {
    case 'passed':
      return 'passed';
    case 'rejected':
      return 'rejected';
    case 'vetoed':
      return 'vetoed';
    case 'no_quorum':
      return 'expired';
    default:
      // Fail closed on anything unexpected from a stored result: it can never become a grant.
      return 'rejected';
  }
}

/** The lifecycle event that records a tally's outcome on a closed proposal. */
export function outcomeEvent(tally: Pick<TallyResult, 'outcome'>): ProposalEvent {
  return ({ passed: 'pass', rejected: 'reject', vetoed: 'veto', expired: 'expire' } as const)[outcomeStatus(tally)];
}

/** Whether a proposal in this status may yield a grant: only when passed (rule G2). */
export function yieldsGrant(status: ProposalStatus): boolean {
  return status === 'passed';
}
