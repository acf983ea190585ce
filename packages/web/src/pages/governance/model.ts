import type { RouteOutput, Routes } from '@steward/contract';
import { DECISION_KIND_TEXT, decisionRuleText, percentText, ratioText } from '@steward/core';

/** Governance shapes named for the UI, all from the contract, and the words the pages share. */

export type ProposalSummary = RouteOutput<Routes['listProposals']>['items'][number];
export type Proposal = RouteOutput<Routes['getProposal']>;
export type CharterView = RouteOutput<Routes['getCharter']>;
export type CharterVersion = RouteOutput<Routes['charterVersions']>['items'][number];
export type Charter = CharterView['charter'];
export type DecisionKind = ProposalSummary['kind'];
export type ProposalStatus = ProposalSummary['status'];
export type DecisionRule = NonNullable<Proposal['rule']>;
export type BallotChoice = RouteOutput<Routes['castBallot']>['choice'];
export type MyBallot = RouteOutput<Routes['myBallot']>;
export type CharterChange = NonNullable<Proposal['changes']>[number];
export type Notification = RouteOutput<Routes['notifications']>['items'][number];
export type Topic = '*' | DecisionKind;

export const KINDS: readonly DecisionKind[] = ['motion', 'charter_amendment', 'access_request', 'revenue_distribution'];
export const TOPICS: readonly Topic[] = ['*', 'access_request', 'charter_amendment', 'revenue_distribution', 'motion'];

export const KIND_LABELS: Record<DecisionKind, string> = {
  motion: 'Motion',
  charter_amendment: 'Charter amendment',
  access_request: 'Access request',
  revenue_distribution: 'Revenue distribution',
};

export const TOPIC_LABELS: Record<Topic, string> = { '*': 'Every kind of decision', ...DECISION_KIND_TEXT };

export const STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: 'Draft',
  open: 'Open for votes',
  closed: 'Closed, being counted',
  passed: 'Passed',
  rejected: 'Rejected',
  vetoed: 'Vetoed',
  expired: 'Expired',
};

export const STATUS_TONES: Record<ProposalStatus, 'neutral' | 'primary' | 'success' | 'warning' | 'danger' | 'info'> = {
  draft: 'neutral',
  open: 'primary',
  closed: 'info',
  passed: 'success',
  rejected: 'danger',
  vetoed: 'danger',
  expired: 'warning',
};

/** The list's filter: open first, then the rest. */
export const FILTERS = [
  { value: 'open', label: 'Open now', statuses: 'open' },
  { value: 'decided', label: 'Decided', statuses: 'closed,passed,rejected,vetoed,expired' },
  { value: 'draft', label: 'Drafts', statuses: 'draft' },
  { value: 'all', label: 'All', statuses: '' },
] as const;
export type FilterValue = (typeof FILTERS)[number]['value'];

export const METHOD_LABELS: Record<DecisionRule['method'], string> = {
  majority: 'Simple majority',
  supermajority: 'Supermajority',
  consent: 'Consent',
  quadratic: 'Quadratic voting',
  schulze: 'Ranked choice',
};

/** Methods whose ballots choose among options the proposal lists. */
export const needsOptions = (method: DecisionRule['method'] | undefined): boolean => method === 'quadratic' || method === 'schulze';

/** "closes in 3 days", "closes in 5 hours", "closed". */
export function closesIn(closesAt: string | null, now: Date = new Date()): string {
  if (!closesAt) return '';
  const ms = new Date(closesAt).getTime() - now.getTime();
  if (ms <= 0) return 'voting has ended';
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 48) return `closes in ${Math.floor(hours / 24)} days`;
  if (hours >= 1) return `closes in ${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  return `closes in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** The rule as plain sentences: method, quorum, threshold, period. */
export function ruleLines(rule: DecisionRule): string[] {
  const lines = [`Decided by ${decisionRuleText(rule)}.`];
  if (rule.method === 'majority' || rule.method === 'supermajority') lines.push(`It passes with ${rule.method === 'majority' ? 'more than' : 'at least'} ${ratioText(rule.threshold)} of the yes and no votes.`);
  lines.push(`At least ${ratioText(rule.quorum)} of the members must take part (voting themselves or through someone they delegated to).`);
  lines.push(`Voting stays open for ${rule.votingPeriodDays === 1 ? '1 day' : `${rule.votingPeriodDays} days`} after it opens.`);
  return lines;
}

/** "3 of 12 members have voted (25%)". */
export function turnoutText(cast: number, electorate: number): string {
  return `${cast} of ${electorate} ${electorate === 1 ? 'member has' : 'members have'} voted (${percentText(cast, electorate)})`;
}

export const OUTCOME_LABELS: Record<string, string> = { passed: 'Passed', rejected: 'Rejected', vetoed: 'Vetoed', no_quorum: 'Not enough members took part' };

/** Quadratic cost of a ballot: Σ votes². */
export function quadraticCost(votes: Record<string, number>): number {
  return Object.values(votes).reduce((sum, v) => sum + v * v, 0);
}

/** Largest number of votes one option can take within the credits. */
export const maxQuadraticVotes = (credits: number): number => Math.floor(Math.sqrt(Math.max(0, credits)));

/** Moves item `i` of a list one place up (-1) or down (+1); the list is unchanged at the ends. */
export function move<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** A JSON value for people, short: strings as they are, everything else as compact JSON. */
export function valueText(v: unknown): string {
  if (v === undefined) return '(nothing)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** `/decisions/access_request/quorum/num` → "decisions › access_request › quorum › num". */
export function pathText(pointer: string): string {
  if (pointer === '') return 'the whole charter';
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join(' › ');
}
