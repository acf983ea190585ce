import type { PurposeId, RecipientCategory } from '../consent/types.ts';

/**
 * Collective governance (rules G1–G3): a charter the software enforces (ODRL 2.2 ideas kept as a
 * small JSON document: permissions, prohibitions, duties, constraints), proposals decided by votes
 * the software counts, delegation and veto. Every number that decides an outcome is an integer or
 * a ratio of integers, so tallies are exact and can be recomputed from the log by anyone.
 */

/** A ratio of integers, e.g. two thirds = { num: 2, den: 3 }; 0 ≤ num ≤ den, den ≥ 1. */
export interface Ratio {
  num: number;
  den: number;
}

export const DECISION_KINDS = ['access_request', 'charter_amendment', 'revenue_distribution', 'motion'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const VOTING_METHODS = ['majority', 'supermajority', 'consent', 'quadratic', 'schulze'] as const;
export type VotingMethod = (typeof VOTING_METHODS)[number];

/** How one kind of decision is taken. */
export interface DecisionRule {
  method: VotingMethod;
  /** Share of the electorate that must take part (direct or delegated ballots, abstentions included). */
  quorum: Ratio;
  /**
   * majority: yes must be MORE than this share of yes + no (½ for a simple majority);
   * supermajority: yes must be AT LEAST this share of yes + no (e.g. ⅔);
   * consent, quadratic, schulze: unused (keep { num: 1, den: 2 }).
   */
  threshold: Ratio;
  votingPeriodDays: number;
  /** quadratic only: voice credits per voter; casting n votes on an option costs n². */
  voiceCredits?: number;
}

/** What an ODRL-style rule applies to; an absent list matches everything. */
export interface PolicyTarget {
  purposes?: PurposeId[];
  recipients?: RecipientCategory[];
  /** Canonical dataset names (`work_tasks`) or dataset slugs. */
  datasets?: string[];
}

/**
 * One rule of the charter. `prohibit`: the use is forbidden outright (collective data rights: even
 * if members would consent). `permit`: allowed without a vote. `vote`: allowed only when a
 * proposal of `decision` kind passes (an ODRL permission with a duty).
 */
export interface PolicyRule {
  /** Stable id, quoted in decisions (`no-advertising`). */
  id: string;
  effect: 'permit' | 'prohibit' | 'vote';
  target: PolicyTarget;
  /** For `vote`: which decision rule applies (default `access_request`). */
  decision?: DecisionKind;
  /** Constraints on a permitted or voted use; breaking one forbids the request with this rule's id. */
  constraints?: {
    maxDurationDays?: number;
    /** Smallest price per request, in minor units of `currency`. */
    minPriceMinor?: number;
    currency?: string;
  };
  /** Plain-language reason shown with every decision this rule makes. */
  reason: string;
}

/** Who may veto which decisions (e.g. an elders' council over uses of health data). */
export interface VetoRight {
  /** Name of the body, shown with a veto (`Health committee`). */
  holder: string;
  /** Who sits on it: users with a collective role, or listed user ids. */
  members: { role: 'steward' | 'auditor' } | { userIds: string[] };
  kinds: DecisionKind[];
  /** Only over uses touching these (absent: every proposal of those kinds). */
  target?: PolicyTarget;
}

export const CHARTER_KINDS = ['union', 'drivers_cooperative', 'health_cooperative', 'indigenous_data_governance', 'custom'] as const;
export type CharterKind = (typeof CHARTER_KINDS)[number];

export const REVENUE_RULES = ['equal', 'proportional', 'usage_weighted', 'shapley'] as const;
export type RevenueRule = (typeof REVENUE_RULES)[number];

/** A collective's charter: a versioned, validated JSON document. */
export interface Charter {
  /** Document format version. */
  format: 1;
  kind: CharterKind;
  title: string;
  /** Plain-language preamble: what the collective is for. */
  preamble: string;
  /** Rules in order; the first prohibition that matches wins, then constraints, then permits/votes. */
  rules: PolicyRule[];
  /** What happens to a request no rule matches. */
  otherwise: 'vote' | 'prohibit';
  /** Smallest group any release may describe (rule P3). */
  minCohort: number;
  /**
   * Privacy budget limits in micro-ρ (zero-concentrated DP ρ × 10⁶), integers so accounting is
   * exact: per request, and per member per period (rule P2).
   */
  privacy: { maxRhoMicroPerRequest: number; maxRhoMicroPerMemberPerPeriod: number; periodDays: number };
  /** Price floors per recipient category, per request, in minor units. */
  priceFloors: Array<{ recipients: RecipientCategory[]; currency: string; minPriceMinor: number }>;
  decisions: Record<DecisionKind, DecisionRule>;
  vetoes: VetoRight[];
  delegation: { allowed: boolean };
  revenue: { rule: RevenueRule; treasuryShare: Ratio };
}

/** A request for access, as the evaluator sees it (issue 7's access requests give these). */
export interface AccessRequestTerms {
  purpose: PurposeId;
  recipient: RecipientCategory;
  /** Canonical dataset names or slugs. */
  datasets: string[];
  /** Privacy budget asked for, micro-ρ. */
  rhoMicro: number;
  price: { amountMinor: number; currency: string };
  durationDays: number;
}

export type PolicyDecision =
  | { outcome: 'allowed'; rule: string; reason: string }
  | { outcome: 'vote'; decision: DecisionKind; rule: string; reason: string }
  | { outcome: 'forbidden'; rule: string; reason: string };

/** Proposal lifecycle: draft → open → closed → passed / rejected / vetoed / expired. */
export const PROPOSAL_STATUSES = ['draft', 'open', 'closed', 'passed', 'rejected', 'vetoed', 'expired'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** One option of a choice among several (quadratic and ranked votes). */
export interface ProposalOption {
  id: string;
  label: string;
}

/** A ballot's content, by method. */
export type BallotChoice =
  | { method: 'majority' | 'supermajority'; vote: 'yes' | 'no' | 'abstain' }
  /** consent: passes unless an objection stands; an objection must give a reason. */
  | { method: 'consent'; vote: 'consent' | 'object' | 'abstain'; reason?: string }
  /** quadratic: votes per option (negative = against); cost Σ votes² ≤ voice credits. */
  | { method: 'quadratic'; votes: Record<string, number> }
  /** schulze: options from most to least preferred; an inner list is a tie; unlisted options rank last. */
  | { method: 'schulze'; ranking: string[][] };

export interface Ballot {
  voterId: string;
  choice: BallotChoice;
  /** When cast; a later ballot of the same voter replaces an earlier one until the close. */
  castAt: Date;
}

/** A delegation (liquid democracy): `delegatorId` lets `delegateId` vote for them on `topic`. */
export interface Delegation {
  delegatorId: string;
  delegateId: string;
  /** A decision kind, or `*` for every topic. A topic-specific delegation beats `*`. */
  topic: DecisionKind | '*';
  createdAt: Date;
}

export interface Veto {
  holder: string;
  vetoerId: string;
  reason: string;
  at: Date;
}

export type TallyOutcome = 'passed' | 'rejected' | 'vetoed' | 'no_quorum';

export interface TallyResult {
  outcome: TallyOutcome;
  method: VotingMethod;
  electorate: number;
  /** Voters counted: direct ballots plus the delegators they carried. */
  turnout: number;
  quorumMet: boolean;
  /** Per method: yes/no/abstain weights, objections, quadratic sums per option, Schulze pairwise strengths. */
  counts: Record<string, number>;
  /** quadratic and schulze: the winning option ids (ties: more than one, in option order). */
  winners?: string[];
  /** Why, in plain words, e.g. "yes 14 of 20 (70%) ≥ ⅔; quorum 20 of 50 ≥ 30%". */
  reasons: string[];
  /** Each direct voter's weight: 1 + the members their ballot carried by delegation. */
  weights?: Record<string, number>;
}
