import type { Ballot, BallotChoice, Charter, DecisionKind, DecisionRule, Delegation, ProposalOption, ProposalStatus, TallyResult, Veto } from '../governance/types.ts';
import type { Page, PageRequest } from './store.ts';

/** A version of a collective's charter; version 1 is adopted at creation, later ones by amendment. */
export interface StoredCharter {
  collectiveId: string;
  version: number;
  charter: Charter;
  /** Hex SHA-256 of the charter's canonical JSON, as logged. */
  digest: string;
  adoptedAt: Date;
  /** The amendment proposal that adopted it (null for the first). */
  proposalId: string | null;
}

export interface Proposal {
  id: string;
  collectiveId: string;
  kind: DecisionKind;
  title: string;
  /** Plain text (no HTML); the case for the proposal. */
  body: string;
  /** For quadratic and ranked votes; empty for yes/no and consent. */
  options: ProposalOption[];
  /** What it decides, by kind: an access request id, a new charter, a distribution's terms. */
  payload: Record<string, unknown>;
  status: ProposalStatus;
  /** The charter's rule for this kind, copied when it opens, so a later amendment cannot change a running vote. */
  rule: DecisionRule | null;
  /** The charter version in force when it opened. */
  charterVersion: number | null;
  createdBy: string;
  createdAt: Date;
  openedAt: Date | null;
  closesAt: Date | null;
  closedAt: Date | null;
  result: TallyResult | null;
}

export interface StoredBallot extends Ballot {
  proposalId: string;
  /** Order of casting across the store; later replaces earlier for the same voter. */
  seq: number;
}

export interface StoredDelegation extends Delegation {
  id: string;
  collectiveId: string;
  revokedAt: Date | null;
}

export interface StoredVeto extends Veto {
  proposalId: string;
}

export interface ProposalComment {
  id: string;
  proposalId: string;
  authorId: string;
  body: string;
  createdAt: Date;
}

export const NOTIFICATION_KINDS = ['proposal.opened', 'proposal.closing_soon', 'proposal.decided'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  id: string;
  userId: string;
  collectiveId: string;
  kind: NotificationKind;
  proposalId: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface GovernanceReader {
  /** The charter in force (highest version), if one was adopted. */
  currentCharter(collectiveId: string): Promise<StoredCharter | undefined>;
  /** Every version, oldest first (amendments are shown as diffs between consecutive versions). */
  charterVersions(collectiveId: string): Promise<StoredCharter[]>;
  proposal(collectiveId: string, id: string): Promise<Proposal | undefined>;
  /** Newest first; optionally only some statuses. */
  listProposals(collectiveId: string, filter: { statuses?: readonly ProposalStatus[] }, page: PageRequest): Promise<Page<Proposal>>;
  /** The members entitled to vote, fixed when the proposal opened. */
  electorate(proposalId: string): Promise<string[]>;
  /** Every ballot ever cast on the proposal, in casting order (the tally keeps each voter's latest). */
  ballots(proposalId: string): Promise<StoredBallot[]>;
  /** Delegations of the collective not revoked at `at` (created at or before it). */
  activeDelegations(collectiveId: string, at: Date): Promise<StoredDelegation[]>;
  /** A member's own delegations, revoked ones included, newest first. */
  delegationsOf(collectiveId: string, delegatorId: string): Promise<StoredDelegation[]>;
  vetoes(proposalId: string): Promise<StoredVeto[]>;
  comments(proposalId: string): Promise<ProposalComment[]>;
  /** Open proposals whose voting period has ended at `now`, across collectives (the closing job). */
  dueToClose(now: Date): Promise<Proposal[]>;
  /** Open proposals closing between `from` and `to` that have not had a closing-soon notice. */
  closingSoon(from: Date, to: Date): Promise<Proposal[]>;
  /** A user's notifications in a collective, newest first. */
  notifications(userId: string, collectiveId: string, limit: number): Promise<Notification[]>;
}

export interface GovernanceRepository extends GovernanceReader {
  /** Adds the next version (must be current + 1, or 1 for the first; throws ConflictError `charter_version` otherwise). */
  adoptCharter(charter: StoredCharter): Promise<void>;
  createProposal(proposal: Proposal): Promise<void>;
  /**
   * Moves a proposal from `from` to `to` with the given field changes, atomically: false when it
   * is no longer in `from` (another request got there first), so two closers never both decide.
   */
  transition(
    collectiveId: string,
    id: string,
    from: ProposalStatus,
    to: ProposalStatus,
    changes: Partial<Pick<Proposal, 'rule' | 'charterVersion' | 'openedAt' | 'closesAt' | 'closedAt' | 'result' | 'title' | 'body' | 'options' | 'payload'>>,
  ): Promise<boolean>;
  setElectorate(proposalId: string, memberIds: readonly string[]): Promise<void>;
  addBallot(ballot: { proposalId: string; voterId: string; choice: BallotChoice; castAt: Date }): Promise<StoredBallot>;
  /**
   * Serialises changes to the collective's delegations until the transaction ends, so a cycle
   * check reads every delegation committed before it (two opposite delegations set at once must
   * not both pass).
   */
  lockDelegations(collectiveId: string): Promise<void>;
  addDelegation(delegation: Omit<StoredDelegation, 'revokedAt'>): Promise<void>;
  /** Revokes the member's live delegation on the topic; false when there is none. */
  revokeDelegation(collectiveId: string, delegatorId: string, topic: DecisionKind | '*', at: Date): Promise<boolean>;
  addVeto(veto: StoredVeto): Promise<void>;
  addComment(comment: ProposalComment): Promise<void>;
  addNotifications(notifications: readonly Notification[]): Promise<void>;
  /** Marks a user's notifications read; returns how many changed. */
  markNotificationsRead(userId: string, collectiveId: string, at: Date): Promise<number>;
  /** Records that a closing-soon notice went out for the proposal (so it goes once). */
  markClosingSoonSent(proposalId: string): Promise<void>;
}
