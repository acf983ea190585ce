import type { FieldIssue } from '../errors.ts';
import { RECIPIENT_CATEGORIES, type PurposeId, type RecipientCategory } from '../consent/types.ts';
import { isPurposeId } from '../consent/vocabulary.ts';
import { DECISION_KINDS, VOTING_METHODS, type DecisionKind, type DecisionRule, type PolicyTarget, type Ratio, type VotingMethod } from './types.ts';

/**
 * Checkers for the pieces of a charter, shared by the charter validator. Each pushes one issue per
 * problem, named by its path, and returns the cleaned value or undefined; callers keep going so a
 * steward sees every problem at once.
 */

export type Issues = FieldIssue[];

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const CURRENCY = /^[A-Z]{3}$/;
const DATASET = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Largest denominator: keeps every cross-multiplication of a tally far below 2⁵³. */
const MAX_DEN = 1_000_000;

export function text(value: unknown, path: string, max: number, issues: Issues, required = true): string | undefined {
  if (typeof value !== 'string' || (required && value.trim() === '')) {
    issues.push({ field: path, message: required ? 'must be some text' : 'must be text' });
    return undefined;
  }
  if (value.length > max) {
    issues.push({ field: path, message: `at most ${max} characters` });
    return undefined;
  }
  return value.trim();
}

export function integer(value: unknown, path: string, min: number, max: number, issues: Issues): number | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    issues.push({ field: path, message: max === Number.MAX_SAFE_INTEGER ? `must be a whole number of at least ${min}` : `must be a whole number from ${min} to ${max}` });
    return undefined;
  }
  return value;
}

export function currency(value: unknown, path: string, issues: Issues): string | undefined {
  if (typeof value !== 'string' || !CURRENCY.test(value)) {
    issues.push({ field: path, message: 'must be an ISO 4217 currency code, three upper-case letters (EUR)' });
    return undefined;
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string, issues: Issues): T | undefined {
  if (!(allowed as readonly unknown[]).includes(value)) {
    issues.push({ field: path, message: `must be one of ${allowed.join(', ')}` });
    return undefined;
  }
  return value as T;
}

/** A ratio of whole numbers, 0 ≤ num ≤ den; one issue at the ratio's path names what is wrong. */
export function ratio(value: unknown, path: string, issues: Issues): Ratio | undefined {
  const ok =
    isObject(value) &&
    Number.isSafeInteger(value.num) &&
    Number.isSafeInteger(value.den) &&
    (value.den as number) >= 1 &&
    (value.den as number) <= MAX_DEN &&
    (value.num as number) >= 0 &&
    (value.num as number) <= (value.den as number);
  if (!ok) {
    issues.push({ field: path, message: `must be a ratio { num, den } of whole numbers with 0 ≤ num ≤ den and 1 ≤ den ≤ ${MAX_DEN}` });
    return undefined;
  }
  return { num: value.num as number, den: value.den as number };
}

/**
 * A list of unique allowed values. `required` lists must be present; an empty list is refused
 * because in a target it would match nothing, which is never what a steward means (leave it out
 * to match everything).
 */
export function uniqueList<T extends string>(value: unknown, path: string, check: (v: unknown) => v is T, what: string, issues: Issues): T[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    issues.push({ field: path, message: `list at least one ${what}` });
    return undefined;
  }
  const seen = new Set<string>();
  const before = issues.length;
  value.forEach((v: unknown, i) => {
    if (!check(v)) issues.push({ field: `${path}.${i}`, message: `not a known ${what}` });
    else if (seen.has(v)) issues.push({ field: `${path}.${i}`, message: 'listed twice' });
    else seen.add(v);
  });
  return issues.length > before ? undefined : ([...seen] as T[]);
}

export const isRecipient = (v: unknown): v is RecipientCategory => (RECIPIENT_CATEGORIES as readonly unknown[]).includes(v);
export const isDecisionKind = (v: unknown): v is DecisionKind => (DECISION_KINDS as readonly unknown[]).includes(v);
const isDataset = (v: unknown): v is string => typeof v === 'string' && DATASET.test(v);

/** A target: optional lists of purposes, recipient categories and datasets. */
export function target(value: unknown, path: string, issues: Issues): PolicyTarget | undefined {
  if (!isObject(value)) {
    issues.push({ field: path, message: 'must be an object; {} matches every use' });
    return undefined;
  }
  const before = issues.length;
  const out: PolicyTarget = {};
  if (value.purposes !== undefined) out.purposes = uniqueList<PurposeId>(value.purposes, `${path}.purposes`, isPurposeId, 'purpose', issues);
  if (value.recipients !== undefined) out.recipients = uniqueList(value.recipients, `${path}.recipients`, isRecipient, 'recipient category', issues);
  if (value.datasets !== undefined) out.datasets = uniqueList(value.datasets, `${path}.datasets`, isDataset, 'dataset (lower-case name or slug)', issues);
  return issues.length > before ? undefined : out;
}

/** How one kind of decision is taken. */
export function decisionRule(value: unknown, path: string, issues: Issues): DecisionRule | undefined {
  if (!isObject(value)) {
    issues.push({ field: path, message: 'must say how this decision is taken (method, quorum, threshold, votingPeriodDays)' });
    return undefined;
  }
  const before = issues.length;
  const method = oneOf<VotingMethod>(value.method, VOTING_METHODS, `${path}.method`, issues);
  const quorum = ratio(value.quorum, `${path}.quorum`, issues);
  const threshold = ratio(value.threshold, `${path}.threshold`, issues);
  const votingPeriodDays = integer(value.votingPeriodDays, `${path}.votingPeriodDays`, 1, 365, issues);
  // A majority must be MORE than the threshold, so a threshold of 100% could never pass.
  if (method === 'majority' && threshold && threshold.num >= threshold.den) issues.push({ field: `${path}.threshold`, message: 'a majority of more than 100% can never be reached; use less than 1' });
  // Below one half, "supermajority" would let a minority decide.
  if (method === 'supermajority' && threshold && threshold.num * 2 < threshold.den) issues.push({ field: `${path}.threshold`, message: 'a supermajority is at least one half' });
  let voiceCredits: number | undefined;
  if (method === 'quadratic') voiceCredits = integer(value.voiceCredits, `${path}.voiceCredits`, 1, 1_000_000, issues);
  else if (value.voiceCredits !== undefined) issues.push({ field: `${path}.voiceCredits`, message: 'only quadratic voting uses voice credits' });
  if (issues.length > before || !method || !quorum || !threshold || votingPeriodDays === undefined) return undefined;
  return voiceCredits === undefined ? { method, quorum, threshold, votingPeriodDays } : { method, quorum, threshold, votingPeriodDays, voiceCredits };
}
