import { ValidationError, type FieldIssue } from '../../errors.ts';
import { isObject } from '../charter-fields.ts';
import type { Ballot, BallotChoice, DecisionRule, ProposalOption } from '../types.ts';

/**
 * Ballot checks. The app refuses a bad ballot when it is cast (validateBallot); the tally runs the
 * same check and leaves out anything that fails, so a recount from the log can never be swayed
 * by a ballot that should not have been stored.
 */

const MAX_REASON = 2000;
const METHOD_TEXT = { majority: 'simple majority', supermajority: 'supermajority', consent: 'consent', quadratic: 'quadratic voting', schulze: 'ranked choice' } as const;

/** Quadratic votes stand for the single question "yes?" when a proposal has no options. */
export const YES_OPTION: ProposalOption = { id: 'yes', label: 'Yes' };

/** The cost of a quadratic ballot in voice credits: Σ votes². */
export function quadraticCost(votes: Readonly<Record<string, number>>): number {
  return Object.values(votes).reduce((sum, v) => sum + v * v, 0);
}

/** Every problem with a ballot's content, named by path; empty when it is good. */
export function ballotIssues(choice: unknown, rule: DecisionRule, options?: readonly ProposalOption[]): FieldIssue[] {
  if (!isObject(choice)) return [{ field: 'choice', message: 'must be an object' }];
  if (choice.method !== rule.method) return [{ field: 'choice.method', message: `this vote is by ${METHOD_TEXT[rule.method]} ("${rule.method}")` }];
  const issues: FieldIssue[] = [];
  switch (rule.method) {
    case 'majority':
    case 'supermajority':
      if (!['yes', 'no', 'abstain'].includes(choice.vote as string)) issues.push({ field: 'choice.vote', message: 'must be yes, no or abstain' });
      break;
    case 'consent':
      if (!['consent', 'object', 'abstain'].includes(choice.vote as string)) issues.push({ field: 'choice.vote', message: 'must be consent, object or abstain' });
      if (choice.reason !== undefined && (typeof choice.reason !== 'string' || choice.reason.length > MAX_REASON)) issues.push({ field: 'choice.reason', message: `must be text of at most ${MAX_REASON} characters` });
      // Consent decision-making: an objection counts only when it says what harm it sees.
      else if (choice.vote === 'object' && (typeof choice.reason !== 'string' || choice.reason.trim() === '')) issues.push({ field: 'choice.reason', message: 'an objection must say why' });
      break;
    case 'quadratic':
      quadraticIssues(choice.votes, rule.voiceCredits ?? 0, options && options.length > 0 ? options : [YES_OPTION], issues);
      break;
    case 'schulze':
      rankingIssues(choice.ranking, options ?? [], issues);
      break;
  }
  return issues;
}

function quadraticIssues(votes: unknown, credits: number, options: readonly ProposalOption[], issues: FieldIssue[]): void {
  if (!isObject(votes)) {
    issues.push({ field: 'choice.votes', message: 'must give votes per option, e.g. { "yes": 3 }' });
    return;
  }
  const ids = new Set(options.map((o) => o.id));
  const before = issues.length;
  for (const [id, v] of Object.entries(votes)) {
    if (!ids.has(id)) issues.push({ field: `choice.votes.${id}`, message: 'not an option of this proposal' });
    // Bounded so v² stays exact; no budget reaches this far anyway.
    else if (typeof v !== 'number' || !Number.isSafeInteger(v) || Math.abs(v) > 1_000_000) issues.push({ field: `choice.votes.${id}`, message: 'must be a whole number of votes (negative to vote against)' });
  }
  if (issues.length > before) return;
  const cost = quadraticCost(votes as Record<string, number>);
  if (cost > credits) issues.push({ field: 'choice.votes', message: `these votes cost ${cost} voice credits (each option costs votes²); you have ${credits}` });
}

function rankingIssues(ranking: unknown, options: readonly ProposalOption[], issues: FieldIssue[]): void {
  if (options.length < 2) {
    issues.push({ field: 'options', message: 'a ranked vote needs at least two options' });
    return;
  }
  if (!Array.isArray(ranking)) {
    issues.push({ field: 'choice.ranking', message: 'must list options from most to least preferred, ties grouped: [["a"], ["b", "c"]]' });
    return;
  }
  const ids = new Set(options.map((o) => o.id));
  const seen = new Set<string>();
  ranking.forEach((group: unknown, i) => {
    if (!Array.isArray(group) || group.length === 0) {
      issues.push({ field: `choice.ranking.${i}`, message: 'must be a non-empty list of options ranked equal' });
      return;
    }
    group.forEach((id: unknown, j) => {
      if (typeof id !== 'string' || !ids.has(id)) issues.push({ field: `choice.ranking.${i}.${j}`, message: 'not an option of this proposal' });
      else if (seen.has(id)) issues.push({ field: `choice.ranking.${i}.${j}`, message: 'ranked twice' });
      else seen.add(id);
    });
  });
}

/** Returns the ballot's choice if it is valid for this vote, or throws ValidationError naming every bad field. */
export function validateBallot(choice: unknown, rule: DecisionRule, options?: readonly ProposalOption[]): BallotChoice {
  const issues = ballotIssues(choice, rule, options);
  if (issues.length > 0) throw new ValidationError(issues);
  return choice as BallotChoice;
}

/**
 * The ballot that counts for each voter: the latest by castAt, and among equal times the later in
 * the list (the log's order). A member may change their ballot until the close.
 */
export function latestBallots(ballots: readonly Ballot[]): Map<string, Ballot> {
  const latest = new Map<string, Ballot>();
  for (const b of ballots) {
    const prev = latest.get(b.voterId);
    if (!prev || b.castAt.getTime() >= prev.castAt.getTime()) latest.set(b.voterId, b);
  }
  return latest;
}
