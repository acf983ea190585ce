import {
  canonicalJson,
  ConflictError,
  DECISION_KINDS,
  evaluateRequest,
  OPTION_ID,
  validateCharter,
  validateRequestTerms,
  ValidationError,
  type AccessRequestTerms,
  type Charter,
  type DecisionKind,
  type DecisionRule,
  type FieldIssue,
  type PolicyDecision,
  type ProposalOption,
} from '@steward/core';

/**
 * What a proposal may say, checked against the charter in force. An access request is checked by
 * the policy evaluator before it can become a proposal at all: a request the charter forbids can
 * never be voted on (rule G1), and one it allows needs no vote.
 */

export interface DraftInput {
  kind: string;
  title: string;
  body?: string;
  options?: Array<{ id: string; label: string }>;
  payload?: Record<string, unknown>;
}

export interface Draft {
  kind: DecisionKind;
  title: string;
  body: string;
  options: ProposalOption[];
  payload: Record<string, unknown>;
}

const MAX_TITLE = 200;
const MAX_BODY = 20_000;
const MAX_OPTIONS = 20;
const MAX_LABEL = 200;
/** Bytes of JSON a revenue distribution's or a motion's payload may hold. */
const MAX_PAYLOAD = 16_384;

const isKind = (v: string): v is DecisionKind => (DECISION_KINDS as readonly string[]).includes(v);

function prefixed(error: unknown, prefix: string): FieldIssue[] {
  if (error instanceof ValidationError) return error.issues.map((i) => ({ field: `${prefix}.${i.field}`, message: i.message }));
  throw error;
}

/** Problems with a proposal's options under the rule it will be voted by. */
export function optionIssues(rule: DecisionRule, options: readonly ProposalOption[]): FieldIssue[] {
  if (rule.method === 'schulze' && options.length < 2) return [{ field: 'options', message: 'this decision is a ranked vote: give at least two options' }];
  if (rule.method !== 'schulze' && rule.method !== 'quadratic' && options.length > 0) {
    return [{ field: 'options', message: `this decision is a ${rule.method} vote on the proposal itself: it takes no options` }];
  }
  return [];
}

/** The decision kind whose rule applies, for an access request the one the evaluator names. */
export function ruleKind(kind: DecisionKind, evaluation: PolicyDecision | undefined): DecisionKind {
  return evaluation?.outcome === 'vote' ? evaluation.decision : kind;
}

/** The evaluator's answer for a request's terms, refusing anything but "needs a vote" (G1). */
export function requireVote(charter: Charter, terms: AccessRequestTerms): PolicyDecision & { outcome: 'vote' } {
  const decision = evaluateRequest(charter, terms);
  if (decision.outcome === 'forbidden') throw new ConflictError('request_forbidden', `The charter forbids this request (rule ${decision.rule}): ${decision.reason}`);
  if (decision.outcome === 'allowed') throw new ConflictError('request_needs_no_vote', `The charter allows this request without a vote (rule ${decision.rule}): ${decision.reason}`);
  return decision;
}

/** Checks a draft against the charter in force; throws ValidationError naming every bad field. */
export function validateDraft(input: DraftInput, charter: Charter): Draft & { evaluation?: PolicyDecision } {
  const issues: FieldIssue[] = [];
  const kind = isKind(input.kind) ? input.kind : undefined;
  if (!kind) issues.push({ field: 'kind', message: `must be one of ${DECISION_KINDS.join(', ')}` });
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (title === '' || title.length > MAX_TITLE) issues.push({ field: 'title', message: `must be 1–${MAX_TITLE} characters` });
  const body = (input.body ?? '').trim();
  if (body.length > MAX_BODY) issues.push({ field: 'body', message: `at most ${MAX_BODY} characters` });

  const options: ProposalOption[] = [];
  const raw = input.options ?? [];
  if (raw.length > MAX_OPTIONS) issues.push({ field: 'options', message: `at most ${MAX_OPTIONS} options` });
  const ids = new Set<string>();
  raw.slice(0, MAX_OPTIONS).forEach((o, i) => {
    // Option ids are logged with every ballot (labels never are), so they are short tokens.
    if (typeof o.id !== 'string' || !OPTION_ID.test(o.id)) issues.push({ field: `options.${i}.id`, message: 'use 1–32 lower-case letters, digits, hyphens or underscores' });
    else if (ids.has(o.id)) issues.push({ field: `options.${i}.id`, message: 'another option has this id' });
    const label = typeof o.label === 'string' ? o.label.trim() : '';
    if (label === '' || label.length > MAX_LABEL) issues.push({ field: `options.${i}.label`, message: `must be 1–${MAX_LABEL} characters` });
    ids.add(o.id);
    options.push({ id: o.id, label });
  });

  let payload: Record<string, unknown> = {};
  let evaluation: PolicyDecision | undefined;
  const given = input.payload ?? {};
  if (kind === 'charter_amendment') {
    try {
      const next = validateCharter(given.charter);
      if (canonicalJson(next) === canonicalJson(charter)) issues.push({ field: 'payload.charter', message: 'this is the charter in force: an amendment must change something' });
      payload = { charter: next };
    } catch (error) {
      issues.push(...prefixed(error, 'payload.charter'));
    }
  } else if (kind === 'access_request') {
    try {
      payload = { terms: validateRequestTerms(given.terms) };
    } catch (error) {
      issues.push(...prefixed(error, 'payload.terms'));
    }
  } else if (kind) {
    let text: string | undefined;
    try {
      // Whole numbers only (money in minor units), so the payload has one canonical form and digest.
      text = canonicalJson(given);
    } catch {
      issues.push({ field: 'payload', message: 'numbers must be whole (amounts in minor units, e.g. cents)' });
    }
    if (text !== undefined && text.length > MAX_PAYLOAD) issues.push({ field: 'payload', message: `at most ${MAX_PAYLOAD} bytes of JSON` });
    payload = given;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  if (kind === 'access_request') evaluation = requireVote(charter, payload.terms as AccessRequestTerms);
  const rule = charter.decisions[ruleKind(kind!, evaluation)];
  const optionProblems = optionIssues(rule, options);
  if (optionProblems.length > 0) throw new ValidationError(optionProblems);
  return { kind: kind!, title, body, options, payload, ...(evaluation ? { evaluation } : {}) };
}
